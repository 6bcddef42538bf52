import type { z } from 'zod';
import { AppError } from '../errors.ts';
import { CampaignSettingsSchema, type CampaignSettings } from './campaign-settings.ts';
import { applyMergePatch } from './json-merge-patch.ts';
import { movedSettings, settingMoved, type MovedTo } from './moved-settings.ts';
import { unknownKeyPaths, valueAt } from './settings-keys.ts';

// Changing a draft's settings by merge patch: the stored settings with the patch applied, checked whole.

/** The stable words of a settings refusal; the console words each beside its field (wizard/problem-text.ts). */
export const SETTINGS_PROBLEM_CODES = [
  'required',
  'unknown_setting',
  'too_small',
  'too_big',
  'invalid',
  'moved',
] as const;

/**
 * One reason settings cannot be stored. `path` starts at the request body (`['settings', 'scoring',
 * 'weights']`) and `code` is one of a few stable words, so a client can show its own text beside the field
 * in its own language; `message` is the English sentence for everyone else.
 */
export interface SettingsProblem {
  readonly path: readonly (string | number)[];
  readonly code: (typeof SETTINGS_PROBLEM_CODES)[number];
  readonly message: string;
  readonly minimum?: number;
  readonly maximum?: number;
  /** With `moved`: where the setting lives now (moved-settings.ts). */
  readonly movedTo?: MovedTo;
}

/** A refusal of settings: 422 invalid_settings, every problem in the message and, with its path, in `problems`. */
export function invalidSettings(problems: readonly SettingsProblem[]): AppError {
  const listed = problems.map((problem) => `${problem.path.join('.')}: ${problem.message}`).join('; ');
  return new AppError(422, 'invalid_settings', `The settings were not changed: ${listed}.`, { problems });
}

function problemOf(issue: z.core.$ZodIssue, input: unknown): SettingsProblem {
  const path = ['settings', ...issue.path.map((key) => (typeof key === 'number' ? key : String(key)))];
  if (issue.code === 'invalid_type' && valueAt(input, issue.path) === undefined) {
    return {
      path,
      code: 'required',
      message: 'required (null removes a setting only where it is optional or has a default)',
    };
  }
  if (issue.code === 'too_small')
    return { path, code: 'too_small', message: issue.message, minimum: Number(issue.minimum) };
  if (issue.code === 'too_big')
    return { path, code: 'too_big', message: issue.message, maximum: Number(issue.maximum) };
  return { path, code: 'invalid', message: issue.message };
}

/** Every problem of settings as they would be stored: the schema's, and keys it does not know. */
export function settingsProblems(settings: unknown): SettingsProblem[] {
  const parsed = CampaignSettingsSchema.safeParse(settings);
  if (!parsed.success) return parsed.error.issues.map((issue) => problemOf(issue, settings));
  return unknownKeyPaths(settings, parsed.data).map((path) => ({
    path: ['settings', ...path],
    code: 'unknown_setting',
    message: 'unknown setting',
  }));
}

/**
 * The settings after a merge patch (RFC 7396) on the stored ones, with their defaults filled. The result is
 * checked whole, so a patch can neither leave settings that would not load nor drop what it did not name;
 * when it would, the refusal lists every problem and nothing is changed.
 */
export function mergeSettingsPatch(stored: Record<string, unknown>, patch: Record<string, unknown>): CampaignSettings {
  const merged = applyMergePatch(stored, patch);
  // An old client's setting in its old place is told where it went before anything else is checked.
  const moved = movedSettings(merged);
  if (moved.length > 0) throw settingMoved(moved);
  const problems = settingsProblems(merged);
  if (problems.length > 0) throw invalidSettings(problems);
  return CampaignSettingsSchema.parse(merged);
}
