import { AppError } from '../errors.ts';

// Settings that once had a second home in the settings JSON (issue 19). Each now has one home, and an old
// client that still sends the old place is told where it went (422 setting_moved), never silently ignored:
// a minimum it believes it set but that is not applied would be an anonymity hole (decision 011).

/** Where a moved setting lives now: a stable word the console words in its own language. */
export const MOVED_TO = ['rater_type_min_count', 'unranked_categories', 'category_id'] as const;

export type MovedTo = (typeof MOVED_TO)[number];

/** One old place found in settings: its path from the request body, where it went, and an English sentence. */
export interface MovedSetting {
  readonly path: readonly (string | number)[];
  readonly movedTo: MovedTo;
  readonly message: string;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

const MIN_COUNT =
  "has moved: a rater group's minimum (its anonymity threshold, below which nothing of the group is shown or " +
  "weighted) is the rater type's minCount alone — send it with PUT /api/campaigns/{id}/rater-types";
const RANKED =
  'has moved: whether a category is ranked is chosen only with PUT /api/campaigns/{id}/categories ' +
  '(unrankedCategoryIds)';
const SCOPE =
  'is not a setting you send: the unranked categories are chosen with PUT /api/campaigns/{id}/categories ' +
  '(unrankedCategoryIds)';
const CATEGORY_ID =
  "is now categoryId, the category's number as everywhere in the API (e.g. 12), or null for the units " +
  'without a category';

/**
 * Every old place in `settings` (the settings object, as sent or as it would be stored). Paths start at
 * the request body (`['settings', 'scoring', 'minimumBallots']`). A key whose value is null counts as
 * absent, as in a merge patch, where null removes it.
 */
export function movedSettings(settings: unknown): MovedSetting[] {
  if (!isPlainObject(settings)) return [];
  const found: MovedSetting[] = [];
  const at = (path: readonly (string | number)[], movedTo: MovedTo, text: string) =>
    found.push({ path: ['settings', ...path], movedTo, message: `settings.${path.join('.')} ${text}` });
  if (settings['scope'] != null) at(['scope'], 'unranked_categories', SCOPE);
  const scoring = settings['scoring'];
  if (!isPlainObject(scoring)) return found;
  if (scoring['minimumBallots'] != null) at(['scoring', 'minimumBallots'], 'rater_type_min_count', MIN_COUNT);
  const categories = scoring['categories'];
  if (Array.isArray(categories)) {
    categories.forEach((category: unknown, index) => {
      if (!isPlainObject(category)) return;
      if (category['ranked'] != null) at(['scoring', 'categories', index, 'ranked'], 'unranked_categories', RANKED);
      if (category['id'] != null) at(['scoring', 'categories', index, 'id'], 'category_id', CATEGORY_ID);
    });
  }
  return found;
}

/** The refusal of settings sent to an old place: 422 setting_moved, each place with its path and new home. */
export function settingMoved(moved: readonly MovedSetting[]): AppError {
  const listed = moved.map((setting) => setting.message).join('; ');
  const problems = moved.map(({ path, movedTo, message }) => ({ path, code: 'moved' as const, message, movedTo }));
  return new AppError(422, 'setting_moved', `The settings were not changed: ${listed}.`, { problems });
}
