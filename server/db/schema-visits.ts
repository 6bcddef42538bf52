import type { Generated } from 'kysely';
import type { FixRating, Flag } from './schema.ts';

// The tables of visits (三遍访, migration 0015, decision 018). Conventions as in schema.ts.

export const VILLAGE_KINDS = ['village', 'community'] as const;
/** 村 or 社区. */
export type VillageKind = (typeof VILLAGE_KINDS)[number];
export const ENTERPRISE_SIZES = ['large', 'medium', 'small', 'micro'] as const;
/** 大型 / 中型 / 小型 / 微型 (the statistical classification). */
export type EnterpriseSize = (typeof ENTERPRISE_SIZES)[number];
export const VISIT_TARGET_KINDS = ['enterprise', 'village', 'household'] as const;
/** Whom a visit went to: an enterprise, a village or community as such, or households of a village. */
export type VisitTargetKind = (typeof VISIT_TARGET_KINDS)[number];
export const VISIT_OUTCOMES = ['solved', 'explained', 'transferred', 'hotline'] as const;
/** 当场解决 / 解释说明 / 转交责任单位 / 转12345. */
export type VisitOutcome = (typeof VISIT_OUTCOMES)[number];
export const FEEDBACK_CHANNELS = ['phone', 'visit', 'sms', 'other'] as const;
export type FeedbackChannel = (typeof FEEDBACK_CHANNELS)[number];

/** A village (村) or community (社区) of a township. */
export interface VisitVillageTable {
  id: Generated<number>;
  /** A `units` row of level township (乡镇 / 街道). */
  township_id: number;
  /** The office's own code, if it has one. */
  code: string | null;
  name: string;
  kind: VillageKind;
  /** 户数: the households to visit; coverage counts households visited of these. */
  households: number;
  sort_order: number;
  active: Flag;
  created_at: string;
}

export interface VisitEnterpriseTable {
  id: Generated<number>;
  /** 统一社会信用代码 (GB 32100-2015), 18 characters, its check character verified. */
  credit_code: string;
  name: string;
  address: string | null;
  township_id: number;
  village_id: number | null;
  industry: string | null;
  size: EnterpriseSize;
  active: Flag;
  created_at: string;
}

/** A household of a village, only when the office imports a list (else the village's count stands). */
export interface VisitHouseholdTable {
  id: Generated<number>;
  village_id: number;
  /** 户主 or 门牌: what the office's list calls it. */
  label: string;
  address: string | null;
  created_at: string;
}

/** 民情书记服务队: cadres from several units who visit a township's or villages' targets. */
export interface VisitTeamTable {
  id: Generated<number>;
  name: string;
  active: Flag;
  created_at: string;
}

export interface VisitTeamMemberTable {
  id: Generated<number>;
  team_id: number;
  /** The member's account: members record visits on their phones. */
  user_id: number;
  /** The unit the member comes from (coverage per unit), usually the account's. */
  unit_id: number | null;
  is_leader: Flag;
}

/** What a team covers: a whole township (village_id null) or one village. */
export interface VisitTeamAreaTable {
  id: Generated<number>;
  team_id: number;
  township_id: number | null;
  village_id: number | null;
}

/** One visit: who went, to whom, when, where, and what was heard. */
export interface VisitTable {
  id: Generated<number>;
  /** Made by the phone when the draft began: a resent record is the same record, never a second one. */
  client_ref: string;
  team_id: number | null;
  recorded_by: number;
  /** `YYYY-MM-DD`, China's calendar day. */
  visited_on: string;
  /** `HH:MM`, China time, or null. */
  visited_time: string | null;
  place: string | null;
  target_kind: VisitTargetKind;
  enterprise_id: number | null;
  /** The village visited, or the village of the households visited. */
  village_id: number | null;
  /** One listed household, when the office imported a list. */
  household_id: number | null;
  /** Households visited in the village (target household without a list). */
  households_count: number | null;
  /** JSON: the visiting cadres, `[{ "userId": 3 } | { "name": "…", "unit": "…" }]`. */
  cadres: string;
  heard: string;
  created_at: string;
  updated_at: string;
}

/** One problem heard on a visit, with its outcome and the feedback to the person who raised it. */
export interface VisitProblemTable {
  id: Generated<number>;
  visit_id: number;
  /** 1, 2, 3 … within the visit. */
  seq: number;
  description: string;
  raiser_name: string | null;
  raiser_phone: string | null;
  /** 1 when the person agreed that their name and phone go with the problem (to the unit, to 12345). */
  share_contact: Flag;
  outcome: VisitOutcome;
  /** What was done on the spot, or the explanation given. */
  resolution: string | null;
  /** Explained: whether the person accepted the explanation (null: not asked). */
  explanation_accepted: Flag | null;
  /** Transferred: the unit responsible; 12345: the handling unit suggested. */
  unit_id: number | null;
  /** Transferred: the inbox item (`problem_reports.id`) it became. */
  report_id: string | null;
  hotline_ticket: string | null;
  hotline_status: string | null;
  hotline_reply: string | null;
  hotline_updated_at: string | null;
  /** Transferred or handed to 12345: the last working day to tell the person the outcome. */
  feedback_due_on: string | null;
  /** When the person was told, how, and how satisfied they were. */
  fed_back_on: string | null;
  feedback_channel: FeedbackChannel | null;
  feedback_satisfaction: FixRating | null;
  /** The follow-up (rate-the-fix link) sent to the person, if any. */
  followup_id: string | null;
  created_at: string;
  updated_at: string;
}

/** A caller of the integration APIs (the 12345 platform's post-back), with its own secret. */
export interface IntegrationTable {
  id: Generated<number>;
  name: string;
  kind: 'hotline';
  /** SHA-256 (hex) of the secret, which is shown once when created. */
  secret_hash: string;
  created_at: string;
  created_by: number | null;
  disabled_at: string | null;
  last_used_at: string | null;
}

export interface VisitTables {
  visit_villages: VisitVillageTable;
  visit_enterprises: VisitEnterpriseTable;
  visit_households: VisitHouseholdTable;
  visit_teams: VisitTeamTable;
  visit_team_members: VisitTeamMemberTable;
  visit_team_areas: VisitTeamAreaTable;
  visits: VisitTable;
  visit_problems: VisitProblemTable;
  integrations: IntegrationTable;
}
