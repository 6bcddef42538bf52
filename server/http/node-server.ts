import { createServer, type Server } from 'node:http';
import { getRequestListener, RequestError } from '@hono/node-server';
import { errorBody } from '../errors.ts';

/**
 * The Node HTTP server for the app, as main.ts and the real-HTTP tests run it. A request the adapter
 * cannot turn into a Request at all (a Host with a port past 65535, a malformed absolute target) gets a
 * 400 in the one error shape, not an empty answer; anything else the app itself answers.
 */
export function createNodeServer(app: { fetch: (request: Request) => Response | Promise<Response> }): Server {
  const listener = getRequestListener(app.fetch, {
    errorHandler: (error) => {
      if (!(error instanceof RequestError)) throw error;
      return new Response(JSON.stringify(errorBody('invalid_host', 'The request names no valid host or target.')), {
        status: 400,
        headers: { 'content-type': 'application/json', connection: 'close' },
      });
    },
  });
  return createServer(listener);
}
