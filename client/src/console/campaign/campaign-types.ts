import type { RaterType } from '../../../../scoring/rater-type.ts';

/** The office's view of a campaign (GET /api/admin/campaigns/{id}). */
export interface CampaignConfig {
  id: number;
  slug: string;
  name: string;
  nameEn: string;
  status: 'draft' | 'open' | 'closed' | 'published' | 'archived';
  startsAt: string;
  endsAt: string;
  createdAt: string;
  openedAt: string | null;
  closedAt: string | null;
  settings: Record<string, unknown>;
  units: Array<{ id: number; code: string; name: string; nameEn: string; active: boolean; categoryId: number | null }>;
  categories: Array<{ id: number; code: string; name: string; nameEn: string; ranked: boolean; unitCount: number }>;
  raterTypes: Array<{
    raterType: RaterType;
    minCount: number;
    questionnaire: { id: number; family: string; version: number; title: string };
  }>;
  /** For a draft: what still stops it from opening (empty when it can open); null otherwise. */
  openingProblems: string[] | null;
}
