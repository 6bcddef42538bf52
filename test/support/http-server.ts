import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';

/** Serves an app on a real loopback socket, as main.ts does, for what only real HTTP shows. */
export async function serveOnLoopback(app: { fetch: (request: Request) => Response | Promise<Response> }) {
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const started = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(started));
  });
  const { port } = server.address() as AddressInfo;
  return {
    port,
    baseUrl: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
