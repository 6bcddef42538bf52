import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { RaterType } from '../../scoring/rater-type.ts';

/**
 * Hand-written table types. Conventions shared by SQLite and PostgreSQL:
 * - timestamps are ISO-8601 UTC strings (`2026-11-22T08:00:00.000Z`);
 * - flags are integers 0/1 (one representation on both dialects);
 * - JSON documents are stored as text and parsed at the repository edge.
 */

export type UnitLevel = 'city' | 'county' | 'township' | 'department';
export const CAMPAIGN_STATUSES = ['draft', 'open', 'closed', 'published', 'archived'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];
export type UserRole = 'admin' | 'leader' | 'unit_staff';
export type Flag = 0 | 1;

export interface CategoryTable {
  id: Generated<number>;
  code: string;
  name: string;
  name_en: string;
  /** 0 = rated but not ranked (e.g. 垂管单位 in many schemes). */
  ranked: Flag;
  sort_order: number;
}

export interface UnitTable {
  id: Generated<number>;
  code: string;
  name: string;
  name_en: string;
  parent_id: number | null;
  level: UnitLevel;
  category_id: number | null;
  sort_order: number;
  active: Flag;
  created_at: string;
}

export interface UserTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  role: UserRole;
  unit_id: number | null;
  password_hash: string;
  must_change_password: Flag;
  disabled: Flag;
  created_at: string;
}

export interface SessionTable {
  /** SHA-256 of the session token; the token itself lives only in the user's cookie. */
  id: string;
  user_id: number;
  created_at: string;
  expires_at: string;
}

export interface QuestionnaireTable {
  id: Generated<number>;
  /** Stable key shared by all versions of one questionnaire. */
  family: string;
  version: number;
  rater_type: RaterType;
  title: string;
  /** The SurveyJS JSON definition, exactly as served. */
  definition: string;
  created_at: string;
}

export interface CampaignTable {
  id: Generated<number>;
  slug: string;
  name: string;
  name_en: string;
  status: CampaignStatus;
  starts_at: string;
  ends_at: string;
  /** Scoring and access settings as JSON (see the scoring settings schema). */
  settings: string;
  created_at: string;
  opened_at: string | null;
  closed_at: string | null;
}

export interface CampaignUnitTable {
  campaign_id: number;
  unit_id: number;
  /** The unit's category, snapshotted when the unit joined the campaign. */
  category_id: number | null;
}

export interface CampaignRaterTypeTable {
  campaign_id: number;
  rater_type: RaterType;
  questionnaire_id: number;
  /** Anonymity threshold: fewer ballots than this and the group shows nothing. */
  min_count: number;
}

export interface CodeBatchTable {
  id: Generated<number>;
  campaign_id: number;
  rater_type: RaterType;
  /** For peer codes: the unit whose staff rate the others (never rated by its own codes). */
  rater_unit_id: number | null;
  /** For service-event codes: the one unit the recipient may rate. */
  target_unit_id: number | null;
  label: string;
  size: number;
  created_at: string;
}

export interface AccessCodeTable {
  /** HMAC of the code under the server secret; the plain code is never stored. */
  code_hash: string;
  batch_id: number;
  campaign_id: number;
  /** Whether the code was used. Deliberately no timestamp: see decision 002. */
  spent: Flag;
  voided: Flag;
}

export interface BallotTable {
  /** Random UUID: reveals nothing about order or origin. */
  id: string;
  campaign_id: number;
  rater_type: RaterType;
  questionnaire_id: number;
  /** For recipient ballots: the unit rated; null for ballots that rate many units. */
  target_unit_id: number | null;
  /** Short random receipt the rater may keep. */
  receipt: string;
  /** SHA-256 of the client's submission id, to make retries idempotent. */
  submission_hash: string;
  /** Submission time rounded down to the hour: enough for trends, too coarse to single out a rater. */
  submitted_hour: string;
  /** The validated answers as JSON (comments included). */
  answers: string;
  /** Quality flags as a JSON array, or null. */
  flags: string | null;
  /** The office's decision on a flagged ballot: null (not reviewed), 'accepted' or 'excluded'. */
  review_status: 'accepted' | 'excluded' | null;
}

export interface RatingTable {
  ballot_id: string;
  campaign_id: number;
  rater_type: RaterType;
  unit_id: number;
  item: string;
  points: number;
  /** 0 once the office excludes the ballot after review; only counted ratings enter results. */
  counted: Generated<Flag>;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor_user_id: number | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  detail: string | null;
}

export interface RateCounterTable {
  /** What is limited, e.g. `login` or `open-rating:12:device`. */
  scope: string;
  /** Keyed hash of who is limited (never the plain IP, device id or user name). */
  key_hash: string;
  window_start: string;
  count: number;
}

export interface CampaignKeyTable {
  campaign_id: number;
  /** Key for rate-limit hashes of devices and addresses; deleted at close so the hashes become meaningless. */
  key: string;
}

export interface AppSettingTable {
  key: string;
  value: string;
}

/**
 * One row per ballot × unit: the sum and the number of that ballot's counted ratings of the unit, kept by
 * triggers on `ratings` (migration 0005, decision 005). Derived data: the recount reads the ratings
 * themselves and must agree with it.
 */
export interface BallotUnitScoreTable {
  ballot_id: string;
  unit_id: number;
  campaign_id: number;
  rater_type: RaterType;
  /** Σ points of the counted ratings (P in the scoring module). */
  points: number;
  /** Number of counted ratings (K in the scoring module, item weights being 1). */
  answers: number;
}

/** Published versions; triggers refuse UPDATE and DELETE (migration 0005). */
export interface PublicationTable {
  campaign_id: number;
  /** 1, 2, 3 … per campaign; publishing again adds a version and keeps the earlier ones. */
  version: number;
  published_at: string;
  published_by: number | null;
  /** SHA-256 (hex) of `content`. */
  content_hash: string;
  /** The published document as canonical JSON (formats/canonical-json.ts). */
  content: string;
}

export interface Database {
  categories: CategoryTable;
  units: UnitTable;
  users: UserTable;
  sessions: SessionTable;
  questionnaires: QuestionnaireTable;
  campaigns: CampaignTable;
  campaign_units: CampaignUnitTable;
  campaign_rater_types: CampaignRaterTypeTable;
  code_batches: CodeBatchTable;
  access_codes: AccessCodeTable;
  ballots: BallotTable;
  ratings: RatingTable;
  audit_log: AuditLogTable;
  app_settings: AppSettingTable;
  rate_counters: RateCounterTable;
  campaign_keys: CampaignKeyTable;
  ballot_unit_scores: BallotUnitScoreTable;
  publications: PublicationTable;
}

export type Unit = Selectable<UnitTable>;
export type NewUnit = Insertable<UnitTable>;
export type UnitUpdate = Updateable<UnitTable>;
export type Category = Selectable<CategoryTable>;
export type Campaign = Selectable<CampaignTable>;
export type Questionnaire = Selectable<QuestionnaireTable>;
export type Ballot = Selectable<BallotTable>;
export type NewBallot = Insertable<BallotTable>;
export type NewRating = Insertable<RatingTable>;
export type User = Selectable<UserTable>;
