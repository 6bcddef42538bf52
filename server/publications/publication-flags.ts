// A unit's flags as one sentence each, for the notice and its exports, in the words the publication page
// uses too (formats/result-flag-words.ts).
import type { RaterType } from '../../scoring/rater-type.ts';
import type { UnitFlag as ScoringFlag } from '../../scoring/result-types.ts';
import { resultFlagWords } from '../../formats/result-flag-words.ts';
import type { PublicationDocument } from './publication-document.ts';
import { RATER_NAMES } from './publication-method.ts';

export type UnitFlag = PublicationDocument['units'][number]['flags'][number];

/** Every flag code the scoring module can put on a unit (scoring/result-types.ts). */
export const RESULT_FLAG_CODES = [
  'raterTypeSuppressed',
  'raterTypeMissing',
  'trimmedMeanUnavailable',
  'notScored',
  'vetoed',
  'demotedByQuota',
  'quotaBoundaryTie',
] as const satisfies readonly ScoringFlag['code'][];

/** One flag in words, in Chinese (the notice) or English. */
export function flagWords(flag: UnitFlag, lang: 'zh' | 'en'): string {
  return resultFlagWords(flag, lang, (raterType) => RATER_NAMES[raterType as RaterType]);
}

/** The notice's words (Chinese): what the Word and Excel exports print. */
export function flagText(flag: UnitFlag): string {
  return flagWords(flag, 'zh');
}
