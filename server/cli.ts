import { ONE_TIME_PASSWORD_HOURS } from './auth/auth.service.ts';
import { findUserByUsername } from './auth/users.repository.ts';
import { createAccount, resetAccountPassword } from './auth/users.service.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { openDatabase, type Db } from './db/database.ts';
import { KeyMaintenanceError, replaceLostServerKey, rotateServerKey } from './keys/key-maintenance.ts';
import { defaultKeyFile, replaceKeyFile } from './startup/server-key.ts';
import { migrateToLatest } from './db/migrate.ts';

const USAGE = `Usage: npm run admin -- <command>

  create-admin <username>     create an administrator with a one-time password
  reset-password <username>   give a user a new one-time password and end their sessions
  rotate-key                  replace the server key (stop the servers first; no campaign may be open)
  replace-lost-key            start over with a new key when the old one is lost (see docs/deploy.md)`;

/** The administrator CLI: what an office does when it has no working sign-in, and the server key. */
async function main(argv: string[]): Promise<number> {
  const [command, username] = argv;
  const keyCommand = command === 'rotate-key' || command === 'replace-lost-key';
  if (!command || (!keyCommand && (!username || !['create-admin', 'reset-password'].includes(command)))) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const config = loadConfig();
  const { db, close } = openDatabase(config.DATABASE_URL);
  try {
    await migrateToLatest(db);
    if (keyCommand) return await changeKey(db, config, command);
    const existing = await findUserByUsername(db, username!);
    let password: string;
    if (command === 'create-admin') {
      if (existing) {
        process.stderr.write(`A user named "${username}" already exists; use reset-password.\n`);
        return 1;
      }
      const input = { username: username!, displayName: username!, role: 'admin' as const };
      password = (await createAccount(db, null, input, new Date())).oneTimePassword;
    } else {
      if (!existing) {
        process.stderr.write(`No user named "${username}".\n`);
        return 1;
      }
      password = await resetAccountPassword(db, null, existing.id);
    }
    process.stdout.write(
      `用户名 username: ${username}\n一次性密码 one-time password: ${password}\n(${ONE_TIME_PASSWORD_HOURS} 小时内有效，首次登录须修改 / valid for ${ONE_TIME_PASSWORD_HOURS} hours; change it at first sign-in)\n`,
    );
    return 0;
  } finally {
    await close();
  }
}

async function changeKey(db: Db, config: Config, command: 'rotate-key' | 'replace-lost-key'): Promise<number> {
  let key: string;
  try {
    if (command === 'rotate-key') key = (await rotateServerKey(db)).key;
    else {
      const replaced = await replaceLostServerKey(db);
      key = replaced.key;
      process.stdout.write(
        `Voided ${replaced.voidedCodes} unused codes of open and draft campaigns (issue new ones); ${replaced.lostSealed} sealed records could not be opened and were removed.\n`,
      );
    }
  } catch (error) {
    if (!(error instanceof KeyMaintenanceError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return 1;
  }
  if (config.SERVER_KEY) {
    process.stdout.write(`New server key (set SERVER_KEY to it on every app server, then start them):\n${key}\n`);
  } else {
    const keyFile = config.KEY_FILE ?? defaultKeyFile(config.DATABASE_URL);
    const kept = replaceKeyFile(keyFile, key, new Date());
    process.stdout.write(`New server key written to ${keyFile}${kept ? `; the old one is kept in ${kept}` : ''}.\n`);
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `${error instanceof ConfigError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
