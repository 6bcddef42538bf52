import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { RaterType } from '../../scoring/rater-type.ts';
import type { VisitTables } from './schema-visits.ts';
import type { WebhookTables } from './schema-webhooks.ts';
import type { HotlineTables } from './schema-hotline.ts';

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
  /** When a one-time password stops working; null for a password the user chose. */
  password_expires_at: string | null;
  /**
   * A mainland mobile (11 digits, e.g. 13800138000), typed by an administrator; used only to text weekly-report
   * reminders to a unit's staff. Only the administrators' account list shows it.
   */
  phone: string | null;
}

export interface SpentChallengeTable {
  /** SHA-256 of a proof-of-work challenge's nonce. */
  nonce_hash: string;
  /** How many requests the solution has been used for (a code look-up and its token exchange: two). */
  uses: number;
  expires_at: string;
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
  /** Whether the code was used. Deliberately no timestamp: see decision 011. */
  spent: Flag;
  voided: Flag;
  /** SHA-256 of the blinded token request the code was exchanged for, so a retried exchange gets the same answer. */
  blinded_hash: string | null;
  /** The blind signature given for it (unlinkable to the token it becomes: decision 011). */
  blind_signature: string | null;
}

/**
 * A ballot that rated one unit (a service recipient's): its answers, flags and review. Ballots that rate
 * many units keep no row (decision 011): only their cards, with nothing joining them.
 */
export interface BallotTable {
  /** Random UUID: reveals nothing about order or origin. Also the id of the ballot's one card. */
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
  /**
   * Quality flags, or null when none: `{"flags":[…],"fillSeconds":n|null}` (server/ballots/quality-flags.ts),
   * or a bare JSON array of flags in ballots stored before fill times were kept.
   */
  flags: string | null;
  /** The office's decision on a flagged ballot: null (not reviewed), 'accepted' or 'excluded'. */
  review_status: 'accepted' | 'excluded' | null;
}

/** One rating: an item of one card (one ballot's ratings of one unit). */
export interface RatingTable {
  /** Random id of the card; a recipient's card has its ballot's id, a many-unit ballot's cards share nothing. */
  card_id: string;
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
  /** When the window ends and the counter can go; null on rows older than migration 0007. */
  expires_at: string | null;
}

export interface AppSettingTable {
  key: string;
  value: string;
}

/**
 * One row per card: the sum and the number of its counted ratings, kept by triggers on `ratings`
 * (migration 0006, decision 005). Derived data: the recount reads the ratings themselves.
 */
/** Counted ratings per unit × item × points (decision 013): item statistics and histograms. */
export interface RatingTallyTable {
  campaign_id: number;
  rater_type: RaterType;
  unit_id: number;
  item: string;
  points: number;
  n: number;
}

/** Counted cards per unit by what they gave it: K answers summing to P points, and how many (decision 013). */
export interface CardTallyTable {
  campaign_id: number;
  rater_type: RaterType;
  unit_id: number;
  /** K: the card's counted ratings (item weights being 1). */
  answers: number;
  /** P: the sum of their points. */
  points: number;
  n: number;
}

/** Recipient ballots received per unit, flagged ones counted too (participation, decision 013). */
export interface RecipientCountTable {
  campaign_id: number;
  unit_id: number;
  received: number;
  flagged: number;
}

/** How many ballots of a many-unit rater type were mixed in (they keep no ballot row). */
export interface BallotCountTable {
  campaign_id: number;
  rater_type: RaterType;
  /** Every ballot mixed in. */
  received: number;
  /** Of them, those with at least one valid (scored) answer: the ballots the results count. */
  rated: number;
}

/** How many mixed many-unit ballots carried each quality flag (computed at submission, kept as counts). */
export interface QualityCountTable {
  campaign_id: number;
  rater_type: RaterType;
  flag: string;
  ballots: number;
}

/** A leader's or peer's comment, mixed in apart from the cards of the ballot it came with. */
export interface RaterCommentTable {
  id: string;
  campaign_id: number;
  rater_type: RaterType;
  text: string;
}

/** A problem a recipient reported, stored apart from the ballot it came with (nothing joins them). */
export interface ProblemReportTable {
  id: string;
  /** The campaign of a recipient's report; null for a problem transferred from a visit (migration 0015). */
  campaign_id: number | null;
  unit_id: number;
  description: string;
  /** The phone or e-mail the recipient chose to leave, or null. */
  contact: string | null;
  /** The unit's inbox (migration 0011): the day the batch was written (never the ballot's time), `YYYY-MM-DD`. */
  received_on: string | null;
  /** The last working day for the unit's answer. */
  due_on: string | null;
  status: Generated<InboxStatus>;
  /** The problem the report was accepted into or merged with. */
  problem_id: number | null;
  /** The unit's explanation, or its reason for asking the office to reject the report. */
  answer: string | null;
  answered_at: string | null;
  answered_by: number | null;
  /** 'rating': a recipient's report, mixed in apart from the ballot; 'visit': transferred from a visit (0015). */
  source: Generated<InboxSource>;
  /** The visit problem it was transferred from (source 'visit'), else null. */
  visit_problem_id: number | null;
}

export const INBOX_SOURCES = ['rating', 'visit'] as const;
export type InboxSource = (typeof INBOX_SOURCES)[number];

/**
 * A sealed record waiting to be mixed into a batch: a many-unit ballot's cards; with a recipient's ballot, a
 * problem report or, when none was reported, a sealed nothing of the same size (so no ballot stands out).
 */
export interface BallotInboxTable {
  id: string;
  campaign_id: number;
  rater_type: RaterType;
  /** AES-256-GCM under a key derived from the server key (never in the database), of a fixed-size record. */
  sealed: Uint8Array;
}

/** A token redeemed with a ballot: SHA-256 of the token, unlinkable to the code it was issued for. */
export interface SpentTokenTable {
  token_hash: string;
  campaign_id: number;
}

/** A many-unit ballot's receipt, found again by its submission id when the same ballot is retried. */
export interface ReceiptTable {
  submission_hash: string;
  campaign_id: number;
  receipt: string;
}

/** The blind-signature key of one kind of token (campaign × rater type × bound unit), deleted at close. */
export interface TokenKeyTable {
  campaign_id: number;
  /** `superior`, `peer:{raterUnitId}` or `recipient:{targetUnitId}`. */
  key_class: string;
  /** SPKI, base64url. */
  public_key: string;
  /** PKCS #8, sealed under a key derived from the server key. */
  private_key: string;
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

/**
 * How many respondent pages could not start, per campaign, UTC day and kind (issue 18, migration 0010):
 * counts only, nothing about the phone or the person (decision 011).
 */
export interface PageReportTable {
  /** The campaign of the QR page; null when the page had none or its slug is unknown. */
  campaign_id: number | null;
  /** UTC day, `YYYY-MM-DD`. */
  day: string;
  /** `too-old` (below the support floor) or `modern-failed` (fell back to the legacy build). */
  kind: string;
  count: number;
}

// Problems and rectification (issue 15, migration 0011, decision 017).

export const PROBLEM_SOURCES = ['self', 'rating', 'visit', 'hotline', 'inspection', 'media', 'assigned'] as const;
/** 自查, 评议 (a rating comment or problem report), 走访, 12345, 督查/暗访, 媒体, 上级交办. */
export type ProblemSource = (typeof PROBLEM_SOURCES)[number];
export const PROBLEM_STATES = [
  'draft',
  'submitted',
  'returned',
  'filed',
  'in_progress',
  'claimed',
  'closed',
  'explained',
] as const;
export type ProblemState = (typeof PROBLEM_STATES)[number];
export type ProblemVisibility = 'public' | 'internal';
export const INBOX_STATUSES = ['open', 'accepted', 'merged', 'explained', 'rejection_requested', 'rejected'] as const;
export type InboxStatus = (typeof INBOX_STATUSES)[number];
export const FIX_RATINGS = ['satisfied', 'basically_satisfied', 'unsatisfied'] as const;
/** 满意 / 基本满意 / 不满意. */
export type FixRating = (typeof FIX_RATINGS)[number];

export interface ProblemTypeTable {
  id: Generated<number>;
  name: string;
  name_en: string;
  sort_order: number;
  active: Flag;
}

/** One problem of a unit's list and ledger, in its current state; its history is `problem_events`. */
export interface ProblemTable {
  id: Generated<number>;
  unit_id: number;
  /** The campaign it came from (a recipient's report, a rating comment), or null. */
  campaign_id: number | null;
  title: string;
  detail: string;
  source: ProblemSource;
  /** A 12345 ticket number, an inspection notice, a visit record … */
  source_ref: string | null;
  type_id: number | null;
  /** 责任领导 and 责任人. */
  leader: string | null;
  owner: string | null;
  /** 整改措施. */
  measures: string | null;
  /** 时限, `YYYY-MM-DD` (China's calendar day); overdue is derived from it, never stored. */
  deadline: string | null;
  visibility: ProblemVisibility;
  state: ProblemState;
  /** Why a demand was explained / not accepted (state `explained`). */
  explanation: string | null;
  /** How many times completion has been claimed: a raiser rates each claim once. */
  claim_round: Generated<number>;
  created_by: number | null;
  created_at: string;
  updated_at: string;
  filed_at: string | null;
  claimed_at: string | null;
  closed_at: string | null;
}

/** One entry of a problem's timeline; triggers refuse UPDATE and DELETE (migration 0011). */
export interface ProblemEventTable {
  id: Generated<number>;
  problem_id: number;
  at: string;
  actor_user_id: number | null;
  /** `user` (signed in), `raiser` (with a follow-up code) or `system`. */
  actor_kind: 'user' | 'raiser' | 'system';
  action: string;
  from_state: ProblemState | null;
  to_state: ProblemState | null;
  /** JSON `{ field: [old, new] }` for edits, or null. */
  changes: string | null;
  note: string | null;
  /** 1 when the entry shows on the public ledger and in 整改周周见. */
  public: Flag;
}

/** A photo or PDF of a fix. The bytes live in the evidence store under `storage_key`, checked by `sha256`. */
export interface ProblemEvidenceTable {
  id: string;
  problem_id: number;
  event_id: number | null;
  media_type: string;
  bytes: number;
  sha256: string;
  storage_key: string;
  file_name: string;
  uploaded_by: number | null;
  uploaded_at: string;
}

/** A follow-up code (its SHA-256 only): the raiser sees the problem with it and rates the fix. */
export interface ProblemFollowupTable {
  id: string;
  code_hash: string;
  /** The inbox report it came with (a recipient's), or null for a raiser known by name. */
  report_id: string | null;
  problem_id: number | null;
  /** Where the code and the request to rate go by SMS; deleted when the loop closes. */
  phone: string | null;
  /** 1 when the raiser is anonymous (a ballot's report); 0 for visits and 12345, known by name anyway. */
  anonymous: Flag;
  created_on: string;
  /** While a phone is kept: the code, sealed under a key from the server key, for the link in an SMS (0013). */
  code_sealed: string | null;
  /** The SMS that waits to go: 'code' (after the batch) or 'rate' (the loop closed), or null (0013). */
  sms_waiting: FollowupSms | null;
}

export type FollowupSms = 'code' | 'rate';

/** A raiser's rating of a claimed fix: one per follow-up code per claim. */
export interface FixRatingTable {
  followup_id: string;
  claim_round: number;
  problem_id: number;
  rating: FixRating;
  anonymous: Flag;
  /** The day only. */
  rated_on: string;
}

/** A unit's weekly report (每周五上报整改进展情况报告). */
export interface WeeklyReportTable {
  id: Generated<number>;
  unit_id: number;
  /** The Monday of the week, `YYYY-MM-DD`. */
  week_start: string;
  state: 'draft' | 'submitted';
  /** 本周进展, 下周计划, 存在困难. */
  progress: string;
  plan: string;
  difficulties: string;
  /** JSON: the figures and moves assembled from the week's timeline, frozen at submission. */
  summary: string | null;
  updated_at: string;
  updated_by: number | null;
  submitted_at: string | null;
  submitted_by: number | null;
}

export interface WeeklyReminderTable {
  id: Generated<number>;
  unit_id: number;
  week_start: string;
  channel: 'app' | 'sms';
  sent_at: string;
  sent_by: number | null;
}

export interface Database extends VisitTables, HotlineTables, WebhookTables {
  categories: CategoryTable;
  units: UnitTable;
  users: UserTable;
  sessions: SessionTable;
  spent_challenges: SpentChallengeTable;
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
  rating_tallies: RatingTallyTable;
  card_tallies: CardTallyTable;
  recipient_counts: RecipientCountTable;
  ballot_counts: BallotCountTable;
  quality_counts: QualityCountTable;
  rater_comments: RaterCommentTable;
  problem_reports: ProblemReportTable;
  ballot_inbox: BallotInboxTable;
  spent_tokens: SpentTokenTable;
  receipts: ReceiptTable;
  token_keys: TokenKeyTable;
  publications: PublicationTable;
  page_reports: PageReportTable;
  problem_types: ProblemTypeTable;
  problems: ProblemTable;
  problem_events: ProblemEventTable;
  problem_evidence: ProblemEvidenceTable;
  problem_followups: ProblemFollowupTable;
  fix_ratings: FixRatingTable;
  weekly_reports: WeeklyReportTable;
  weekly_reminders: WeeklyReminderTable;
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
export type Problem = Selectable<ProblemTable>;
export type ProblemEvent = Selectable<ProblemEventTable>;
export type ProblemReport = Selectable<ProblemReportTable>;
