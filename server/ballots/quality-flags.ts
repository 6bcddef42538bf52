import type { RaterType } from '../../scoring/rater-type.ts';
import { canonicalJson } from '../../formats/canonical-json.ts';
import { hmacHex } from '../crypto/hashing.ts';
import { campaignHashKey } from '../crypto/keys.ts';
import type { CampaignSettings } from '../campaigns/campaign-settings.ts';
import { campaignScope, type RateCount, type RateHit } from '../limits/rate-counter.ts';
import { answerCountOf, isIdenticalPattern, minFillSecondsOf, repeatLimitOf } from './flag-calibration.ts';
import type { QuestionnaireShape } from './questionnaire-shape.ts';

/**
 * Signals computed when a ballot arrives, each calibrated to the questionnaire (flag-calibration.ts): the
 * one place the server and bench/quality-flags.ts compute them. A flagged recipient ballot is stored and
 * counted like any other until the office excludes it (never silently dropped); a many-unit ballot's
 * flags are kept only as counts per rater type, since reviewing it one by one would need a link to its
 * cards (decision 011).
 * - too_fast: filled faster than secondsPerAnswer per scored answer (at most minFillSeconds);
 * - fill_time_missing: the client did not say how long it took (scripts, not our pages);
 * - identical_pattern: a many-unit ballot that gives every unit exactly the same points, on enough cells
 *   that an honest rater rarely would;
 * - repeated_answers: the same answers, comment included, for the same unit more often in one window than
 *   an honest crowd would give them (never on a ballot with fewer than three scored answers);
 * - burst: more ballots for one unit in the window than the campaign expects.
 */
export const QUALITY_FLAGS = [
  'too_fast',
  'fill_time_missing',
  'identical_pattern',
  'repeated_answers',
  'burst',
] as const;
export type QualityFlag = (typeof QUALITY_FLAGS)[number];

export interface QualityInput {
  campaignId: number;
  raterType: RaterType;
  settings: CampaignSettings['quality'];
  /** The questionnaire the ballot answered (questionnaireShapeOf its served definition). */
  questionnaire: QuestionnaireShape;
  fillSeconds: number | undefined;
  targetUnitId: number | null;
  answers: Record<string, unknown>;
  ratings: ReadonlyArray<{ unitId: number; item: string; points: number }>;
}

export { REPEAT_LIMIT } from './flag-calibration.ts';

/**
 * The counters a one-unit ballot moves: the unit's burst counter and, when its answers can tell a repeat
 * from agreement, its repeated-answers counter with this pattern's limit.
 */
export function qualityHits(serverKey: string, input: QualityInput): RateHit[] {
  if (input.targetUnitId === null) return [];
  const window = { seconds: input.settings.burst.windowMinutes * 60, max: input.settings.burst.maxPerUnit };
  const unitKey = String(input.targetUnitId);
  const hits: RateHit[] = [{ scope: campaignScope(input.campaignId, 'burst'), keyHash: unitKey, window }];
  const repeatLimit = repeatLimitOf(input.questionnaire, input.answers, window.max);
  if (repeatLimit !== null) {
    // Keyed, so the counter's row cannot be matched to a ballot's answers without the server key.
    const pattern = hmacHex(campaignHashKey(serverKey, input.campaignId), `${unitKey}|${canonicalJson(input.answers)}`);
    hits.push({
      scope: campaignScope(input.campaignId, 'pattern'),
      keyHash: pattern,
      window: { seconds: window.seconds, max: repeatLimit },
    });
  }
  return hits;
}

/** The fill-time limit this ballot was held to (seconds). */
export function fillLimitOf(
  input: Pick<QualityInput, 'settings' | 'raterType' | 'questionnaire' | 'answers' | 'ratings'>,
) {
  const answers = Math.max(answerCountOf(input.questionnaire, input.answers), input.ratings.length);
  return minFillSecondsOf(input.settings, input.raterType, answers);
}

/** The ballot's flags, given the counts of its qualityHits (none for a many-unit ballot). */
export function qualityFlags(input: QualityInput, counts: readonly RateCount[]): QualityFlag[] {
  const flags: QualityFlag[] = [];
  if (input.fillSeconds === undefined) flags.push('fill_time_missing');
  else if (input.fillSeconds < fillLimitOf(input)) flags.push('too_fast');
  if (input.targetUnitId === null && isIdenticalPattern(input.ratings)) flags.push('identical_pattern');
  const [burst, repeats] = counts;
  if (burst && !burst.allowed) flags.push('burst');
  if (repeats && !repeats.allowed) flags.push('repeated_answers');
  return flags;
}

/** The most a stored fill time says: "ten minutes or more". */
export const FILL_SECONDS_CAP = 600;

/**
 * The fill time kept on a flagged ballot, coarsened: exact under a minute (where too_fast is decided),
 * whole minutes up to ten, then only "ten minutes or more". Someone who watched a person fill in the form
 * at a service window should not be able to pick that ballot out of the review list by its duration.
 */
export function coarseFillSeconds(seconds: number): number {
  const whole = Math.max(0, Math.floor(seconds));
  if (whole < 60) return whole;
  if (whole < FILL_SECONDS_CAP) return whole - (whole % 60);
  return FILL_SECONDS_CAP;
}

/** What a one-unit ballot's `flags` column holds: its flags and, when the page said, its coarse fill time. */
export interface StoredFlags {
  flags: string[];
  fillSeconds: number | null;
}

/**
 * The `flags` column of a one-unit ballot: null when nothing was flagged (the column's null is what
 * counts a ballot as unflagged), otherwise `{"flags":[…],"fillSeconds":n}` so the review shows how long
 * the flagged ballot took. Only flagged ballots keep a fill time.
 */
export function storedFlags(flags: readonly string[], fillSeconds: number | undefined): string | null {
  if (flags.length === 0) return null;
  const stored: StoredFlags = {
    flags: [...flags],
    fillSeconds: fillSeconds === undefined ? null : coarseFillSeconds(fillSeconds),
  };
  return JSON.stringify(stored);
}

/** Reads the `flags` column, in its current form or the older bare array of flags (no fill time). */
export function readStoredFlags(json: string | null): StoredFlags {
  if (json === null) return { flags: [], fillSeconds: null };
  const parsed: unknown = JSON.parse(json);
  if (Array.isArray(parsed)) return { flags: parsed.map(String), fillSeconds: null };
  const record = (parsed ?? {}) as Partial<Record<keyof StoredFlags, unknown>>;
  return {
    flags: Array.isArray(record.flags) ? record.flags.map(String) : [],
    fillSeconds: typeof record.fillSeconds === 'number' ? record.fillSeconds : null,
  };
}
