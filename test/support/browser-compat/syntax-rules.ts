/**
 * The syntax inside the ES edition a gate parses at that its browsers still lack: at the floor, what
 * ES2020 has and Chrome 67 or Firefox 68 do not (`?.`, `??`, `export * as ns`), and the ES2018 regular
 * expression features Firefox 68 and Safari 14 lack. Decided by bcd, so the same rules serve the modern
 * gate, where they find nothing the modern browsers lack.
 */
import type { Expression, Node, SpreadElement } from 'estree';
import { stringValue } from './ast.ts';
import type { PolyfillCoverage } from './polyfill-coverage.ts';
import { REGEXP_FEATURES, regexpFeatures } from './regexp-features.ts';

/** A syntax use by its bcd path; `name` is how a finding and an allowlist entry call it. */
export interface SyntaxUse {
  name: string;
  feature: string;
  node: Node;
}

/** What `new RegExp(source)` gets right with core-js's es.regexp.constructor loaded. */
const REGEXP_CONSTRUCTOR_FIXES = new Set<string>([
  REGEXP_FEATURES.namedGroup,
  REGEXP_FEATURES.namedBackreference,
  'javascript.builtins.RegExp.dotAll',
]);

const stringOf = (argument: Expression | SpreadElement | undefined): string | null =>
  argument ? stringValue(argument) : null;

/** `RegExp('…', 'flags')` or `new RegExp('…')` with a literal pattern: the pattern and flags. */
function regexpCall(node: Node, isGlobal: (node: Node) => boolean): { pattern: string; flags: string } | null {
  if (node.type !== 'NewExpression' && node.type !== 'CallExpression') return null;
  if (node.callee.type !== 'Identifier' || node.callee.name !== 'RegExp' || !isGlobal(node.callee)) return null;
  const pattern = stringOf(node.arguments[0]);
  return pattern === null ? null : { pattern, flags: stringOf(node.arguments[1]) ?? '' };
}

/** The syntax uses of one node that a gate's browsers might lack (the caller asks bcd whether they do). */
export function syntaxUses(node: Node, coverage: PolyfillCoverage, isGlobal: (node: Node) => boolean): SyntaxUse[] {
  switch (node.type) {
    case 'ChainExpression':
      return [{ name: '?.', feature: 'javascript.operators.optional_chaining', node }];
    case 'LogicalExpression':
      return node.operator === '??' ? [{ name: '??', feature: 'javascript.operators.nullish_coalescing', node }] : [];
    case 'ExportAllDeclaration':
      return node.exported ? [{ name: 'export * as', feature: 'javascript.statements.export.namespace', node }] : [];
    case 'Literal':
      return 'regex' in node && node.regex
        ? regexpFeatures(node.regex.pattern, node.regex.flags).map((feature) => ({
            name: 'regex literal',
            feature,
            node,
          }))
        : [];
    default: {
      // A pattern in a string fails only where it runs, and core-js's RegExp fixes some of them.
      const call = regexpCall(node, isGlobal);
      if (!call) return [];
      return regexpFeatures(call.pattern, call.flags)
        .filter((feature) => !(coverage.regexpConstructor && REGEXP_CONSTRUCTOR_FIXES.has(feature)))
        .map((feature) => ({ name: 'RegExp', feature, node }));
    }
  }
}
