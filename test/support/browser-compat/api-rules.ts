/**
 * The API uses of one node that a gate's browsers lack with no polyfill and no guard: a global the
 * scope analysis could not resolve (`structuredClone(v)`, `new ResizeObserver(f)`), a member of such a
 * global (`crypto.randomUUID()`, `Object.hasOwn`), or a call of a member name that is new on every owner
 * it has (`x.at(-1)`).
 */
import type { Identifier, MemberExpression, Node } from 'estree';
import { GLOBAL_OBJECTS, type ApiIndex, type Lack } from './api-index.ts';
import { membersOf } from './compat-data.ts';
import { isGuarded } from './guards.ts';
import { propertyName } from './own-methods.ts';
import type { PolyfillCoverage } from './polyfill-coverage.ts';

export interface ApiUse {
  name: string;
  lack: Lack;
  /** How it was read, for the message: 'crypto.randomUUID, no polyfill'. */
  note: string;
  /**
   * Found by the member's name alone (`x.at(-1)`): it stands only if no script of the build defines a
   * method of that name itself (own-methods.ts), which the caller knows once it has seen them all.
   */
  byName: boolean;
}

export interface ApiContext {
  index: ApiIndex;
  coverage: PolyfillCoverage;
  /** The identifiers that are references to globals (eslint-scope's unresolved references). */
  globalRefs: ReadonlySet<Node>;
}

const membersByOwner = new Map<string, ReturnType<typeof membersOf>>();
function membersAt(owner: { owner: Parameters<typeof membersOf>[0]; path: string }) {
  let members = membersByOwner.get(owner.path);
  if (!members) membersByOwner.set(owner.path, (members = membersOf(owner.owner)));
  return members;
}

/** `node(…)` or `new node(…)`. */
function isCalled(node: Node, ancestors: readonly Node[]): boolean {
  const parent = ancestors[ancestors.length - 1];
  return (parent?.type === 'CallExpression' || parent?.type === 'NewExpression') && parent.callee === node;
}

/** What the browsers lack of the global `name` used at `node`, unless core-js provides it. */
function globalLack(name: string, node: Node, ancestors: readonly Node[], context: ApiContext): Lack | null {
  if (context.coverage.globals.has(name)) return null;
  const found = context.index.global(name);
  if (!found) return null;
  const own = context.index.lack(found.compat, found.path);
  const parent = ancestors[ancestors.length - 1];
  if (own || !found.owner || parent?.type !== 'NewExpression' || parent.callee !== node) return own;
  // `new X()`: the constructor may be younger than the interface.
  return context.index.lack(found.owner[name]?.__compat, `${found.path}.${name}`);
}

function globalIdentifierUse(node: Identifier, ancestors: readonly Node[], context: ApiContext): ApiUse | null {
  if (!context.globalRefs.has(node)) return null;
  const lack = globalLack(node.name, node, ancestors, context);
  if (!lack || isGuarded(node, node.name, ancestors, false)) return null;
  return { name: node.name, lack, note: 'no polyfill', byName: false };
}

/** `G.name` with G a global: bcd knows G's members, so the owner is known. 'unknown' when it is not. */
function memberOfGlobal(
  node: MemberExpression,
  name: string,
  global: Identifier,
  ancestors: readonly Node[],
  context: ApiContext,
): ApiUse | null | 'unknown' {
  if (GLOBAL_OBJECTS.has(global.name)) {
    // Reading `window.X` is how a missing X is detected (undefined, not a ReferenceError): a call counts.
    if (!isCalled(node, ancestors)) return null;
    const lack = globalLack(name, node, ancestors, context);
    return lack ? { name, lack, note: `${global.name}.${name}, no polyfill`, byName: false } : null;
  }
  // A global the browsers lack is reported itself, not each of its members.
  if (globalLack(global.name, global, [...ancestors, node], context)) return null;
  const owner = context.index.ownerOfGlobal(global.name);
  const compat = owner && membersAt(owner).get(name);
  if (!owner || !compat) return 'unknown';
  if (context.coverage.members.has(`${owner.path.slice(owner.path.lastIndexOf('.') + 1)}.${name}`)) return null;
  const lack = context.index.lack(compat, `${owner.path}.${name}`);
  return lack ? { name, lack, note: `${global.name}.${name}, no polyfill`, byName: false } : null;
}

/** `x.name(…)` with x anything: risky only if every owner that has `name` got it after the gate. */
function memberByName(node: MemberExpression, name: string, ancestors: readonly Node[], context: ApiContext) {
  // Reading a property proves nothing by its name alone (another object may have it): a call counts.
  if (!isCalled(node, ancestors)) return null;
  const risky = context.index.riskyMember(name);
  if (!risky) return null;
  const uncovered = risky.owners.filter((owner) => !context.coverage.members.has(`${owner}.${name}`));
  if (uncovered.length === 0) return null;
  return { name, lack: risky.lack, note: `.${name}() of ${uncovered.join(', ')}, no polyfill`, byName: true };
}

function memberUse(node: MemberExpression, ancestors: readonly Node[], context: ApiContext): ApiUse | null {
  const name = propertyName(node);
  if (name === null) return null;
  const object = node.object;
  const known =
    object.type === 'Identifier' && context.globalRefs.has(object)
      ? memberOfGlobal(node, name, object, ancestors, context)
      : 'unknown';
  const use = known === 'unknown' ? memberByName(node, name, ancestors, context) : known;
  return use && !isGuarded(node, name, ancestors, true) ? use : null;
}

export function apiUses(node: Node, ancestors: readonly Node[], context: ApiContext): ApiUse | null {
  if (node.type === 'Identifier') return globalIdentifierUse(node, ancestors, context);
  if (node.type === 'MemberExpression') return memberUse(node, ancestors, context);
  return null;
}
