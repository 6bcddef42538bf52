import { randomBytes, randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';

// Frozen. Ballots that cannot be tied to who cast them (decision 011):
// - ratings are grouped by *card* (one ballot's ratings of one unit), not by ballot: a ballot that rates
//   many units (superiors, peers) leaves one card per unit with nothing joining them, so the unit a peer
//   left out (its own) cannot be read off; a recipient's ballot is one card, with the ballot's own id;
// - `card_scores` replaces `ballot_unit_scores` (per card: Σ points and answers, kept by triggers);
// - many-unit ballots keep no ballot row: their count, quality flags and comments live in
//   `ballot_counts`, `quality_counts` and `rater_comments`; a retry finds its receipt in `receipts`;
// - `ballot_inbox` holds sealed ballots and problem reports (and, with every recipient ballot whose
//   questionnaire can report one, a sealed nothing) until they are mixed into batches;
// - `spent_tokens` and `token_keys` for the blind-signature exchange of access codes; the code row keeps
//   the blinded request and its signature so a retried exchange is answered the same;
// - problem reports (and their contact) leave the ballot's answers for `problem_reports`;
// - `campaign_keys` goes: per-campaign hash keys are derived from the server key outside the database.
// Existing data is converted: every many-unit ballot is split into cards in random order and its ballot
// row deleted.

type Dialect = 'sqlite' | 'postgres';

function dialectOf(db: Kysely<any>): Dialect {
  return db.getExecutor().adapter.constructor.name.toLowerCase().includes('postgres') ? 'postgres' : 'sqlite';
}

const withoutRowid = (dialect: Dialect) => (t: any) => (dialect === 'sqlite' ? t.modifyEnd(sql`without rowid`) : t);

export async function up(db: Kysely<any>): Promise<void> {
  const dialect = dialectOf(db);
  const real = dialect === 'postgres' ? 'double precision' : 'real';
  const plain = withoutRowid(dialect);

  await db.schema
    .createTable('cards_ratings')
    .addColumn('card_id', 'text', (c) => c.notNull())
    .addColumn('campaign_id', 'integer', (c) => c.notNull())
    .addColumn('rater_type', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'integer', (c) => c.notNull())
    .addColumn('item', 'text', (c) => c.notNull())
    .addColumn('points', real, (c) => c.notNull())
    .addColumn('counted', 'integer', (c) => c.notNull().defaultTo(1))
    // Clustered by campaign and rater type (WITHOUT ROWID): the recount pages through a campaign's cards
    // by key, and the close-time rewrite takes them in chunks of key ranges.
    .addPrimaryKeyConstraint('card_ratings_pk', ['campaign_id', 'rater_type', 'card_id', 'item'])
    .$call(plain)
    .execute();
  const rated = await convertRatings(db);

  await dropScoreTriggers(db, dialect);
  await db.schema.dropTable('ballot_unit_scores').execute();
  await db.schema.dropTable('ratings').execute();
  await db.schema.alterTable('cards_ratings').renameTo('ratings').execute();
  await db.schema
    .createIndex('ratings_aggregate_idx')
    .on('ratings')
    .columns(['campaign_id', 'counted', 'unit_id', 'rater_type', 'item', 'points'])
    .execute();

  await db.schema
    .createTable('card_scores')
    .addColumn('card_id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'integer', (c) => c.notNull())
    .addColumn('campaign_id', 'integer', (c) => c.notNull())
    .addColumn('rater_type', 'text', (c) => c.notNull())
    .addColumn('points', real, (c) => c.notNull())
    .addColumn('answers', 'integer', (c) => c.notNull())
    .$call(plain)
    .execute();
  await sql`
    insert into card_scores (card_id, unit_id, campaign_id, rater_type, points, answers)
    select card_id, max(unit_id), max(campaign_id), max(rater_type), sum(points), count(*)
    from ratings where counted = 1 group by card_id
  `.execute(db);
  await db.schema
    .createIndex('card_scores_shape_idx')
    .on('card_scores')
    .columns(['campaign_id', 'rater_type', 'unit_id', 'answers', 'points'])
    .execute();
  await db.schema
    .createIndex('card_scores_page_idx')
    .on('card_scores')
    .columns(['campaign_id', 'rater_type', 'card_id'])
    .execute();
  await (dialect === 'postgres' ? createPostgresScoreTriggers(db) : createSqliteScoreTriggers(db));

  await db.schema
    .createTable('ballot_counts')
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaigns.id').onDelete('cascade'))
    .addColumn('rater_type', 'text', (c) => c.notNull())
    .addColumn('received', 'integer', (c) => c.notNull())
    .addColumn('rated', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('ballot_counts_pk', ['campaign_id', 'rater_type'])
    .execute();
  await db.schema
    .createTable('quality_counts')
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaigns.id').onDelete('cascade'))
    .addColumn('rater_type', 'text', (c) => c.notNull())
    .addColumn('flag', 'text', (c) => c.notNull())
    .addColumn('ballots', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('quality_counts_pk', ['campaign_id', 'rater_type', 'flag'])
    .execute();
  await db.schema
    .createTable('rater_comments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaigns.id').onDelete('cascade'))
    .addColumn('rater_type', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .$call(plain)
    .execute();
  await db.schema.createIndex('rater_comments_campaign_idx').on('rater_comments').columns(['campaign_id']).execute();
  await db.schema
    .createTable('problem_reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaigns.id').onDelete('cascade'))
    .addColumn('unit_id', 'integer', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('contact', 'text')
    .$call(plain)
    .execute();
  await db.schema
    .createIndex('problem_reports_unit_idx')
    .on('problem_reports')
    .columns(['campaign_id', 'unit_id'])
    .execute();
  await db.schema
    .createTable('ballot_inbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaigns.id').onDelete('cascade'))
    .addColumn('rater_type', 'text', (c) => c.notNull())
    .addColumn('sealed', dialect === 'postgres' ? 'bytea' : 'blob', (c) => c.notNull())
    .$call(plain)
    .execute();
  await db.schema
    .createIndex('ballot_inbox_batch_idx')
    .on('ballot_inbox')
    .columns(['campaign_id', 'rater_type'])
    .execute();
  await db.schema
    .createTable('spent_tokens')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaigns.id').onDelete('cascade'))
    .$call(plain)
    .execute();
  await db.schema
    .createTable('receipts')
    .addColumn('submission_hash', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaigns.id').onDelete('cascade'))
    .addColumn('receipt', 'text', (c) => c.notNull().unique())
    .$call(plain)
    .execute();
  await db.schema
    .createTable('token_keys')
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaigns.id').onDelete('cascade'))
    .addColumn('key_class', 'text', (c) => c.notNull())
    .addColumn('public_key', 'text', (c) => c.notNull())
    .addColumn('private_key', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('token_keys_pk', ['campaign_id', 'key_class'])
    .execute();
  await db.schema.alterTable('access_codes').addColumn('blinded_hash', 'text').execute();
  await db.schema.alterTable('access_codes').addColumn('blind_signature', 'text').execute();

  await convertManyUnitBallots(db, rated);
  await moveProblemReports(db);
  await db.schema.dropTable('campaign_keys').execute();
}

/**
 * Copies every rating into a card, in random order. A recipient's ballot is one card with the ballot's
 * id; each (ballot, unit) of a many-unit ballot gets a fresh random card id.
 */
async function convertRatings(db: Kysely<any>): Promise<Set<string>> {
  // Recipients, the many, in SQL; the few many-unit ballots through a shuffle here.
  await sql`
    insert into cards_ratings (card_id, campaign_id, rater_type, unit_id, item, points, counted)
    select ballot_id, campaign_id, rater_type, unit_id, item, points, counted from ratings
    where rater_type = 'recipient' order by random()
  `.execute(db);
  const rows = await db
    .selectFrom('ratings')
    .select(['ballot_id', 'campaign_id', 'rater_type', 'unit_id', 'item', 'points', 'counted'])
    .where('rater_type', '!=', 'recipient')
    .execute();
  const cardIds = new Map<string, string>();
  const cards = rows.map((row) => {
    const key = `${row.ballot_id}|${row.unit_id}`;
    if (!cardIds.has(key)) cardIds.set(key, randomUUID());
    return {
      card_id: cardIds.get(key)!,
      campaign_id: row.campaign_id,
      rater_type: row.rater_type,
      unit_id: row.unit_id,
      item: row.item,
      points: row.points,
      counted: row.counted,
    };
  });
  shuffle(cards);
  for (let start = 0; start < cards.length; start += 500) {
    await db
      .insertInto('cards_ratings')
      .values(cards.slice(start, start + 500))
      .execute();
  }
  // The many-unit ballots the results counted: those with a counted rating.
  return new Set(rows.filter((row) => row.counted === 1).map((row) => row.ballot_id as string));
}

/** Many-unit ballots keep no row: their number, flags and comments are counted and kept apart. */
async function convertManyUnitBallots(db: Kysely<any>, rated: ReadonlySet<string>): Promise<void> {
  const ballots = await db
    .selectFrom('ballots')
    .select(['id', 'campaign_id', 'rater_type', 'answers', 'flags', 'receipt', 'submission_hash'])
    .where('rater_type', '!=', 'recipient')
    .execute();
  const counts = new Map<string, { received: number; rated: number }>();
  const flags = new Map<string, number>();
  const comments: { id: string; campaign_id: number; rater_type: string; text: string }[] = [];
  const receipts: { submission_hash: string; campaign_id: number; receipt: string }[] = [];
  for (const ballot of ballots) {
    const group = `${ballot.campaign_id}|${ballot.rater_type}`;
    const count = counts.get(group) ?? { received: 0, rated: 0 };
    count.received += 1;
    if (rated.has(ballot.id)) count.rated += 1;
    counts.set(group, count);
    for (const flag of parseList(ballot.flags)) flags.set(`${group}|${flag}`, (flags.get(`${group}|${flag}`) ?? 0) + 1);
    const comment = parseRecord(ballot.answers)['comment'];
    if (typeof comment === 'string' && comment.trim() !== '') {
      comments.push({
        id: randomUUID(),
        campaign_id: ballot.campaign_id,
        rater_type: ballot.rater_type,
        text: comment,
      });
    }
    receipts.push({
      submission_hash: ballot.submission_hash,
      campaign_id: ballot.campaign_id,
      receipt: ballot.receipt,
    });
  }
  for (const [group, count] of counts) {
    const [campaignId, raterType] = group.split('|');
    await db
      .insertInto('ballot_counts')
      .values({ campaign_id: Number(campaignId), rater_type: raterType, ...count })
      .execute();
  }
  for (const [group, n] of flags) {
    const [campaignId, raterType, flag] = group.split('|');
    await db
      .insertInto('quality_counts')
      .values({ campaign_id: Number(campaignId), rater_type: raterType, flag, ballots: n })
      .execute();
  }
  shuffle(comments);
  shuffle(receipts);
  for (let start = 0; start < comments.length; start += 500) {
    await db
      .insertInto('rater_comments')
      .values(comments.slice(start, start + 500))
      .execute();
  }
  for (let start = 0; start < receipts.length; start += 500) {
    await db
      .insertInto('receipts')
      .values(receipts.slice(start, start + 500))
      .execute();
  }
  await db.deleteFrom('ballots').where('rater_type', '!=', 'recipient').execute();
}

/** A recipient's problem report (and its contact) leaves the ballot for a table of its own. */
async function moveProblemReports(db: Kysely<any>): Promise<void> {
  const ballots = await db
    .selectFrom('ballots')
    .select(['id', 'campaign_id', 'target_unit_id', 'answers'])
    .where('rater_type', '=', 'recipient')
    .where((eb) => eb.or([eb('answers', 'like', '%problemDescription%'), eb('answers', 'like', '%problemContact%')]))
    .execute();
  const reports: { id: string; campaign_id: number; unit_id: number; description: string; contact: string | null }[] =
    [];
  for (const ballot of ballots) {
    const answers = parseRecord(ballot.answers);
    const description = answers['problemDescription'];
    const contact = answers['problemContact'];
    delete answers['problemDescription'];
    delete answers['problemContact'];
    await db
      .updateTable('ballots')
      .set({ answers: JSON.stringify(answers) })
      .where('id', '=', ballot.id)
      .execute();
    if (typeof description === 'string' && description.trim() !== '' && ballot.target_unit_id !== null) {
      reports.push({
        id: randomUUID(),
        campaign_id: ballot.campaign_id,
        unit_id: ballot.target_unit_id,
        description,
        contact: typeof contact === 'string' && contact.trim() !== '' ? contact : null,
      });
    }
  }
  shuffle(reports);
  for (let start = 0; start < reports.length; start += 500) {
    await db
      .insertInto('problem_reports')
      .values(reports.slice(start, start + 500))
      .execute();
  }
}

function parseRecord(json: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(json);
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

function parseList(json: string | null): string[] {
  if (json === null) return [];
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
  } catch {
    return [];
  }
}

function shuffle<T>(items: T[]): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = randomBytes(4).readUInt32BE(0) % (i + 1);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
}

async function dropScoreTriggers(db: Kysely<any>, dialect: Dialect): Promise<void> {
  if (dialect === 'postgres') {
    await sql`drop trigger ratings_scores on ratings`.execute(db);
    await sql`drop function ratings_scores_apply()`.execute(db);
    await sql`drop index if exists ballots_results_idx`.execute(db);
  } else {
    for (const name of ['ratings_scores_insert', 'ratings_scores_delete', 'ratings_scores_update']) {
      await sql`drop trigger ${sql.raw(name)}`.execute(db);
    }
  }
}

async function createSqliteScoreTriggers(db: Kysely<any>): Promise<void> {
  const add = sql.raw(`
    insert into card_scores (card_id, unit_id, campaign_id, rater_type, points, answers)
    select new.card_id, new.unit_id, new.campaign_id, new.rater_type, new.points, 1 where new.counted = 1
    on conflict (card_id) do update set points = points + excluded.points, answers = answers + 1;`);
  const remove = sql.raw(`
    update card_scores set points = points - old.points, answers = answers - 1
    where old.counted = 1 and card_id = old.card_id;
    delete from card_scores where card_id = old.card_id and answers <= 0;`);
  await sql`create trigger card_scores_insert after insert on ratings begin ${add} end`.execute(db);
  await sql`create trigger card_scores_delete after delete on ratings begin ${remove} end`.execute(db);
  await sql`create trigger card_scores_update after update on ratings begin ${remove} ${add} end`.execute(db);
}

async function createPostgresScoreTriggers(db: Kysely<any>): Promise<void> {
  await sql`
    create function card_scores_apply() returns trigger language plpgsql as $$
    begin
      if tg_op in ('UPDATE', 'DELETE') and old.counted = 1 then
        update card_scores set points = points - old.points, answers = answers - 1 where card_id = old.card_id;
        delete from card_scores where card_id = old.card_id and answers <= 0;
      end if;
      if tg_op in ('INSERT', 'UPDATE') and new.counted = 1 then
        insert into card_scores (card_id, unit_id, campaign_id, rater_type, points, answers)
        values (new.card_id, new.unit_id, new.campaign_id, new.rater_type, new.points, 1)
        on conflict (card_id) do update
        set points = card_scores.points + excluded.points, answers = card_scores.answers + 1;
      end if;
      return null;
    end $$
  `.execute(db);
  await sql`
    create trigger card_scores after insert or update or delete on ratings
    for each row execute function card_scores_apply()
  `.execute(db);
}

export async function down(): Promise<void> {
  // Splitting many-unit ballots into unlinked cards cannot be undone: that is its point.
  throw new Error('Migration 0006 (unlinkable ballots) cannot be reverted.');
}
