/**
 * Findings reviewed and found safe, each with why. Small on purpose, and every entry must still be
 * needed: the support-matrix test fails on one that matches nothing. An entry names the API as the
 * finding does, the chunks it may appear in (by the name before the hash), and the gates it is for.
 */
import type { Finding } from './findings.ts';
import type { Gate } from './targets.ts';

export interface AllowedFinding {
  name: string;
  script: RegExp;
  gates: readonly Gate['name'][];
  why: string;
}

/** react-dom is in the entry chunk: index-* in the modern build, main-* in the legacy one. */
const ENTRY = /^(index|main)-/;

export const ALLOWED_FINDINGS: readonly AllowedFinding[] = [
  {
    name: 'install',
    script: /^echarts-runtime-/,
    gates: ['floor', 'modern'],
    why: "echarts' own plugin hook (`e = {install: e}` just before `e.install(…)`), not Navigator.install; only the console's charts load echarts",
  },
  {
    name: 'startViewTransition',
    script: ENTRY,
    gates: ['floor', 'modern'],
    why: 'react-dom calls it only for a tree holding a <ViewTransition> (Pingyi has none), and inside try/catch',
  },
  {
    name: 'navigation',
    script: ENTRY,
    gates: ['floor', 'modern'],
    why: "react-dom's default transition indicator: the function that reads `navigation` is scheduled only inside `if (typeof navigation == 'object')`",
  },
  {
    name: 'hardwareConcurrency',
    script: /^v2-/,
    gates: ['floor'],
    why: "altcha-lib's default for `concurrency`, which Pingyi always passes (client/src/shared/proof-of-work.ts falls back to 2 itself)",
  },
  {
    name: 'getCapabilities',
    script: /^survey-/,
    gates: ['floor'],
    why: "survey-core's camera for the file question, a type Pingyi's questionnaires cannot hold (surveys/validation/compile.ts refuses it)",
  },
];

/** The findings no entry covers, and the entries for this gate that covered none. */
export function applyAllowlist(
  findings: readonly Finding[],
  entries: readonly AllowedFinding[],
  gate: Gate['name'],
): { remaining: Finding[]; unused: AllowedFinding[] } {
  const own = entries.filter((entry) => entry.gates.includes(gate));
  const used = new Set<AllowedFinding>();
  const remaining = findings.filter((finding) => {
    const entry = own.find((candidate) => candidate.name === finding.name && candidate.script.test(finding.script));
    if (entry) used.add(entry);
    return !entry;
  });
  return { remaining, unused: own.filter((entry) => !used.has(entry)) };
}
