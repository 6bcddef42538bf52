/**
 * @mdn/browser-compat-data, read once per process, and the one question asked of it: which of a gate's
 * browsers lack a feature.
 */
import type { CompatData, CompatStatement, Identifier, SimpleSupportStatement } from '@mdn/browser-compat-data';
import { createRequire } from 'node:module';
import type { BrowserVersions } from './targets.ts';

let data: CompatData | null = null;

/** The whole data set (20 MB of JSON): required, not imported, so Vite does not turn it into a module. */
export function compatData(): CompatData {
  data ??= createRequire(import.meta.url)('@mdn/browser-compat-data') as CompatData;
  return data;
}

/** '15.4' → 15.4, '≤79' → 79; 'preview' and other non-numbers → null (not released). */
function versionNumber(version: string): number | null {
  const match = /^≤?(\d+(?:\.\d+)?)/.exec(version);
  return match ? Number(match[1]) : null;
}

/** A statement that makes the feature usable under its own name at `version`. */
function supports(statement: SimpleSupportStatement, version: number): boolean {
  if (statement.flags || statement.prefix || statement.alternative_name) return false;
  const added = statement.version_added;
  if (typeof added !== 'string') return false;
  const from = versionNumber(added);
  if (from === null || from > version) return false;
  const removed = typeof statement.version_removed === 'string' ? versionNumber(statement.version_removed) : null;
  return removed === null || removed > version;
}

/** When a browser got the feature, for a message: '92', or 'never'. */
function since(statements: readonly SimpleSupportStatement[]): string {
  const plain = statements.find((statement) => !statement.flags && !statement.prefix && !statement.alternative_name);
  return typeof plain?.version_added === 'string' ? plain.version_added : 'never';
}

/**
 * The gate's browsers that lack the feature, as 'chrome 67 (from 92)'. A browser bcd says nothing about
 * (no entry) is not counted: unknown is not a finding.
 */
export function lackingBrowsers(compat: CompatStatement | undefined, versions: BrowserVersions): string[] {
  if (!compat) return [];
  const lacking: string[] = [];
  for (const [browser, version] of Object.entries(versions)) {
    const entry = compat.support[browser as keyof typeof compat.support];
    if (entry === undefined) continue;
    const statements = Array.isArray(entry) ? entry : [entry];
    if (!statements.some((statement) => supports(statement, version)))
      lacking.push(`${browser} ${version} (from ${since(statements)})`);
  }
  return lacking;
}

/** bcd's member keys as JavaScript names: 'canParse_static' → 'canParse'; sub-features ('worker_support') → null. */
export function memberName(key: string): string | null {
  const name = key.endsWith('_static') ? key.slice(0, -'_static'.length) : key;
  return /^[A-Za-z$][\w$]*$/.test(name) && !name.includes('_') ? name : null;
}

/** The members of a bcd owner (an interface, a built-in), by JavaScript name. */
export function membersOf(owner: Identifier): Map<string, CompatStatement> {
  const members = new Map<string, CompatStatement>();
  for (const [key, child] of Object.entries(owner)) {
    if (key === '__compat') continue;
    const name = memberName(key);
    const compat = (child as Identifier).__compat;
    if (name && compat && !members.has(name)) members.set(name, compat);
  }
  return members;
}

/** The bcd entry at a dotted path ('javascript.operators.optional_chaining'). */
export function featureCompat(path: string): CompatStatement | undefined {
  let node: Identifier | undefined = compatData() as unknown as Identifier;
  for (const part of path.split('.')) node = node?.[part];
  return node?.__compat;
}
