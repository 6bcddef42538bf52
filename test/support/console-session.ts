import type { Page } from 'playwright-core';
import type { ServerProcess } from './server-process.ts';

/** The first administrator's one-time password, as the server printed it on first start. */
export function firstAdminPassword(server: ServerProcess): string {
  const match = /one-time password: ([A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4})/.exec(server.output());
  if (!match?.[1]) throw new Error(`no one-time password in the server output:\n${server.output()}`);
  return match[1];
}

/** Signs in through the login page, replacing the one-time password on first sign-in. */
export async function signInThroughPage(
  page: Page,
  baseUrl: string,
  username: string,
  password: string,
  newPassword?: string,
): Promise<void> {
  await page.goto(`${baseUrl}/login?next=/console`);
  await page.locator('input[name=username]').fill(username);
  await page.locator('input[name=password]').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  if (newPassword) {
    await page.locator('input[name=newPassword]').fill(newPassword);
    await page.getByRole('button', { name: '保存并进入' }).click();
  }
  await page.getByRole('link', { name: '评议活动', exact: true }).waitFor();
}

/** A JSON request from a signed-in page, as the console sends it (its session cookie goes along). */
export function fetchJsonFromPage(page: Page, method: string, path: string, body?: unknown) {
  return page.evaluate(
    async ([m, url, payload]) => {
      const response = await fetch(url as string, {
        method: m as string,
        headers: { 'content-type': 'application/json' },
        body: payload === undefined ? undefined : JSON.stringify(payload),
      });
      return { status: response.status, body: await response.json().catch(() => null) };
    },
    [method, path, body] as const,
  );
}
