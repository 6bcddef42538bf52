/** What the checks report, and how a failing test prints it: the script, the feature, and the code. */

export interface Finding {
  /** The script's file name, or 'boot script of /code'. */
  script: string;
  rule: 'syntax' | 'api';
  /** The API or syntax by name, as an allowlist entry names it: 'randomUUID', 'structuredClone', '??'. */
  name: string;
  /** bcd's path of the feature, or 'parse at ES2020'. */
  feature: string;
  /** Who lacks it and why it counts: 'chrome 67 (from 92), safari 14 (from 15.4)'. */
  detail: string;
  start: number;
  excerpt: string;
  /** Found by a member's name alone (see checkScripts). */
  byName: boolean;
}

/** The code around [start, end), on one line: enough to find it in a minified chunk. */
export function excerpt(source: string, start: number, end = start + 1, around = 60): string {
  const from = Math.max(0, start - around);
  const to = Math.min(source.length, Math.max(end, start + 1) + around);
  const text = source.slice(from, to).replace(/\s+/g, ' ');
  return `${from > 0 ? '…' : ''}${text}${to < source.length ? '…' : ''}`;
}

/** One block per script and feature, with how often it occurs and the first few places. */
export function formatFindings(findings: readonly Finding[], places = 2): string {
  const groups = new Map<string, Finding[]>();
  for (const finding of findings) {
    const key = `${finding.script}\u0000${finding.rule}\u0000${finding.feature}`;
    groups.set(key, [...(groups.get(key) ?? []), finding]);
  }
  return [...groups.values()]
    .map((group) => {
      const first = group[0]!;
      const count = group.length > 1 ? ` ×${group.length}` : '';
      const lines = group.slice(0, places).map((finding) => `      ${finding.excerpt}`);
      return `  ${first.script}: ${first.rule} ${first.feature} [${first.name}]${count} — ${first.detail}\n${lines.join('\n')}`;
    })
    .join('\n');
}
