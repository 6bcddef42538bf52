import { resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { ensureClientBuilt } from '../../server/startup/client-build.ts';
import { findPostgresBin, startPostgresCluster, type PostgresCluster } from './postgres-cluster.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Admin URL of the throwaway PostgreSQL cluster, or '' when none could be started. */
    postgresUrl: string;
  }
}

let cluster: PostgresCluster | null = null;

export async function setup(project: TestProject) {
  // Browser tests serve the built client: build it once here, not in each test file.
  await ensureClientBuilt(resolve(import.meta.dirname, '../..'), (line) => process.stdout.write(`${line}\n`));
  const bin = findPostgresBin();
  if (!bin) {
    const banner = '!'.repeat(78);
    process.stderr.write(
      `\n${banner}\n!! NO POSTGRESQL BINARIES under /usr/lib/postgresql: the PostgreSQL half of the suite is SKIPPED.\n!! Install them (apt-get install postgresql) or run \`npm test\`, which installs them.\n${banner}\n\n`,
    );
    project.provide('postgresUrl', '');
    return;
  }
  cluster = await startPostgresCluster(bin);
  project.provide('postgresUrl', cluster.url);
}

export function teardown() {
  cluster?.stop();
}
