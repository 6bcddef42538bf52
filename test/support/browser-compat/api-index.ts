/**
 * What bcd says a gate's browsers lack, arranged for minified code: globals by name, the members of a
 * known global (`crypto.randomUUID`, `Object.hasOwn`), and member names that are new on every owner they
 * have (`.at`, `.replaceAll`), which is all a property access in minified code tells.
 */
import type { CompatStatement, Identifier } from '@mdn/browser-compat-data';
import { compatData, lackingBrowsers, membersOf } from './compat-data.ts';
import type { Gate } from './targets.ts';

/** A feature some of the gate's browsers lack: its bcd path and who lacks it. */
export interface Lack {
  feature: string;
  lacking: string[];
}

/** A member name new on every owner that has it, with those owners. */
export interface RiskyMember {
  owners: string[];
  lack: Lack;
}

export interface ApiIndex {
  /** A global (`structuredClone`, `ResizeObserver`, `globalThis`), or null when bcd does not know it. */
  global(name: string): { owner: Identifier | null; compat: CompatStatement; path: string } | null;
  /** The bcd owner whose members a global's properties are: `crypto` → api.Crypto, `Object` → its built-in. */
  ownerOfGlobal(name: string): { owner: Identifier; path: string } | null;
  lack(compat: CompatStatement | undefined, path: string): Lack | null;
  riskyMember(name: string): RiskyMember | undefined;
}

/** Globals that stand for the global object itself: their members are globals. */
export const GLOBAL_OBJECTS = new Set(['window', 'self', 'globalThis']);

export function apiIndex(gate: Gate): ApiIndex {
  const bcd = compatData();
  // Owners by name; the types allow a __compat in the same record, which membersOf and the lookups skip.
  const builtins = bcd.javascript.builtins as Record<string, Identifier>;
  const api = bcd.api as Record<string, Identifier>;
  const lack = (compat: CompatStatement | undefined, path: string): Lack | null => {
    const lacking = lackingBrowsers(compat, gate.versions);
    return lacking.length > 0 ? { feature: path, lacking } : null;
  };
  const windowMembers = membersOf(api.Window!);
  const risky = riskyMembers(gate, [
    ...Object.entries(builtins).map(([name, owner]) => [`javascript.builtins.${name}`, owner] as const),
    ...Object.entries(api).map(([name, owner]) => [`api.${name}`, owner] as const),
  ]);
  return {
    global(name) {
      if (builtins[name]?.__compat)
        return { owner: builtins[name], compat: builtins[name].__compat, path: `javascript.builtins.${name}` };
      if (api[name]?.__compat) return { owner: api[name], compat: api[name].__compat, path: `api.${name}` };
      const member = windowMembers.get(name);
      return member ? { owner: null, compat: member, path: `api.Window.${name}` } : null;
    },
    ownerOfGlobal(name) {
      if (builtins[name]) return { owner: builtins[name], path: `javascript.builtins.${name}` };
      // An instance the page gets as a global: navigator → api.Navigator, crypto → api.Crypto.
      const interfaceName = name[0]!.toUpperCase() + name.slice(1);
      for (const candidate of [name, interfaceName])
        if (api[candidate]) return { owner: api[candidate], path: `api.${candidate}` };
      return null;
    },
    lack,
    riskyMember: (name) => risky.get(name),
  };
}

/**
 * Member names that some owner the gate's browsers all have got only later, and that no such owner has
 * had all along: `randomUUID`, `at`, `replaceAll`, but not `description` (Symbol's is new, a plugin's
 * is old). Owners the gate's browsers lack altogether are left out: code reaches their members only
 * through the owner's global, which is checked as a global.
 */
function riskyMembers(gate: Gate, owners: readonly (readonly [string, Identifier])[]): Map<string, RiskyMember> {
  const fresh = new Map<string, RiskyMember>();
  const old = new Set<string>();
  for (const [path, owner] of owners) {
    if (!owner.__compat || lackingBrowsers(owner.__compat, gate.versions).length > 0) continue;
    for (const [name, compat] of membersOf(owner)) {
      const lacking = lackingBrowsers(compat, gate.versions);
      if (lacking.length === 0) {
        old.add(name);
        continue;
      }
      const ownerName = path.slice(path.lastIndexOf('.') + 1);
      const entry = fresh.get(name);
      if (entry) entry.owners.push(ownerName);
      else fresh.set(name, { owners: [ownerName], lack: { feature: `${path}.${name}`, lacking } });
    }
  }
  for (const name of old) fresh.delete(name);
  return fresh;
}
