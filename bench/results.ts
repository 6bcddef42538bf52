// Benchmark: full results of one campaign from its stored ratings on SQLite, for 100,000 and 1,000,000
// ballots across 200 units, next to a same-run baseline — a bare `sum(points)` over the same rows, the
// least any computation from the stored ratings must read. Ratings are written straight into a
// temporary database file (batched inserts, not HTTP), with the migrations' triggers in place.
// Run with: npx tsx bench/results.ts [ballots …]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import { createRandom } from '../scoring/random.ts';
import { DEFAULT_TEMPLATES } from '../surveys/templates/default-templates.ts';
import { openDatabase } from '../server/db/database.ts';
import type { Db } from '../server/db/database.ts';
import { migrateToLatest } from '../server/db/migrate.ts';
import { PreparedQuestionnaireCache } from '../server/questionnaires/prepared-cache.ts';
import { computeCampaignResults } from '../server/results/results-compute.ts';
import type { ResultsMethod } from '../server/results/results-compute.ts';
import { diffResults } from '../server/results/results-diff.ts';

// A benchmark's output is its purpose; stdout directly keeps console.* free for real diagnostics.
const print = (line: string): void => void process.stdout.write(`${line}\n`);

const UNITS = 200;
const SUPERIORS = 40;
const CAMPAIGN_ID = 1;
const RUNS = 3;
const GRADES = [100, 80, 60, 40];
const STARS = [100, 80, 60, 30, 0];
const RULES = [100, 60, 0];
/** Items per rater type with the points their questionnaire (the default templates) can give. */
const ITEMS = {
  superior: [
    ['responsibility', GRADES],
    ['promptness', GRADES],
    ['delivery', GRADES],
    ['overall', GRADES],
  ],
  peer: [
    ['cooperation', GRADES],
    ['bigPicture', GRADES],
  ],
  recipient: [
    ['attitude', STARS],
    ['efficiency', STARS],
    ['serviceRules', RULES],
    ['overall', STARS],
  ],
} as const;

async function createBenchDatabase(path: string, ballots: number): Promise<void> {
  const handle = openDatabase(`file:${path}`);
  await migrateToLatest(handle.db);
  await handle.close();
  const sqlite = new SQLite(path);
  // A throwaway file: no journal and no fsync while loading. The measurement reopens it normally.
  sqlite.pragma('journal_mode = DELETE');
  sqlite.pragma('journal_mode = OFF');
  sqlite.pragma('synchronous = OFF');
  sqlite.pragma('cache_size = -262144');
  // Bulk load as a restore would: without the secondary indexes and triggers, which are then
  // recreated from their own stored DDL, and the per-ballot sums filled as migration 0005 fills them.
  const schema = sqlite
    .prepare(
      "select type, name, sql from sqlite_master where type in ('index', 'trigger') and tbl_name in ('ratings', 'ballots', 'ballot_unit_scores') and sql is not null",
    )
    .all() as { type: string; name: string; sql: string }[];
  for (const { type, name } of schema) sqlite.exec(`drop ${type} ${name}`);
  sqlite.transaction(() => loadCampaign(sqlite, ballots))();
  sqlite.exec(`insert into ballot_unit_scores (ballot_id, unit_id, campaign_id, rater_type, points, answers)
    select ballot_id, unit_id, max(campaign_id), max(rater_type), sum(points), count(*) from ratings where counted = 1 group by ballot_id, unit_id`);
  for (const { sql } of [...schema].sort((a, b) => a.type.localeCompare(b.type))) sqlite.exec(sql);
  sqlite.close();
}

function loadCampaign(sqlite: SQLite.Database, ballots: number): void {
  const now = new Date().toISOString();
  const categories = ['party', 'government', 'enforcement', 'window', 'vertical'];
  categories.forEach((code, i) =>
    sqlite
      .prepare('insert into categories (id, code, name, name_en, ranked, sort_order) values (?, ?, ?, ?, ?, ?)')
      .run(i + 1, code, code, code, code === 'vertical' ? 0 : 1, i),
  );
  const scoring = {
    weights: { superior: 0.25, peer: 0.25, recipient: 0.5 },
    tieBreaks: ['recipientScore', 'validBallots'],
    grading: {
      bands: [
        { grade: '满意', minScore: 85 },
        { grade: '比较满意', minScore: 75 },
        { grade: '基本满意', minScore: 60 },
        { grade: '不满意', minScore: 0 },
      ],
      quotas: [{ grade: '满意', maxShare: 0.2 }],
    },
  };
  sqlite
    .prepare(
      "insert into campaigns (id, slug, name, name_en, status, starts_at, ends_at, settings, created_at) values (?, 'bench', 'bench', 'bench', 'closed', ?, ?, ?, ?)",
    )
    .run(CAMPAIGN_ID, now, now, JSON.stringify({ scoring }), now);
  (['superior', 'peer', 'recipient'] as const).forEach((raterType, i) => {
    sqlite
      .prepare(
        'insert into questionnaires (id, family, version, rater_type, title, definition, created_at) values (?, ?, 1, ?, ?, ?, ?)',
      )
      .run(i + 1, raterType, raterType, raterType, JSON.stringify(DEFAULT_TEMPLATES[raterType]), now);
    sqlite
      .prepare(
        'insert into campaign_rater_types (campaign_id, rater_type, questionnaire_id, min_count) values (?, ?, ?, ?)',
      )
      .run(CAMPAIGN_ID, raterType, i + 1, raterType === 'recipient' ? 30 : 3);
  });
  for (let unit = 1; unit <= UNITS; unit++) {
    const category = 1 + (unit % categories.length);
    sqlite
      .prepare(
        "insert into units (id, code, name, name_en, level, category_id, sort_order, created_at) values (?, ?, ?, ?, 'department', ?, ?, ?)",
      )
      .run(unit, `U${unit}`, `单位${unit}`, `Unit ${unit}`, category, unit, now);
    sqlite
      .prepare('insert into campaign_units (campaign_id, unit_id, category_id) values (?, ?, ?)')
      .run(CAMPAIGN_ID, unit, category);
  }
  loadBallots(sqlite, ballots);
}

function loadBallots(sqlite: SQLite.Database, count: number): void {
  const random = createRandom(7);
  // Sorted random ids: the same keys a real campaign has, appended in key order for a fast load.
  const ids = Array.from({ length: count }, () => crypto.randomUUID()).sort();
  const ballot = sqlite.prepare(
    "insert into ballots (id, campaign_id, rater_type, questionnaire_id, target_unit_id, receipt, submission_hash, submitted_hour, answers, flags) values (?, 1, ?, ?, ?, ?, ?, '2026-11-22T08:00:00Z', '{}', null)",
  );
  const batch = 100;
  const many = sqlite.prepare(
    `insert into ratings (ballot_id, campaign_id, rater_type, unit_id, item, points) values ${Array(batch).fill('(?, 1, ?, ?, ?, ?)').join(', ')}`,
  );
  const one = sqlite.prepare(
    'insert into ratings (ballot_id, campaign_id, rater_type, unit_id, item, points) values (?, 1, ?, ?, ?, ?)',
  );
  let pending: (string | number)[] = [];
  const quality = Array.from({ length: UNITS + 1 }, (_, unit) => 0.6 + (unit % 17) / 10);
  const everyUnit = Array.from({ length: UNITS }, (_, i) => i + 1);
  ids.forEach((id, b) => {
    const raterType = b < SUPERIORS ? 'superior' : b < SUPERIORS + UNITS ? 'peer' : 'recipient';
    const target = raterType === 'recipient' ? 1 + Math.floor(random() ** 1.5 * UNITS) : null;
    ballot.run(
      id,
      raterType,
      raterType === 'superior' ? 1 : raterType === 'peer' ? 2 : 3,
      target,
      `R${String(b).padStart(8, '0')}`,
      `H${String(b).padStart(8, '0')}`,
    );
    const rated = target !== null ? [target] : everyUnit.filter((unit) => unit !== b - SUPERIORS + 1);
    for (const unit of rated) {
      for (const [item, levels] of ITEMS[raterType]) {
        if (random() < 0.03) continue; // 不了解: no rating row
        pending.push(
          id,
          raterType,
          unit,
          item,
          levels[Math.min(levels.length - 1, Math.floor(random() ** quality[unit]! * levels.length))]!,
        );
        if (pending.length === batch * 5) {
          many.run(pending);
          pending = [];
        }
      }
    }
  });
  for (let r = 0; r < pending.length; r += 5) one.run(pending.slice(r, r + 5));
}

async function time<T>(run: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await run();
  return { ms: performance.now() - start, value };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function measure(db: Db, ballots: number): Promise<void> {
  const campaign = await db.selectFrom('campaigns').selectAll().where('id', '=', CAMPAIGN_ID).executeTakeFirstOrThrow();
  const cache = new PreparedQuestionnaireCache();
  const baseline = () =>
    db
      .selectFrom('ratings')
      .select((eb) => eb.fn.sum<number>('points').as('total'))
      .where('campaign_id', '=', CAMPAIGN_ID)
      .where('counted', '=', 1)
      .executeTakeFirstOrThrow();
  const results = (method: ResultsMethod) => () => computeCampaignResults(db, cache, campaign, method);
  const ms: Record<'baseline' | ResultsMethod, number[]> = { baseline: [], live: [], recount: [] };
  let live = await results('live')();
  let recount = await results('recount')(); // warm-up of both paths
  for (let run = 0; run < RUNS; run++) {
    ms.baseline.push((await time(baseline)).ms);
    const timedLive = await time(results('live'));
    ms.live.push(timedLive.ms);
    live = timedLive.value;
  }
  const timedRecount = await time(results('recount'));
  ms.recount.push(timedRecount.ms);
  recount = timedRecount.value;
  const base = median(ms.baseline);
  const row = (label: string, value: number) =>
    `  ${label.padEnd(52)} ${value.toFixed(0).padStart(7)} ms  ${(value / base).toFixed(1).padStart(5)}× baseline`;
  const ratings = Number(
    (
      await db
        .selectFrom('ratings')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  const { total } = diffResults(live.results, recount.results, 1);
  print(
    `${ballots.toLocaleString('en')} ballots, ${ratings.toLocaleString('en')} ratings, ${UNITS} units (median of ${RUNS}; recount once)`,
  );
  print(row('baseline: select sum(points) over the same ratings', base));
  print(row('live results (grouped SQL + superior/peer ballots)', median(ms.live)));
  print(row('full recount (every rating, ballot by ballot, paged)', median(ms.recount)));
  print(
    `  recount equals live: ${total === 0 ? 'yes' : `NO (${total} differences)`}; live target < 1000 ms: ${median(ms.live) < 1000 ? 'met' : 'MISSED'}; peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
  );
}

/** Loading runs in a child process, so the peak memory printed is the measurement's alone. */
function loadInChild(path: string, ballots: number): void {
  const child = spawnSync(
    process.execPath,
    [...process.execArgv, fileURLToPath(import.meta.url), '--load', path, String(ballots)],
    { stdio: 'inherit' },
  );
  if (child.status !== 0) throw new Error(`loading the bench database failed (exit ${child.status})`);
}

async function main(): Promise<void> {
  const sizes = process.argv
    .slice(2)
    .map(Number)
    .filter((n) => n > SUPERIORS + UNITS);
  for (const ballots of sizes.length > 0 ? sizes : [100_000, 1_000_000]) {
    const dir = mkdtempSync(join(tmpdir(), 'pingyi-bench-results-'));
    try {
      const path = join(dir, 'bench.sqlite');
      const start = performance.now();
      loadInChild(path, ballots);
      print(
        `loaded ${ballots.toLocaleString('en')} ballots in ${((performance.now() - start) / 1000).toFixed(1)} s (not timed below)`,
      );
      const handle = openDatabase(`file:${path}`);
      try {
        await measure(handle.db, ballots);
      } finally {
        await handle.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

if (process.argv[2] === '--load') await createBenchDatabase(process.argv[3]!, Number(process.argv[4]));
else await main();
