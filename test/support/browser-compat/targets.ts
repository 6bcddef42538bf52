/**
 * The two gates the built client is checked against, as browser → version in @mdn/browser-compat-data's
 * names: the support floor of the respondent pages (the legacy build) and the modern build's level. Both
 * come from client/support-matrix.ts, the one home of the matrix.
 */
import { FLOOR, FLOOR_BUILD_TARGET, MODERN_BUILD_TARGET } from '../../../client/support-matrix.ts';

/** A bcd browser name (chrome, safari_ios, …) → the oldest version the gate admits. */
export type BrowserVersions = Readonly<Record<string, number>>;

export interface Gate {
  name: 'floor' | 'modern';
  versions: BrowserVersions;
  /** The core-js-compat targets of the same browsers: what the gate's polyfills would cover. */
  coreJsTargets: Readonly<Record<string, string>>;
  /** The ECMAScript edition every script must parse at (the gate's syntax checks add what acorn allows too early). */
  ecmaVersion: 2020 | 2023;
}

/** core-js-compat's (and esbuild's) browser names → bcd's; Chrome on Android follows desktop Chrome's versions. */
const BCD_NAMES: Readonly<Record<string, readonly string[]>> = {
  chrome: ['chrome', 'chrome_android'],
  android: ['webview_android'],
  edge: ['edge'],
  firefox: ['firefox'],
  safari: ['safari'],
  ios: ['safari_ios'],
  samsung: ['samsunginternet_android'],
};

function bcdVersions(targets: Readonly<Record<string, number>>): Record<string, number> {
  const versions: Record<string, number> = {};
  for (const [browser, version] of Object.entries(targets)) {
    const names = BCD_NAMES[browser];
    if (!names) throw new Error(`support matrix: no bcd name for the browser "${browser}"`);
    for (const name of names) versions[name] = version;
  }
  return versions;
}

/** esbuild's target strings ('chrome111', 'safari16.4') as browser → version. */
export function parseBuildTarget(target: readonly string[]): Record<string, number> {
  return Object.fromEntries(
    target.map((entry) => {
      const match = /^([a-z]+)(\d+(?:\.\d+)?)$/.exec(entry);
      if (!match) throw new Error(`support matrix: cannot read the build target "${entry}"`);
      return [match[1]!, Number(match[2])];
    }),
  );
}

function gate(name: Gate['name'], targets: Readonly<Record<string, number>>, ecmaVersion: Gate['ecmaVersion']): Gate {
  return {
    name,
    versions: bcdVersions(targets),
    coreJsTargets: Object.fromEntries(Object.entries(targets).map(([browser, version]) => [browser, String(version)])),
    ecmaVersion,
  };
}

/**
 * The floor: Chrome and Android WebView 67, Safari 14, Firefox 68, Edge 79 (and what FLOOR adds). ES2020
 * is the edition acorn checks; the ES2020 parts the floor lacks are rejected by syntax-rules.ts.
 */
export const FLOOR_GATE: Gate = gate('floor', { ...parseBuildTarget(FLOOR_BUILD_TARGET), ...FLOOR }, 2020);

/** The modern build's level (Chrome and Edge 111, Firefox 114, Safari 16.4): ES2023 syntax, no polyfills. */
export const MODERN_GATE: Gate = gate('modern', parseBuildTarget(MODERN_BUILD_TARGET), 2023);
