import { beforeAll, describe, expect, it } from 'vitest';
import { applyAllowlist } from '../support/browser-compat/allowlist.ts';
import { apiIndex, type ApiIndex } from '../support/browser-compat/api-index.ts';
import { checkScripts, type Script } from '../support/browser-compat/check-script.ts';
import type { Finding } from '../support/browser-compat/findings.ts';
import { inlineScripts } from '../support/browser-compat/built-scripts.ts';
import {
  moduleFeatures,
  NO_POLYFILLS,
  polyfillCoverage,
  type PolyfillCoverage,
} from '../support/browser-compat/polyfill-coverage.ts';
import { regexpFeatures } from '../support/browser-compat/regexp-features.ts';
import { FLOOR, FLOOR_BUILD_TARGET } from '../../client/support-matrix.ts';
import { FLOOR_GATE, MODERN_GATE, parseBuildTarget, type Gate } from '../support/browser-compat/targets.ts';

// The support-matrix checker (test/support/browser-compat) on small snippets: it must catch each kind of
// regression the floor cannot run, and pass what the floor can (issue 18).

let floor: ApiIndex;
let modern: ApiIndex;
beforeAll(() => {
  floor = apiIndex(FLOOR_GATE);
  modern = apiIndex(MODERN_GATE);
});

/** Array.prototype.flat from core-js, as a polyfill file holding es.array.flat gives. */
const FLAT_ONLY: PolyfillCoverage = { globals: new Set(), members: new Set(['Array.flat']), regexpConstructor: false };

function check(source: string, options: { gate?: Gate; coverage?: PolyfillCoverage; script?: boolean } = {}) {
  const gate = options.gate ?? FLOOR_GATE;
  const script: Script = { name: 'snippet.js', source, sourceType: options.script ? 'script' : 'module' };
  const index = gate === FLOOR_GATE ? floor : modern;
  return checkScripts([script], { gate, index, coverage: options.coverage ?? NO_POLYFILLS });
}

const summary = (findings: readonly Finding[]) => findings.map((finding) => `${finding.rule} ${finding.name}`);

describe('at the floor it finds', () => {
  it.each([
    ['optional chaining', 'export const f = (a) => a?.b;', 'syntax ?.'],
    ['nullish coalescing', 'export const f = (a) => a ?? 1;', 'syntax ??'],
    ['export * as', "export * as ns from './x.js';", 'syntax export * as'],
    ['logical assignment (past ES2020)', 'let x; x ??= 1;', 'syntax parse'],
    ['a class field (past ES2020)', 'class A { x = 1 }', 'syntax parse'],
    ['a numeric separator (past ES2020)', 'export const n = 1_000;', 'syntax parse'],
    ['a lookbehind in a regex literal', 'export const r = /(?<=a)b/;', 'syntax regex literal'],
    ['a lookbehind in new RegExp (Safari 16.4)', "export const r = new RegExp('(?<=a)b');", 'syntax RegExp'],
    ['the v flag in new RegExp', "export const r = new RegExp('[a-z]', 'v');", 'syntax RegExp'],
    ['crypto.randomUUID()', 'export const id = () => crypto.randomUUID();', 'api randomUUID'],
    ['structuredClone(v)', 'export const copy = (v) => structuredClone(v);', 'api structuredClone'],
    ['new CompressionStream()', "export const zip = () => new CompressionStream('gzip');", 'api CompressionStream'],
    ['x.at(-1) unpolyfilled', 'export const last = (x) => x.at(-1);', 'api at'],
    ['Object.hasOwn unpolyfilled', 'export const has = (o, k) => Object.hasOwn(o, k);', 'api hasOwn'],
    ['window.structuredClone(v)', 'export const copy = (v) => window.structuredClone(v);', 'api structuredClone'],
    ['a call in the test of a condition', 'export const f = (x) => (x.at(-1) ? 1 : 2);', 'api at'],
  ])('%s', (_what, source, expected) => {
    expect(summary(check(source))).toContain(expected);
  });

  it('each finding with its script and the code around it', () => {
    const [finding] = check('export const id = () => crypto.randomUUID();');
    expect(finding).toMatchObject({ script: 'snippet.js', feature: 'api.Crypto.randomUUID' });
    expect(finding!.excerpt).toContain('crypto.randomUUID()');
    expect(finding!.detail).toContain('safari 14 (from 15.4)');
  });
});

describe('at the floor it passes', () => {
  it.each([
    ['[].flat() when polyfilled', 'export const f = (x) => [x].flat();'],
    ['typeof BigInt', "export const has = typeof BigInt === 'function';"],
    ['a BigInt literal', 'export const n = 10n;'],
    ['a dynamic import', "export const load = () => import('./x.js');"],
    ['import.meta.url', 'export const here = import.meta.url;'],
    ['a guard with typeof', "export const id = (c) => (typeof c.randomUUID == 'function' ? c.randomUUID() : '');"],
    ['a guard with if', 'export function id(c) { if (c.randomUUID) return c.randomUUID(); return ""; }'],
    ['an early return', 'export function id(c) { if (!c.randomUUID) return ""; return c.randomUUID(); }'],
    ['a guarded global', "export const w = (f) => typeof ResizeObserver < 'u' && new ResizeObserver(f);"],
    ['a guard by `in`', "export const w = (f) => ('ResizeObserver' in window ? new ResizeObserver(f) : null);"],
    ['a method of its own', 'class List { at(i) { return i; } } export const f = (l) => l.at(0);'],
    ['a property that is only read', 'export const label = (e) => e.ariaLabel;'],
    ['a local of the same name', 'const structuredClone = (v) => v; export const c = structuredClone(1);'],
    ['a named group through core-js RegExp', "export const r = new RegExp('(?<y>\\\\d)');"],
  ])('%s', (_what, source) => {
    const coverage: PolyfillCoverage = { ...FLAT_ONLY, regexpConstructor: true };
    expect(summary(check(source, { coverage }))).toEqual([]);
  });

  it('a polyfilled global', () => {
    const coverage = { ...NO_POLYFILLS, globals: new Set(['structuredClone']) };
    expect(check('export const copy = (v) => structuredClone(v);', { coverage })).toEqual([]);
  });
});

describe('the boot script', () => {
  it('must be ES5', () => {
    expect(summary(check('var f = function (a, b,) { return a; };', { script: true }))).toEqual([]);
    const boot = inlineScripts('<script>var f = function () {}; f(1,\n);</script>', '/code');
    expect(boot).toHaveLength(1);
    const findings = checkScripts(boot, { gate: FLOOR_GATE, index: floor, coverage: NO_POLYFILLS });
    expect(summary(findings)).toEqual(['syntax parse']);
    expect(findings[0]!.feature).toBe('parse at ES5');
  });

  it('is every inline script that runs, not data and not a script file', () => {
    const html =
      '<script type="application/json" id="d">{"a":1}</script><script src="/x.js"></script>' +
      '<script>var a = 1;</script><script type="module">import("/m.js");</script>';
    expect(inlineScripts(html, '/r/c/u').map((script) => [script.sourceType, script.source])).toEqual([
      ['script', 'var a = 1;'],
      ['module', 'import("/m.js");'],
    ]);
  });
});

describe('at the modern level', () => {
  it('passes what the modern browsers have', () => {
    const source =
      'export const f = (a, v) => { a.x ??= 1; return [a?.b ?? structuredClone(v), crypto.randomUUID()]; };';
    expect(check(source, { gate: MODERN_GATE })).toEqual([]);
  });

  it('finds what they lack', () => {
    expect(summary(check('export const p = Promise.withResolvers();', { gate: MODERN_GATE }))).toEqual([
      'api withResolvers',
    ]);
    expect(summary(check("export const r = new RegExp('[\\\\p{L}--a]', 'v');", { gate: MODERN_GATE }))).toEqual([
      'syntax RegExp',
    ]);
  });
});

describe('the gates', () => {
  it('take the floor from client/support-matrix.ts: its build target and its polyfill targets agree', () => {
    const fromBuildTarget = parseBuildTarget(FLOOR_BUILD_TARGET);
    for (const [browser, version] of Object.entries(fromBuildTarget))
      expect(FLOOR[browser as keyof typeof FLOOR], browser).toBe(version);
    expect(FLOOR_GATE.versions).toMatchObject({ chrome: 67, webview_android: 67, safari_ios: 14, edge: 79 });
    expect(MODERN_GATE.versions).toMatchObject({ chrome: 111, safari: 16.4 });
  });
});

describe('the polyfill coverage', () => {
  it('reads each core-js module as what it provides', () => {
    expect(moduleFeatures('es.array.at')).toEqual([{ owner: 'Array', member: 'at' }]);
    expect(moduleFeatures('es.string.at-alternative')).toEqual([{ owner: 'String', member: 'at' }]);
    expect(moduleFeatures('es.typed-array.find-last')).toEqual([{ owner: 'TypedArray', member: 'findLast' }]);
    expect(moduleFeatures('es.object.from-entries')).toEqual([{ owner: 'Object', member: 'fromEntries' }]);
    expect(moduleFeatures('es.set.union.v2')).toEqual([{ owner: 'Set', member: 'union' }]);
    expect(moduleFeatures('web.url.can-parse')).toEqual([{ owner: 'URL', member: 'canParse' }]);
    expect(moduleFeatures('web.structured-clone')).toEqual([{ global: 'structuredClone' }]);
    expect(moduleFeatures('es.global-this')).toEqual([{ global: 'globalThis' }]);
    expect(moduleFeatures('es.aggregate-error')).toEqual([{ global: 'AggregateError' }]);
    expect(moduleFeatures('es.array.unscopables.flat')).toEqual([]);
  });

  it('covers only what the polyfill file holds', () => {
    const coverage = polyfillCoverage(FLOOR_GATE, new Set(['at', 'structuredClone']));
    expect(coverage.members.has('Array.at')).toBe(true);
    expect(coverage.members.has('Array.flat')).toBe(false);
    expect(coverage.globals.has('structuredClone')).toBe(true);
    expect(coverage.globals.has('globalThis')).toBe(false);
  });
});

describe('regular expressions', () => {
  it('names the features a pattern uses, not what is escaped or in a class', () => {
    expect(regexpFeatures('(?<=a)(?<!b)', '')).toEqual(['javascript.regular_expressions.lookbehind_assertion']);
    expect(regexpFeatures('\\(?<x>[(?<]', '')).toEqual([]);
    expect(regexpFeatures('\\p{L}', '')).toEqual([]);
    expect(regexpFeatures('\\p{L}', 'u')).toEqual(['javascript.regular_expressions.unicode_character_class_escape']);
  });
});

describe('the allowlist', () => {
  it('leaves what it does not cover and reports an entry that covers nothing', () => {
    const findings = check('export const id = () => crypto.randomUUID(); export const c = (v) => structuredClone(v);');
    const needed = { name: 'randomUUID', script: /^snippet\.js$/, gates: ['floor' as const], why: 'test' };
    const unneeded = { name: 'at', script: /^snippet\.js$/, gates: ['floor' as const], why: 'test' };
    const { remaining, unused } = applyAllowlist(findings, [needed, unneeded], 'floor');
    expect(summary(remaining)).toEqual(['api structuredClone']);
    expect(unused).toEqual([unneeded]);
  });
});
