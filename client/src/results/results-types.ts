/** The ranking as the API shows it (live results; publications use the same unit shape). */
export interface RankedGroup {
  raterType: 'superior' | 'peer' | 'recipient';
  status?: 'ok' | 'suppressed' | 'missing';
  ballots: number;
  minCount: number;
  suppressed: boolean;
  score?: number | null;
  mean: number | null;
  items?: Array<{ item: string; label: string; n: number; suppressed: boolean; mean: number | null }>;
}

export interface RankedUnit {
  unitId: number;
  code: string;
  name: string;
  nameEn: string;
  categoryKey: string;
  composite: number | null;
  rank: number | null;
  rankRange: { best: number; worst: number } | null;
  grade: string | null;
  flags: Array<{ code: string; [key: string]: unknown }>;
  groups: RankedGroup[];
}

export interface RankedCategory {
  key: string;
  name: string;
  nameEn: string;
  ranked: boolean;
  gradeCounts: Array<{ grade: string; count: number }>;
}
