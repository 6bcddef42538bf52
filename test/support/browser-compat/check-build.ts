/**
 * A whole build against its gate: the legacy build with its polyfill file and the pages' inline scripts
 * at the floor, the modern build at the modern level. Each file is read, parsed and walked once.
 */
import { apiIndex } from './api-index.ts';
import { legacyChunks, modernChunks, polyfillScript } from './built-scripts.ts';
import { checkScript, checkScripts, type Script } from './check-script.ts';
import type { Finding } from './findings.ts';
import { NO_POLYFILLS, polyfillCoverage, type PolyfillCoverage } from './polyfill-coverage.ts';
import { FLOOR_GATE, MODERN_GATE } from './targets.ts';

export interface BuildCheck {
  findings: Finding[];
  /** The names of the scripts checked. */
  scripts: string[];
  coverage: PolyfillCoverage;
}

/** The legacy build in `legacyDir` and the inline scripts of the pages (`pageScripts`), at the floor. */
export function checkFloor(legacyDir: string, pageScripts: readonly Script[]): BuildCheck {
  const index = apiIndex(FLOOR_GATE);
  const polyfills = polyfillScript(legacyDir);
  const polyfillCheck = polyfills
    ? checkScript(polyfills, { gate: FLOOR_GATE, index, coverage: NO_POLYFILLS }, true)
    : { findings: [], names: new Set<string>() };
  const coverage = polyfills ? polyfillCoverage(FLOOR_GATE, polyfillCheck.names) : NO_POLYFILLS;
  const scripts = [...legacyChunks(legacyDir), ...pageScripts];
  const findings = [...polyfillCheck.findings, ...checkScripts(scripts, { gate: FLOOR_GATE, index, coverage })];
  return {
    findings,
    scripts: [...(polyfills ? [polyfills.name] : []), ...scripts.map((script) => script.name)],
    coverage,
  };
}

/** The modern build's chunks at the modern level, with no polyfills (the modern build has none). */
export function checkModern(dist: string): BuildCheck {
  const scripts = modernChunks(dist);
  const context = { gate: MODERN_GATE, index: apiIndex(MODERN_GATE), coverage: NO_POLYFILLS };
  return {
    findings: checkScripts(scripts, context),
    scripts: scripts.map((script) => script.name),
    coverage: NO_POLYFILLS,
  };
}
