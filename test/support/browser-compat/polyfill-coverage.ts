/**
 * What the floor's polyfill file covers, kept data-driven: the core-js modules core-js-compat names for
 * the gate's browsers (the list the build bundles), each read as the global or member it provides
 * (`es.array.at` → Array.at, `web.structured-clone` → structuredClone), and kept only where the polyfill
 * file really holds that name (a polyfill built from fewer modules covers less).
 */
import { createRequire } from 'node:module';
import { compatData } from './compat-data.ts';
import type { Gate } from './targets.ts';

export interface PolyfillCoverage {
  /** Globals it defines: 'structuredClone', 'globalThis'. */
  globals: ReadonlySet<string>;
  /** Members as 'Owner.member' in bcd's owner names: 'Array.at', 'TypedArray.at', 'URL.canParse'. */
  members: ReadonlySet<string>;
  /** `new RegExp(source)` with named groups and the s flag (core-js's es.regexp.constructor). */
  regexpConstructor: boolean;
}

export const NO_POLYFILLS: PolyfillCoverage = { globals: new Set(), members: new Set(), regexpConstructor: false };

/** Modules whose name does not spell what they provide. */
const MODULE_GLOBALS: Readonly<Record<string, readonly string[]>> = {
  'web.immediate': ['setImmediate', 'clearImmediate'],
  'web.self': ['self'],
  'es.global-this': ['globalThis'],
  'web.queue-microtask': ['queueMicrotask'],
  'web.structured-clone': ['structuredClone'],
  'es.promise': ['Promise'],
};

const camel = (kebab: string) => kebab.replace(/-([a-z0-9])/g, (_match, char: string) => char.toUpperCase());

/** core-js's owner part ('typed-array', 'url-search-params') → bcd's owner name ('TypedArray', 'URLSearchParams'). */
function ownerNames(): Map<string, string> {
  const bcd = compatData();
  const names = new Map<string, string>();
  for (const name of [...Object.keys(bcd.api), ...Object.keys(bcd.javascript.builtins ?? {})])
    if (!names.has(name.toLowerCase())) names.set(name.toLowerCase(), name);
  return names;
}

export type ModuleFeature = { global: string } | { owner: string; member: string } | { regexpConstructor: true };

/** What one core-js module provides, or null for fixes of what the floor has (es.array.push) and the like. */
export function moduleFeatures(module: string, owners = ownerNames()): ModuleFeature[] {
  if (MODULE_GLOBALS[module]) return MODULE_GLOBALS[module].map((global) => ({ global }));
  if (module === 'es.regexp.constructor') return [{ regexpConstructor: true }];
  const [, ownerPart, memberPart, extra] = module.replace(/\.v2$/, '').split('.');
  if (!ownerPart || extra) return [];
  const owner = owners.get(ownerPart.replace(/-/g, ''));
  if (!owner) return [];
  if (!memberPart || memberPart === 'constructor') return [{ global: owner }];
  return [{ owner, member: camel(memberPart.replace(/-alternative$/, '')) }];
}

/**
 * The coverage of a polyfill file for a gate: core-js-compat's modules for its browsers, each kept only if
 * the file names what it provides (`names`: every identifier, property key and string in the file).
 */
export function polyfillCoverage(gate: Gate, names: ReadonlySet<string>): PolyfillCoverage {
  const require = createRequire(import.meta.url);
  const compat = require('core-js-compat') as (options: object) => { list: string[] };
  const { list } = compat({ targets: gate.coreJsTargets, modules: ['core-js/stable'] });
  const owners = ownerNames();
  const globals = new Set<string>();
  const members = new Set<string>();
  let regexpConstructor = false;
  for (const feature of list.flatMap((module) => moduleFeatures(module, owners))) {
    if ('regexpConstructor' in feature) regexpConstructor = names.has('RegExp');
    else if ('global' in feature) {
      if (names.has(feature.global)) globals.add(feature.global);
    } else if (names.has(feature.member)) members.add(`${feature.owner}.${feature.member}`);
  }
  return { globals, members, regexpConstructor };
}
