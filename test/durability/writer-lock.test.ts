import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';

// One app server per SQLite file (issue 14, decision 013): a second server on the same file refuses to
// start with a clear message instead of answering ballots with "database is locked"; the lock goes with
// the process that held it, however it ended.

const dir = mkdtempSync(join(tmpdir(), 'pingyi-writer-lock-'));
const url = `file:${join(dir, 'pingyi.sqlite')}`;
const running: ServerProcess[] = [];

afterAll(async () => {
  for (const server of running) {
    if (server.child.exitCode === null && server.child.signalCode === null) await server.stop('SIGKILL');
  }
  rmSync(dir, { recursive: true, force: true });
});

it('refuses to start a second server on a SQLite file that one already serves, and starts once it is gone', async () => {
  const first = await startServerProcess({ DATABASE_URL: url, DEMO: 'off' });
  running.push(first);
  await expect(startServerProcess({ DATABASE_URL: url, DEMO: 'off' })).rejects.toThrow(
    /exited with 1[\s\S]*another Pingyi server is already running on .*pingyi\.sqlite/,
  );
  // The first one still serves.
  expect((await fetch(`${first.baseUrl}/api/health`)).status).toBe(200);

  // Killed without a chance to clean up, it leaves no lock behind.
  await first.stop('SIGKILL');
  const second = await startServerProcess({ DATABASE_URL: url, DEMO: 'off' });
  running.push(second);
  expect((await fetch(`${second.baseUrl}/api/health`)).status).toBe(200);
  await second.stop('SIGTERM');
  const third = await startServerProcess({ DATABASE_URL: url, DEMO: 'off' });
  running.push(third);
  expect((await fetch(`${third.baseUrl}/api/health`)).status).toBe(200);
}, 120_000);
