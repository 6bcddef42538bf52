import type { RaterType } from '../../scoring/rater-type.ts';
import type { Db, DialectName } from '../db/database.ts';

/** The columns of a version without its (possibly large) definition. */
const SUMMARY_COLUMNS = ['q.id', 'q.family', 'q.version', 'q.rater_type', 'q.title', 'q.created_at'] as const;

/** The latest version of every family, with how many versions the family has; newest family first. */
export function listLatestVersions(db: Db) {
  return db
    .selectFrom('questionnaires as q')
    .innerJoin(
      (eb) =>
        eb
          .selectFrom('questionnaires')
          .select((inner) => [
            'family',
            inner.fn.max('version').as('latest'),
            inner.fn.countAll<number>().as('version_count'),
          ])
          .groupBy('family')
          .as('f'),
      (join) => join.onRef('f.family', '=', 'q.family').onRef('f.latest', '=', 'q.version'),
    )
    .select([...SUMMARY_COLUMNS, 'f.version_count'])
    .orderBy('q.id', 'desc')
    .execute();
}

/** Every version of one family, newest first. */
export function listFamilyVersions(db: Db, family: string) {
  return db
    .selectFrom('questionnaires as q')
    .select(SUMMARY_COLUMNS)
    .where('q.family', '=', family)
    .orderBy('q.version', 'desc')
    .execute();
}

/** How many campaigns use each of the given versions (versions no campaign uses are absent). */
export function countCampaignsUsing(db: Db, questionnaireIds: readonly number[]) {
  if (questionnaireIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('campaign_rater_types')
    .select((eb) => ['questionnaire_id', eb.fn.countAll<number>().as('campaigns')])
    .where('questionnaire_id', 'in', [...questionnaireIds])
    .groupBy('questionnaire_id')
    .execute();
}

export function findQuestionnaire(db: Db, id: number) {
  return db.selectFrom('questionnaires').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The campaigns that answer this version, and as which rater type; newest first. */
export function listCampaignsUsing(db: Db, questionnaireId: number) {
  return db
    .selectFrom('campaign_rater_types as crt')
    .innerJoin('campaigns as c', 'c.id', 'crt.campaign_id')
    .select(['c.id', 'c.slug', 'c.name', 'c.name_en', 'c.status', 'crt.rater_type'])
    .where('crt.questionnaire_id', '=', questionnaireId)
    .orderBy('c.id', 'desc')
    .execute();
}

/**
 * The statuses of the campaigns using this version, holding their rows on PostgreSQL until the
 * transaction ends: a campaign cannot open (which locks the same row) between this check and an
 * in-place edit. SQLite runs one write transaction at a time, so it needs no lock.
 */
export function lockCampaignsUsing(trx: Db, dialect: DialectName, questionnaireId: number) {
  return trx
    .selectFrom('campaigns')
    .select(['id', 'status'])
    .where('id', 'in', (eb) =>
      eb.selectFrom('campaign_rater_types').select('campaign_id').where('questionnaire_id', '=', questionnaireId),
    )
    .$if(dialect === 'postgres', (query) => query.forUpdate())
    .execute();
}

/** Holds one version's row so that two edits of it run one after the other. */
export function lockQuestionnaire(trx: Db, dialect: DialectName, id: number) {
  return trx
    .selectFrom('questionnaires')
    .selectAll()
    .where('id', '=', id)
    .$if(dialect === 'postgres', (query) => query.forUpdate())
    .executeTakeFirst();
}

export async function latestVersionNumber(db: Db, family: string): Promise<number> {
  const row = await db
    .selectFrom('questionnaires')
    .select((eb) => eb.fn.max('version').as('latest'))
    .where('family', '=', family)
    .executeTakeFirst();
  return Number(row?.latest ?? 0);
}

export interface NewQuestionnaireVersion {
  family: string;
  version: number;
  raterType: RaterType;
  title: string;
  /** JSON text. */
  definition: string;
  createdAt: string;
}

export async function insertQuestionnaire(db: Db, row: NewQuestionnaireVersion): Promise<number> {
  const inserted = await db
    .insertInto('questionnaires')
    .values({
      family: row.family,
      version: row.version,
      rater_type: row.raterType,
      title: row.title,
      definition: row.definition,
      created_at: row.createdAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

/** Only for versions no started campaign uses (the service checks under lock). */
export function updateQuestionnaireInPlace(db: Db, id: number, change: { title: string; definition: string }) {
  return db
    .updateTable('questionnaires')
    .set({ title: change.title, definition: change.definition })
    .where('id', '=', id)
    .execute();
}

export function findQuestionnairesByIds(db: Db, ids: readonly number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('questionnaires')
    .select(['id', 'rater_type', 'title'])
    .where('id', 'in', [...ids])
    .execute();
}
