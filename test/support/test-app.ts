import { createApp } from '../../server/app.ts';
import { tempEvidenceStore } from './test-evidence.ts';
import { InboxMixer } from '../../server/ballots/ballot-mixer.ts';
import { OpenCampaignCache } from '../../server/campaigns/open-campaign-cache.ts';
import type { AppDeps } from '../../server/app-deps.ts';
import { loadConfig } from '../../server/config.ts';
import { createLogger } from '../../server/logger.ts';
import { PreparedQuestionnaireCache } from '../../server/questionnaires/prepared-cache.ts';
import type { TestDatabase } from './test-db.ts';

export const TEST_SECRET = 'test-secret-test-secret-test-secret-0123';

/** The real app over a test database, with no port: call `app.request()`. */
export function createTestApp(database: TestDatabase, overrides: Partial<AppDeps> = {}) {
  const logger = overrides.logger ?? createLogger('silent');
  const secret = overrides.secret ?? TEST_SECRET;
  const deps: AppDeps = {
    db: database.db,
    readDb: database.readDb,
    writes: database.writes,
    dialect: database.dialect,
    logger,
    config: loadConfig({ DATABASE_URL: database.url }),
    secret,
    mixer: new InboxMixer({ db: database.db, dialect: database.dialect, secret, logger }),
    clientDir: null,
    openCampaigns: new OpenCampaignCache(),
    questionnaires: new PreparedQuestionnaireCache(),
    sms: null,
    // A folder of its own per app, under the temporary directory (a test may pass its own store).
    evidence: overrides.evidence ?? tempEvidenceStore(),
    ...overrides,
  };
  return { app: createApp(deps), deps };
}
