// The same-run baseline of the submission benchmark: a bare Hono "hello world" on @hono/node-server,
// started by the same Node binary, so ballots/s can be read as a share of what this machine serves at all.
// Run: node --import tsx bench/hello-server.ts PORT
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const app = new Hono();
app.get('/', (c) => c.text('Hello World!'));
serve({ fetch: app.fetch, port: Number(process.argv[2] ?? 3001), hostname: '127.0.0.1' });
