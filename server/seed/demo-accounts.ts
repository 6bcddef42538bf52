import type { Db } from '../db/database.ts';
import { oneTimePassword, oneTimePasswordExpiry } from '../auth/auth.service.ts';
import { hashPassword } from '../auth/password.ts';
import { setPassword } from '../auth/users.repository.ts';
import { DEMO_DEPARTMENTS } from './demo-city.ts';
import { STAFF_NAMES } from './demo-ledger-data.ts';

// The demo's accounts for the rectification module: a staff account (联络员) for every department, so the
// timeline names who moved what, three of them and one leader with one-time passwords printed at start.

/** Departments whose staff get a one-time password printed at start (the others' staff get none). */
export const DEMO_STAFF_WITH_PASSWORDS = ['D26', 'D21', 'D16'] as const;
/** The leader who gets a one-time password to read everything. */
export const DEMO_READING_LEADER = 'leader01';

export interface DemoAccount {
  username: string;
  displayName: string;
  role: 'unit_staff' | 'leader';
  password: string;
}

/** The demo accounts' one-time passwords and their hashes, by department code (and the leader's username). */
export type DemoPasswords = ReadonlyMap<string, { password: string; hash: string }>;

/**
 * Makes the demo accounts' passwords. scrypt runs on the thread pool, so the demo starts this before it
 * seeds the city and the hashes are ready by the time the ledger needs them (they would add about a
 * second to the start otherwise).
 */
export async function makeDemoPasswords(): Promise<DemoPasswords> {
  const keys = [...DEMO_STAFF_WITH_PASSWORDS, DEMO_READING_LEADER];
  return new Map(
    await Promise.all(
      keys.map(async (key) => {
        const password = oneTimePassword();
        return [key as string, { password, hash: await hashPassword(password) }] as const;
      }),
    ),
  );
}

/**
 * A staff account for every department (its 联络员; the timeline names who moved what), of which three get
 * one-time passwords, and one leader: printed at start as the first administrator's is.
 */
export async function seedAccounts(
  db: Db,
  units: ReadonlyMap<string, { id: number; name: string }>,
  passwords: DemoPasswords,
  now: Date,
) {
  const expiresAt = oneTimePasswordExpiry(now);
  const accounts: DemoAccount[] = [];
  const rows = DEMO_DEPARTMENTS.flatMap(([code], index) => {
    const unit = units.get(code);
    if (!unit) return [];
    const username = `unit-${code.toLowerCase()}`;
    const displayName = `${STAFF_NAMES[index % STAFF_NAMES.length]}（${unit.name}）`;
    const demo = passwords.get(code);
    if (demo) accounts.push({ username, displayName, role: 'unit_staff', password: demo.password });
    return [
      {
        username,
        display_name: displayName,
        role: 'unit_staff' as const,
        unit_id: unit.id,
        // '!' is no valid hash: the other departments' staff get passwords when an admin sets them.
        password_hash: demo?.hash ?? '!',
        must_change_password: 1 as const,
        password_expires_at: demo ? expiresAt : null,
        disabled: 0 as const,
        created_at: now.toISOString(),
      },
    ];
  });
  // One statement for all of them: the demo's start stays short on PostgreSQL too.
  const inserted = await db.insertInto('users').values(rows).returning(['id', 'unit_id']).execute();
  const codeOf = new Map([...units].map(([code, unit]) => [unit.id, code]));
  const staffIds = new Map(inserted.map((row) => [codeOf.get(row.unit_id ?? -1) ?? '', row.id]));
  const leader = await db
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('username', '=', DEMO_READING_LEADER)
    .executeTakeFirst();
  const leaderPassword = passwords.get(DEMO_READING_LEADER);
  if (leader && leaderPassword) {
    await setPassword(db, leader.id, leaderPassword.hash, { mustChange: true, expiresAt });
    accounts.push({
      username: DEMO_READING_LEADER,
      displayName: leader.display_name,
      role: 'leader',
      password: leaderPassword.password,
    });
  }
  return { staffIds, accounts };
}

/** The demo accounts as `npm start` prints them, once, beside the first administrator's. */
export function demoAccountsNotice(accounts: readonly DemoAccount[], followupCode: string | null): string {
  if (accounts.length === 0) return '';
  const line = '='.repeat(72);
  const rows = accounts.map(
    (a) =>
      `  ${a.username.padEnd(10)} ${a.role === 'leader' ? '市领导 leader    ' : '单位 unit staff  '} 密码 password: ${a.password}  ${a.displayName}`,
  );
  const code = followupCode
    ? [`  评价整改的跟进码 follow-up code to rate a fix: ${followupCode}  (/f/${followupCode.replaceAll('-', '')})`]
    : [];
  return `\n${line}\n  演示账号 / Demo accounts (一次性密码，登录后须修改 / one-time, change at first sign-in)\n${rows.join('\n')}\n${code.join('\n')}\n${line}\n\n`;
}
