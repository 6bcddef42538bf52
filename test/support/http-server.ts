import type { AddressInfo } from 'node:net';
import { createNodeServer } from '../../server/http/node-server.ts';

/** Serves an app on a real loopback socket, as main.ts does, for what only real HTTP shows. */
export async function serveOnLoopback(app: { fetch: (request: Request) => Response | Promise<Response> }) {
  const server = createNodeServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    baseUrl: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
