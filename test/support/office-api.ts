import { expect } from 'vitest';
import { firstAdminPassword } from './console-session.ts';
import type { ServerProcess } from './server-process.ts';

export type OfficeCall = (method: string, path: string, body?: unknown) => Promise<Record<string, unknown>>;

/**
 * The office's API over real HTTP, signed in as the first administrator (whose one-time password is
 * replaced first, as the console makes one do). A call that does not answer 2xx fails the test with the
 * answer in the message. Writes always carry a JSON body (`{}` when none is given).
 */
export async function officeApi(server: ServerProcess): Promise<OfficeCall> {
  const json = { 'content-type': 'application/json' };
  const password = firstAdminPassword(server);
  const login = await fetch(`${server.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: json,
    body: JSON.stringify({ username: 'admin', password }),
  });
  expect(login.status).toBe(200);
  const cookie = login.headers
    .getSetCookie()
    .find((c) => c.startsWith('pingyi_session='))!
    .split(';')[0]!;
  const call: OfficeCall = async (method, path, body) => {
    const write = method !== 'GET';
    const response = await fetch(`${server.baseUrl}/api${path}`, {
      method,
      headers: { cookie, ...(write ? json : {}) },
      ...(write ? { body: JSON.stringify(body ?? {}) } : {}),
    });
    const answer = (await response.json()) as Record<string, unknown>;
    expect(response.status, `${method} ${path}: ${JSON.stringify(answer)}`).toBeLessThan(300);
    return answer;
  };
  await call('POST', '/auth/password', { currentPassword: password, newPassword: `${password} changed` });
  return call;
}
