import { z } from 'zod';

/**
 * Which categories of a campaign's scope are ranked and which are only rated, kept in the campaign's
 * settings JSON under `scope` (decision 006): the settings are what opening freezes and what a publication
 * records, so the ranking choice travels with them. Only the scope endpoints write it; the units
 * themselves and their snapshotted categories live in campaign_units.
 */
export const ScopeSettingsSchema = z.object({
  /** Categories in scope whose units get scores and grades but no rank (e.g. 垂管单位). */
  unrankedCategoryIds: z.array(z.number().int().positive()).default([]),
});

export type ScopeSettings = z.infer<typeof ScopeSettingsSchema>;

export interface StoredSettings {
  /** The stored settings without `scope`: access, quality, scoring. */
  readonly settings: Record<string, unknown>;
  readonly scope: ScopeSettings;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Splits a campaign's stored settings JSON into its settings proper and its scope. */
export function readStoredSettings(json: string): StoredSettings {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    parsed = {};
  }
  const { scope, ...settings } = isPlainObject(parsed) ? parsed : {};
  const scopeResult = ScopeSettingsSchema.safeParse(scope ?? {});
  return { settings, scope: scopeResult.success ? scopeResult.data : { unrankedCategoryIds: [] } };
}

export function composeSettingsJson(settings: Record<string, unknown>, scope: ScopeSettings): string {
  const { scope: _ignored, ...rest } = settings;
  return JSON.stringify({ ...rest, scope });
}

/**
 * The unranked categories after the scope changes: categories that stay keep the campaign's choice, new
 * ones start from the catalog's default (`categories.ranked`), and categories that left are dropped.
 */
export function nextUnrankedCategories(
  previous: ScopeSettings,
  previousCategoryIds: ReadonlySet<number>,
  nextCategories: readonly { id: number; ranked: 0 | 1 }[],
): number[] {
  const unranked = new Set(previous.unrankedCategoryIds);
  return nextCategories
    .filter((category) => (previousCategoryIds.has(category.id) ? unranked.has(category.id) : category.ranked === 0))
    .map((category) => category.id)
    .sort((a, b) => a - b);
}

/**
 * Lists every key in `input` that the schema dropped from `output`: zod strips unknown keys silently, and
 * a misspelt setting (`minFillSecond`) must be refused, not ignored.
 */
export function unknownKeyPaths(
  input: unknown,
  output: unknown,
  path: readonly (string | number)[] = [],
): (string | number)[][] {
  // A subtree the schema passed through untouched (`scoring`) holds nothing it dropped.
  if (input === output) return [];
  if (Array.isArray(input) && Array.isArray(output)) {
    return input.flatMap((item, index) => unknownKeyPaths(item, output[index], [...path, index]));
  }
  if (!isPlainObject(input) || !isPlainObject(output)) return [];
  return Object.keys(input).flatMap((key) =>
    key in output ? unknownKeyPaths(input[key], output[key], [...path, key]) : [[...path, key]],
  );
}

/**
 * True when a JSON value nests deeper than `limit`. Checked before anything recursive (the key walk above,
 * JSON.stringify) touches a setting, so a body of a million brackets is a 400, not a stack overflow.
 */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (limit === 0) return true;
  const children = Array.isArray(value) ? value : Object.values(value);
  return children.some((child) => nestsDeeperThan(child, limit - 1));
}
