/**
 * Signing in to a real server (its own process) as the office does: the first administrator's one-time
 * password is printed once on the server's stdout at first start (server/main.ts), and a session on a
 * one-time password may do nothing but change it (POST /api/auth/password).
 */

/** The first administrator's credentials from the first-start banner in a server's stdout, if there. */
export function firstAdminOf(output: string): { username: string; password: string } | null {
  const username = /username: (\S+)/.exec(output)?.[1];
  const password = /one-time password: (\S+)/.exec(output)?.[1];
  return username && password ? { username, password } : null;
}

/** A session (the value of the `pingyi_session` cookie) and the account's password after sign-in. */
export interface SignedIn {
  token: string;
  password: string;
}

/**
 * Signs in; an account on a one-time password changes it at once to `newPassword`, and signs in again
 * when the change ended the session. `headers` go with every request (e.g. an X-Forwarded-For).
 */
export async function signInChangingPassword(
  baseUrl: string,
  username: string,
  password: string,
  newPassword: string,
  headers: Record<string, string> = {},
): Promise<SignedIn> {
  const send = (method: string, path: string, token?: string, body?: unknown) =>
    fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        accept: 'application/json',
        // The server refuses a cookie-carrying write that is not JSON, even one without a body.
        ...(body !== undefined || method !== 'GET' ? { 'content-type': 'application/json' } : {}),
        ...(token ? { cookie: `pingyi_session=${token}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const must = async (answer: Promise<Response>, what: string) => {
    const done = await answer;
    if (done.status >= 300)
      throw new Error(`setup: ${what} answered ${done.status}: ${(await done.text()).slice(0, 400)}`);
    return done;
  };
  const login = async (pass: string) => {
    const answer = await must(
      send('POST', '/api/auth/login', undefined, { username, password: pass }),
      `signing in ${username}`,
    );
    const cookie = answer.headers.getSetCookie().find((line) => line.startsWith('pingyi_session='));
    if (!cookie) throw new Error(`setup: signing in ${username} set no session cookie`);
    const me = (await answer.json()) as { mustChangePassword?: boolean };
    return { token: cookie.split(';')[0]!.slice('pingyi_session='.length), me };
  };
  const first = await login(password);
  let token = first.token;
  let current = password;
  if (first.me.mustChangePassword) {
    await must(
      send('POST', '/api/auth/password', token, { currentPassword: password, newPassword }),
      `changing ${username}'s one-time password`,
    );
    current = newPassword;
    const me = await send('GET', '/api/auth/me', token);
    await me.arrayBuffer();
    if (me.status === 401) token = (await login(current)).token;
  }
  return { token, password: current };
}

/** Signs in as the first administrator of a server started on an empty user table, from its stdout. */
export async function signInFirstAdmin(baseUrl: string, serverOutput: string): Promise<SignedIn> {
  const admin = firstAdminOf(serverOutput);
  if (!admin) throw new Error(`no first-administrator banner on the server's stdout:\n${serverOutput.slice(0, 2000)}`);
  return signInChangingPassword(baseUrl, admin.username, admin.password, 'Bench-4f1c-Long-Passphrase-2026');
}
