/**
 * Whether a use of an API is feature-detected, read from the code around it — in minified code the
 * shape of the test is all there is: `typeof x.randomUUID == 'function'`, `if (x.randomUUID)`,
 * `window.ResizeObserver && new ResizeObserver(f)`, `x.m ? x.m() : fallback`, an early
 * `if (!x.m) return …` before the use, and the optional call `x.m?.()`.
 */
import type { Node } from 'estree';
import { stringValue, walk } from './ast.ts';

/** Whether `expression` names `name` at all: an identifier, a property, or a string (`'randomUUID' in c`). */
function mentions(expression: Node, name: string): boolean {
  let found = false;
  walk(expression, (node) => {
    if (found) return;
    if (node.type === 'Identifier' && node.name === name) found = true;
    else if (stringValue(node) === name) found = true;
  });
  return found;
}

/** The test of a conditional construct, when `child` is not that test itself. */
function testGuarding(ancestor: Node, child: Node): Node | null {
  switch (ancestor.type) {
    case 'IfStatement':
    case 'ConditionalExpression':
      return child === ancestor.test ? null : ancestor.test;
    case 'LogicalExpression':
      return child === ancestor.right ? ancestor.left : null;
    default:
      return null;
  }
}

/** Whether `child` is (inside) the test of `ancestor`: reading a property there is the detection itself. */
function isTestOf(ancestor: Node, child: Node): boolean {
  switch (ancestor.type) {
    case 'IfStatement':
    case 'ConditionalExpression':
    case 'WhileStatement':
    case 'DoWhileStatement':
    case 'ForStatement':
      return child === ancestor.test;
    case 'LogicalExpression':
      return child === ancestor.left;
    default:
      return false;
  }
}

/** Statements before `child` in a block: an `if` among them that tests the name guards what follows. */
function earlierIfTests(ancestor: Node, child: Node): Node[] {
  const body =
    ancestor.type === 'BlockStatement' || ancestor.type === 'Program' || ancestor.type === 'StaticBlock'
      ? ancestor.body
      : ancestor.type === 'SwitchCase'
        ? ancestor.consequent
        : null;
  if (!body) return [];
  const index = (body as Node[]).indexOf(child);
  return (body as Node[])
    .slice(0, Math.max(index, 0))
    .flatMap((statement) => (statement.type === 'IfStatement' ? [statement.test] : []));
}

/**
 * Whether the use `node` of `name` (a property access, or a global's identifier) is guarded. A global's
 * bare identifier in a test is no guard (reading it throws where it is missing); `typeof` is.
 */
export function isGuarded(node: Node, name: string, ancestors: readonly Node[], isProperty: boolean): boolean {
  const parent = ancestors[ancestors.length - 1];
  if (parent?.type === 'UnaryExpression' && parent.operator === 'typeof') return true;
  const called = (parent?.type === 'CallExpression' || parent?.type === 'NewExpression') && parent.callee === node;
  if (isProperty && parent) {
    // A definition (`X.prototype.at = …`, a polyfill or the library's own), or an optional call `x.m?.()`.
    if (parent.type === 'AssignmentExpression' && parent.left === node) return true;
    if (parent.type === 'CallExpression' && called && parent.optional) return true;
  }
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const ancestor = ancestors[i]!;
    const child = ancestors[i + 1] ?? node;
    // Reading a property in a test is the detection itself (calling it there is not).
    if (isProperty && !called && isTestOf(ancestor, child)) return true;
    const test = testGuarding(ancestor, child);
    if (test && mentions(test, name)) return true;
    // Through functions too: `if (x.m) list.forEach(() => x.m())` is guarded.
    if (earlierIfTests(ancestor, child).some((earlier) => mentions(earlier, name))) return true;
  }
  return false;
}
