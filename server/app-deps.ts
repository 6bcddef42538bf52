import type { InboxMixer } from './ballots/ballot-mixer.ts';
import type { OpenCampaignCache } from './campaigns/open-campaign-cache.ts';
import type { Config } from './config.ts';
import type { Db, DialectName } from './db/database.ts';
import type { WriteQueue } from './db/write-queue.ts';
import type { Logger } from './logger.ts';
import type { PreparedQuestionnaireCache } from './questionnaires/prepared-cache.ts';
import type { SmsGateway } from './access/sms-message.ts';
import type { EvidenceStore } from './evidence/evidence-store.ts';

/** What every route and service may use; built once in main.ts (or by a test) and passed down. */
export interface AppDeps {
  db: Db;
  /** Long reads that must not hold up writes (results, participation): see DatabaseHandle. */
  readDb: Db;
  /** The ballot path's transactions, grouped into one commit on SQLite (decision 009). */
  writes: WriteQueue;
  dialect: DialectName;
  logger: Logger;
  config: Config;
  /**
   * The server key (decision 011): behind every keyed hash the database stores and every sealed record.
   * It never enters the database.
   */
  secret: string;
  /** Mixes sealed ballots and problem reports into the results in batches, off the request path. */
  mixer: InboxMixer;
  /** Directory holding the built client (index.html and assets), or null for an API-only app. */
  clientDir: string | null;
  /** The frozen configuration of open campaigns, read once per process for the ballot path. */
  openCampaigns: OpenCampaignCache;
  /** Questionnaire versions prepared once and reused for every ballot. */
  questionnaires: PreparedQuestionnaireCache;
  /** The SMS gateway SMS_PROVIDER chose, or null when none is configured (SMS invitations are then refused). */
  sms: SmsGateway | null;
  /** Where evidence files (photos, PDFs of a fix) are kept: EVIDENCE_DIR or the default folder. */
  evidence: EvidenceStore;
}
