import { findUserByUsername } from './auth/users.repository.ts';
import { createAccount, resetAccountPassword } from './auth/users.service.ts';
import { ConfigError, loadConfig } from './config.ts';
import { openDatabase } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';

const USAGE = `Usage: npm run admin -- <command>

  create-admin <username>     create an administrator with a one-time password
  reset-password <username>   give a user a new one-time password and end their sessions`;

/** The administrator CLI: what an office does when it has no working sign-in. */
async function main(argv: string[]): Promise<number> {
  const [command, username] = argv;
  if (!command || !username || !['create-admin', 'reset-password'].includes(command)) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const config = loadConfig();
  const { db, close } = openDatabase(config.DATABASE_URL);
  try {
    await migrateToLatest(db);
    const existing = await findUserByUsername(db, username);
    let password: string;
    if (command === 'create-admin') {
      if (existing) {
        process.stderr.write(`A user named "${username}" already exists; use reset-password.\n`);
        return 1;
      }
      const input = { username, displayName: username, role: 'admin' as const };
      password = (await createAccount(db, null, input, new Date())).oneTimePassword;
    } else {
      if (!existing) {
        process.stderr.write(`No user named "${username}".\n`);
        return 1;
      }
      password = await resetAccountPassword(db, null, existing.id);
    }
    process.stdout.write(
      `用户名 username: ${username}\n一次性密码 one-time password: ${password}\n(change it at first sign-in)\n`,
    );
    return 0;
  } finally {
    await close();
  }
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
