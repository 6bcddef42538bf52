import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSmsGateway } from './access/sms-gateway.ts';
import { createApp } from './app.ts';
import { createNodeServer } from './http/node-server.ts';
import { InboxMixer } from './ballots/ballot-mixer.ts';
import { OpenCampaignCache } from './campaigns/open-campaign-cache.ts';
import { ensureFirstAdmin, ONE_TIME_PASSWORD_HOURS } from './auth/auth.service.ts';
import { ConfigError, loadConfig } from './config.ts';
import { openDatabase, sqlitePath } from './db/database.ts';
import { holdSqliteWriterLock, WriterLockError } from './db/writer-lock.ts';
import { migrateToLatest } from './db/migrate.ts';
import { createLogger } from './logger.ts';
import { evidenceStoreFromConfig } from './evidence/evidence-store.ts';
import { PreparedQuestionnaireCache } from './questionnaires/prepared-cache.ts';
import { startPruning } from './housekeeping/pruning.ts';
import { startFollowupRounds } from './followups/followup-sms.ts';
import { startWebhookWorker } from './webhooks/webhook-worker.ts';
import { seedDemoIfEmpty } from './seed/demo.ts';
import { demoAccountsNotice } from './seed/demo-accounts.ts';
import { clientOutDir, ensureClientBuilt } from './startup/client-build.ts';
import { defaultKeyFile, loadServerKey, ServerKeyError } from './startup/server-key.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.LOG_LEVEL);
  if (config.CLIENT_BUILD === 'auto') await ensureClientBuilt(root, (message) => logger.info(message));

  let writerLock: { release(): void } | null = null;
  if (!/^postgres(ql)?:\/\//.test(config.DATABASE_URL) && sqlitePath(config.DATABASE_URL) !== ':memory:') {
    try {
      writerLock = holdSqliteWriterLock(sqlitePath(config.DATABASE_URL));
    } catch (error) {
      if (!(error instanceof WriterLockError)) throw error;
      process.stderr.write(`Pingyi cannot start: ${error.message}\n`);
      process.exit(1);
    }
  }
  const database = openDatabase(config.DATABASE_URL, {
    backgroundCheckpoints: { onError: (message) => logger.warn('WAL checkpoints keep failing', { error: message }) },
  });
  const { db, dialect } = database;
  const close = async () => {
    await database.writes.idle();
    await database.close();
    writerLock?.release();
  };
  const applied = await migrateToLatest(db);
  if (applied.length > 0) logger.info('database migrated', { applied });
  let secret: string;
  try {
    const keyFile = config.KEY_FILE ?? defaultKeyFile(config.DATABASE_URL);
    const loaded = await loadServerKey(db, { configured: config.SERVER_KEY, keyFile });
    logger.info('server key loaded', {
      source: loaded.source,
      keyFile: loaded.source === 'environment' ? null : keyFile,
    });
    secret = loaded.key;
  } catch (error) {
    if (!(error instanceof ServerKeyError)) throw error;
    process.stderr.write(`Pingyi cannot start: ${error.message}\n`);
    process.exit(1);
  }
  const firstAdmin = await ensureFirstAdmin({ db }, new Date());
  if (firstAdmin) announceFirstAdmin(firstAdmin);
  // One store for the app and the demo's photos: the demo seeds into the folder the app serves from.
  const evidence = evidenceStoreFromConfig(config);
  logger.info('evidence store', { store: evidence.description });
  if (config.DEMO === 'on') {
    const seeded = await seedDemoIfEmpty(db, new Date(), secret, evidence);
    if (seeded) {
      // The accounts' one-time passwords go to the console only, never into the log.
      const { accounts, followupCode, ...counts } = seeded;
      logger.info('demo data seeded', counts);
      process.stdout.write(demoAccountsNotice(accounts, followupCode));
    }
  }

  const mixer = new InboxMixer({ db, dialect, secret, logger });
  const sms = createSmsGateway(config, logger);
  await mixer.resume();
  const pruning = startPruning({ db, dialect, logger });
  const app = createApp({
    db,
    readDb: database.readDb,
    writes: database.writes,
    dialect,
    logger,
    config,
    secret,
    mixer,
    clientDir: clientOutDir(root),
    openCampaigns: new OpenCampaignCache(),
    questionnaires: new PreparedQuestionnaireCache(),
    sms,
    evidence,
  });
  // The raisers' follow-up SMS (decision 017): each code after its batch commits, then the request to rate.
  const followupRounds = startFollowupRounds({ db, sms, config, secret, logger });
  // Signed webhooks (decision 019): scans and deliveries; with no endpoint registered nothing is sent.
  const webhooks = startWebhookWorker({ db, secret, logger });
  const server = createNodeServer(app);
  server.listen(config.PORT, config.HOST, () => {
    logger.info(`Pingyi is serving on http://localhost:${config.PORT}`, { database: dialect });
  });

  const shutdown = (signal: string) => {
    logger.info('shutting down', { signal });
    server.close(() => {
      // A mixer run in progress finishes (its batch commits or rolls back whole) before the pool closes.
      void Promise.all([mixer.flush(), pruning.stop(), followupRounds.stop(), webhooks.stop()])
        .then(close)
        .finally(() => process.exit(0));
    });
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

/** Shown once, on the console only (never in the log level's JSON): the first administrator's password. */
function announceFirstAdmin({ username, password }: { username: string; password: string }) {
  const line = '='.repeat(72);
  process.stdout.write(
    `\n${line}\n  首次启动：已创建管理员账号 / First start: administrator created\n  用户名 username: ${username}\n  一次性密码 one-time password: ${password}\n  ${ONE_TIME_PASSWORD_HOURS} 小时内有效；登录后须修改密码；此密码不会再次显示。\n  Valid for ${ONE_TIME_PASSWORD_HOURS} hours; change it at first sign-in; it is not shown again.\n  忘记时可重置 / to reset: npm run admin -- reset-password ${username}\n${line}\n\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Pingyi failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
