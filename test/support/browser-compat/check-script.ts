/**
 * One script against one gate: parsed once with acorn at the gate's edition (the boot script at ES5),
 * its globals resolved once with eslint-scope, then one walk for the syntax and the API rules.
 */
import { parse, type ecmaVersion } from 'acorn';
import { analyze } from 'eslint-scope';
import { KEYS } from 'eslint-visitor-keys';
import type { Node, Program } from 'estree';
import type { ApiIndex } from './api-index.ts';
import { stringValue, walk } from './ast.ts';
import { featureCompat } from './compat-data.ts';
import { apiUses } from './api-rules.ts';
import { excerpt, type Finding } from './findings.ts';
import { ownMethodName } from './own-methods.ts';
import type { PolyfillCoverage } from './polyfill-coverage.ts';
import { syntaxUses } from './syntax-rules.ts';
import type { Gate } from './targets.ts';

export interface Script {
  name: string;
  source: string;
  sourceType: 'module' | 'script';
  /** Parse at this edition instead of the gate's (the boot script: 5). */
  ecmaVersion?: 5;
}

export interface CheckContext {
  gate: Gate;
  index: ApiIndex;
  coverage: PolyfillCoverage;
}

export interface CheckedScript {
  findings: Finding[];
  /** Every identifier, property key and string in the script: what a polyfill file names. */
  names: Set<string>;
  /** Methods the script defines itself: a finding by a member's name alone stands only without one. */
  ownMethods: Set<string>;
}

/** Parses at the required edition; a script that fails is reported and read at the latest one for the rest. */
function parseScript(script: Script, gate: Gate): { program: Program; findings: Finding[] } {
  const edition: ecmaVersion = script.ecmaVersion ?? gate.ecmaVersion;
  const options = { sourceType: script.sourceType, ranges: true, allowHashBang: false } as const;
  try {
    return { program: parse(script.source, { ...options, ecmaVersion: edition }) as unknown as Program, findings: [] };
  } catch (error) {
    const pos = (error as { pos?: number }).pos ?? 0;
    const finding: Finding = {
      script: script.name,
      rule: 'syntax',
      name: 'parse',
      feature: `parse at ES${edition}`,
      detail: (error as Error).message,
      start: pos,
      excerpt: excerpt(script.source, pos),
      byName: false,
    };
    const program = parse(script.source, { ...options, ecmaVersion: 'latest' }) as unknown as Program;
    return { program, findings: [finding] };
  }
}

function collectName(node: Node, names: Set<string>) {
  if (node.type === 'Identifier') names.add(node.name);
  else {
    const value = stringValue(node);
    if (value !== null) names.add(value);
  }
}

/**
 * Checks one script. The polyfill file (`polyfill`) is checked for its syntax only, every use of an API
 * in it being core-js's own feature detection (it is written for far older browsers than the floor), and
 * its names are collected for its coverage.
 */
export function checkScript(script: Script, context: CheckContext, polyfill = false): CheckedScript {
  const { program, findings } = parseScript(script, context.gate);
  // estraverse's keys, the default: eslint-visitor-keys' (childVisitorKeys) would be copied for every
  // pattern eslint-scope visits, ten times the whole analysis. They serve only where estraverse has none.
  const scopes = analyze(program, {
    ecmaVersion: 2022,
    sourceType: script.sourceType,
    fallback: (node) => KEYS[node.type] ?? [],
  });
  const globalRefs = new Set<Node>(scopes.globalScope.through.map((reference) => reference.identifier));
  const names = new Set<string>();
  const ownMethods = new Set<string>();
  const isGlobal = (node: Node) => globalRefs.has(node);
  const apiContext = { index: context.index, coverage: context.coverage, globalRefs };
  const report = (rule: Finding['rule'], name: string, feature: string, detail: string, node: Node, byName = false) => {
    const [start, end] = (node as unknown as { range: [number, number] }).range;
    const at = excerpt(script.source, start, end);
    findings.push({ script: script.name, rule, name, feature, detail, start, excerpt: at, byName });
  };
  walk(program, (node, ancestors) => {
    if (polyfill) collectName(node, names);
    const own = ownMethodName(node);
    if (own !== null) ownMethods.add(own);
    for (const use of syntaxUses(node, context.coverage, isGlobal)) {
      const lack = context.index.lack(featureCompat(use.feature), use.feature);
      if (lack) report('syntax', use.name, use.feature, lack.lacking.join(', '), use.node);
    }
    const use = polyfill ? null : apiUses(node, ancestors, apiContext);
    if (use) report('api', use.name, use.lack.feature, `${use.lack.lacking.join(', ')}; ${use.note}`, node, use.byName);
  });
  return { findings, names, ownMethods };
}

/**
 * Checks scripts together: a finding by a member's name alone is dropped where any of them defines a
 * method of that name (the call is most likely to it: minified code has no types to tell).
 */
export function checkScripts(scripts: readonly Script[], context: CheckContext): Finding[] {
  const checked = scripts.map((script) => checkScript(script, context));
  const ownMethods = new Set(checked.flatMap((result) => [...result.ownMethods]));
  return checked
    .flatMap((result) => result.findings)
    .filter((finding) => !(finding.byName && ownMethods.has(finding.name)));
}
