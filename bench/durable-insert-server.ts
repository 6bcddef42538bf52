// The durable-write baseline of the submission benchmarks: a bare Hono POST route on @hono/node-server,
// started by the same Node binary in its own process, that parses the JSON body and commits it as ONE
// row of a better-sqlite3 file in WAL mode with synchronous=FULL — one transaction (so one WAL fsync)
// per request, through one prepared statement — and answers 201 with a small JSON. No validation, no
// access check, no other statement: what any server that commits each ballot on its own, through the
// same HTTP stack and the same disk, cannot beat on this machine. GET / answers the rows stored, so a
// benchmark can check that what was acknowledged was stored.
// Run: node --import tsx bench/durable-insert-server.ts PORT FILE
import { randomUUID } from 'node:crypto';
import { serve } from '@hono/node-server';
import SQLite from 'better-sqlite3';
import { Hono } from 'hono';

const [port, file] = [Number(process.argv[2] ?? 3002), process.argv[3]];
if (!file) throw new Error('usage: bench/durable-insert-server.ts PORT FILE');

const sqlite = new SQLite(file);
sqlite.pragma('journal_mode = WAL');
sqlite.pragma('synchronous = FULL');
sqlite.exec('create table if not exists ballots (id text primary key, body text not null) without rowid');
const insert = sqlite.prepare('insert into ballots (id, body) values (?, ?)');
const commit = sqlite.transaction((id: string, body: string) => insert.run(id, body));
const count = sqlite.prepare('select count(*) as n from ballots');

const app = new Hono();
app.post('/', async (c) => {
  const body: unknown = await c.req.json();
  const id = randomUUID();
  commit(id, JSON.stringify(body));
  return c.json({ id }, 201);
});
app.get('/', (c) => c.json({ stored: (count.get() as { n: number }).n }));
serve({ fetch: app.fetch, port, hostname: '127.0.0.1' });
process.on('SIGTERM', () => {
  sqlite.close();
  process.exit(0);
});
