// How the public live page keeps itself current: it reads the live results again every so often while it
// is on screen, not at all while hidden (a background tab costs the server nothing), at once when shown
// again if its reading is stale, and ever more slowly after failures. Each reading is the same cheap,
// shared read every viewer gets: while voting runs, the counts from the running tallies (decision 013);
// after close, the cached live results (server/results/live-results-cache.ts).
import type { LiveResults } from './results-types.ts';

export const DEFAULT_REFRESH_SECONDS = 20;
const MIN_REFRESH_SECONDS = 5;
const MAX_REFRESH_SECONDS = 300;
/** However many readings failed, one is tried at least this often. */
const MAX_BACKOFF_MS = 5 * 60_000;

/**
 * Seconds between readings: DEFAULT_REFRESH_SECONDS, or what the address asks with `?refresh=N` (5 to 300;
 * for a wall display that may be slower, and for the browser tests, which wait for the next reading).
 */
export function refreshSeconds(search: string): number {
  const asked = Number(new URLSearchParams(search).get('refresh'));
  if (!Number.isFinite(asked) || asked <= 0) return DEFAULT_REFRESH_SECONDS;
  return Math.min(MAX_REFRESH_SECONDS, Math.max(MIN_REFRESH_SECONDS, Math.round(asked)));
}

export interface RefreshState {
  intervalMs: number;
  /** document.visibilityState === 'visible'. */
  visible: boolean;
  /** Readings failed in a row since the last good one. */
  failures: number;
  /** Time since the last reading ended (0 right after it). */
  sinceLastMs: number;
  /** Whether the campaign is still open: once closed, its counts no longer change. */
  open: boolean;
}

/** Milliseconds until the next reading, or null for none until the page is shown again (or ever, once closed). */
export function nextReadingMs({ intervalMs, visible, failures, sinceLastMs, open }: RefreshState): number | null {
  if (!open || !visible) return null;
  const wait = Math.min(MAX_BACKOFF_MS, intervalMs * 2 ** Math.min(failures, 16));
  return Math.max(0, wait - sinceLastMs);
}

/**
 * The table's columns: a count per rater type that has a group per unit, and a mean beside it only when
 * the results carry scores. While scores are hidden (always while voting runs, and for the public until
 * publication) the API sends no mean and, per unit, only the recipients' group: those columns would be
 * empty on every row, so they are not drawn.
 */
export function liveColumns(results: LiveResults): { raterTypes: string[]; means: boolean } {
  const raterTypes = [...new Set(results.units.flatMap((unit) => unit.groups.map((group) => group.raterType)))];
  return { raterTypes, means: !results.scoresHidden };
}
