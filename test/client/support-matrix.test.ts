import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEGACY_DIR } from '../../client/support-matrix.ts';
import { clientOutDir } from '../../server/startup/client-build.ts';
import { ALLOWED_FINDINGS, applyAllowlist } from '../support/browser-compat/allowlist.ts';
import { inlineScripts } from '../support/browser-compat/built-scripts.ts';
import { checkFloor, checkModern, type BuildCheck } from '../support/browser-compat/check-build.ts';
import type { Script } from '../support/browser-compat/check-script.ts';
import { formatFindings } from '../support/browser-compat/findings.ts';
import { createTestApp } from '../support/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-db.ts';

// The support matrix (client/support-matrix.ts, decision 016) as built: every script a browser at the floor
// runs on the respondent pages parses at the floor's syntax and calls no API the floor lacks without a
// polyfill or a guard; the modern build holds to its own level (issue 18). The build is the one the global
// setup made (ensureClientBuilt); each file is parsed once, in beforeAll.

const dist = clientOutDir(resolve(import.meta.dirname, '../..'));

/** The respondent pages whose HTML carries the boot script: a QR page, code entry, a published notice. */
const PAGES = ['/r/no-such-campaign/no-such-unit', '/code', '/p/no-such-notice'];

const unallowed = (check: BuildCheck, gate: 'floor' | 'modern') =>
  applyAllowlist(check.findings, ALLOWED_FINDINGS, gate);

describe('the respondent pages at the support floor (the legacy build)', () => {
  // The pages' HTML only: a SQLite file is enough, no dialect is under test.
  let database: TestDatabase | null = null;
  const pageScripts: Script[] = [];
  let floor: BuildCheck;

  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    const { app } = createTestApp(database, { clientDir: dist });
    for (const path of PAGES) {
      const response = await app.request(path);
      if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
      pageScripts.push(...inlineScripts(await response.text(), path));
    }
    floor = checkFloor(join(dist, LEGACY_DIR), pageScripts);
  });

  afterAll(async () => {
    await database?.close();
  });

  it('has a legacy build, its polyfill file and a boot script on every page', () => {
    expect(existsSync(join(dist, LEGACY_DIR, '.vite', 'manifest.json')), `no legacy build in ${dist}`).toBe(true);
    expect(floor.scripts.filter((name) => /^polyfills-.*\.js$/.test(name))).toHaveLength(1);
    expect(floor.scripts.filter((name) => /^survey-.*\.js$/.test(name))).toHaveLength(1);
    for (const path of PAGES) expect(pageScripts.map((script) => script.name)).toContain(`inline script 1 of ${path}`);
    // Read from the polyfill file itself: what the floor lacks and core-js gives.
    expect([...floor.coverage.globals]).toEqual(expect.arrayContaining(['globalThis', 'structuredClone']));
    expect([...floor.coverage.members]).toEqual(
      expect.arrayContaining(['Array.at', 'Array.flat', 'Object.fromEntries']),
    );
  });

  it('runs on the floor: every script parses at its syntax and calls nothing it lacks unpolyfilled or unguarded', () => {
    expect(formatFindings(unallowed(floor, 'floor').remaining)).toBe('');
  });

  it('needs every entry of the allowlist it uses', () => {
    expect(unallowed(floor, 'floor').unused.map((entry) => entry.name)).toEqual([]);
  });
});

describe('the modern build at its own level', () => {
  let modern: BuildCheck;

  beforeAll(() => {
    modern = checkModern(dist);
  });

  it('parses at its syntax and calls nothing its browsers lack unguarded', () => {
    expect(modern.scripts.length).toBeGreaterThan(0);
    expect(formatFindings(unallowed(modern, 'modern').remaining)).toBe('');
  });

  it('needs every entry of the allowlist it uses', () => {
    expect(unallowed(modern, 'modern').unused.map((entry) => entry.name)).toEqual([]);
  });
});
