import { ANSWER_ERROR_CODES } from '../surveys/validation/types.ts';
import { DEFINITION_PROBLEM_CODES, UNSUPPORTED_REASONS } from '../surveys/lint-rules.ts';
import { OPENING_PROBLEM_CODES } from './campaigns/campaign-readiness.ts';
import { SETTINGS_PROBLEM_CODES } from './campaigns/settings-patch.ts';
import { ERROR_CODES } from './errors.ts';

/**
 * Every stable code the server can send for a person to read, by the list it belongs to: an error's `code`,
 * and the `code` of each problem an answer lists (why a campaign cannot open, why settings, answers or a
 * questionnaire definition were refused, and why a SurveyJS feature is). The client words each in the UI's
 * language; test/client/problem-text.test.ts fails on a code here without Chinese and English words.
 */
export const MESSAGE_CODES = {
  error: ERROR_CODES,
  opening: OPENING_PROBLEM_CODES,
  settings: SETTINGS_PROBLEM_CODES,
  answer: ANSWER_ERROR_CODES,
  definition: DEFINITION_PROBLEM_CODES,
  unsupportedReason: UNSUPPORTED_REASONS,
} as const;
