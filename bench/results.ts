// Benchmark: results of one campaign from its stored ratings on SQLite, for 10,000, 100,000 and 1,000,000
// ballots across 200 units, next to a same-run baseline — a bare `sum(points)` over the same rows, the
// least any computation from the stored ratings must read. Live results read the running tallies
// (decision 013), the full recount every rating. Ratings are written straight into a temporary database
// file (batched inserts, not HTTP), as the server stores them (one card per recipient ballot, unlinked cards
// for superiors and peers, the mixer's ballot counts); then `rebuildTallies` computes the campaign's
// tallies from them, as the application would have kept them, and its time is printed.
// Run with: npx tsx bench/results.ts [ballots …]   (`--load FILE BALLOTS` only builds the file: bench/memory.ts)
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
import { rebuildTallies } from '../server/ballots/ballot-tallies.ts';
import { PreparedQuestionnaireCache } from '../server/questionnaires/prepared-cache.ts';
import { computeCampaignResults } from '../server/results/results-compute.ts';
import { computeLiveCounts } from '../server/results/live-counts.ts';
import type { ResultsMethod } from '../server/results/results-compute.ts';
import { diffResults } from '../server/results/results-diff.ts';

// A benchmark's output is its purpose; stdout directly keeps console.* free for real diagnostics.
const print = (line: string): void => void process.stdout.write(`${line}\n`);

const UNITS = 200;
const SUPERIORS = 40;
const CAMPAIGN_ID = 1;
const RUNS = 5;
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

/** Builds the campaign's file and its tallies; answers how long rebuildTallies took, in ms. */
async function createBenchDatabase(path: string, ballots: number): Promise<number> {
  const handle = openDatabase(`file:${path}`);
  await migrateToLatest(handle.db);
  await handle.close();
  const sqlite = new SQLite(path);
  // A throwaway file: no journal and no fsync while loading. The measurement reopens it normally.
  sqlite.pragma('journal_mode = DELETE');
  sqlite.pragma('journal_mode = OFF');
  sqlite.pragma('synchronous = OFF');
  sqlite.pragma('cache_size = -262144');
  // Bulk load as a restore would: without the secondary indexes and triggers, which are then recreated
  // from their own stored DDL.
  const schema = sqlite
    .prepare(
      "select type, name, sql from sqlite_master where type in ('index', 'trigger') and tbl_name in ('ratings', 'ballots') and sql is not null",
    )
    .all() as { type: string; name: string; sql: string }[];
  for (const { type, name } of schema) sqlite.exec(`drop ${type} ${name}`);
  sqlite.transaction(() => loadCampaign(sqlite, ballots))();
  for (const { sql } of [...schema].sort((a, b) => a.type.localeCompare(b.type))) sqlite.exec(sql);
  sqlite.pragma('journal_mode = WAL');
  sqlite.close();
  // The tallies the application keeps as it writes cards, computed once from what was loaded.
  const tallied = openDatabase(`file:${path}`);
  try {
    const start = performance.now();
    await rebuildTallies(tallied.db, CAMPAIGN_ID);
    return performance.now() - start;
  } finally {
    await tallied.close();
  }
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

type RaterType = keyof typeof ITEMS;

/**
 * Ballots as the server stores them (decision 011): a recipient's ballot is a row and one card under the
 * ballot's id; a superior's or peer's ballot keeps no row, only one card per unit it rated, each under its
 * own random id, and the mixer's count of such ballots. Rows go in in key order, for a fast load.
 */
function loadBallots(sqlite: SQLite.Database, count: number): void {
  const random = createRandom(7);
  const batch = 100;
  const many = sqlite.prepare(
    `insert into ratings (card_id, campaign_id, rater_type, unit_id, item, points) values ${Array(batch).fill('(?, 1, ?, ?, ?, ?)').join(', ')}`,
  );
  const one = sqlite.prepare(
    'insert into ratings (card_id, campaign_id, rater_type, unit_id, item, points) values (?, 1, ?, ?, ?, ?)',
  );
  let pending: (string | number)[] = [];
  const flush = () => {
    for (let r = 0; r < pending.length; r += 5) one.run(pending.slice(r, r + 5));
    pending = [];
  };
  const quality = Array.from({ length: UNITS + 1 }, (_, unit) => 0.6 + (unit % 17) / 10);
  // Each card's ratings in key order (by item).
  const items = Object.fromEntries(
    Object.entries(ITEMS).map(([raterType, list]) => [raterType, [...list].sort((a, b) => (a[0] < b[0] ? -1 : 1))]),
  ) as unknown as typeof ITEMS;
  /** One card's ratings: each item answered but for a few 不了解 (no rating row). */
  const card = (id: string, raterType: RaterType, unit: number) => {
    for (const [item, levels] of items[raterType]) {
      if (random() < 0.03) continue;
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
  };
  const everyUnit = Array.from({ length: UNITS }, (_, i) => i + 1);
  const counts = sqlite.prepare(
    'insert into ballot_counts (campaign_id, rater_type, received, rated) values (1, ?, ?, ?)',
  );
  // Key order is (campaign, rater type, card): peers, then recipients, then superiors.
  const peerCards = Array.from({ length: UNITS }, (_, rater) =>
    everyUnit.filter((unit) => unit !== rater + 1).map((unit) => ({ id: crypto.randomUUID(), unit })),
  ).flat();
  for (const { id, unit } of peerCards.sort((a, b) => (a.id < b.id ? -1 : 1))) card(id, 'peer', unit);
  counts.run('peer', UNITS, UNITS);

  const ballot = sqlite.prepare(
    "insert into ballots (id, campaign_id, rater_type, questionnaire_id, target_unit_id, receipt, submission_hash, submitted_hour, answers, flags) values (?, 1, 'recipient', 3, ?, ?, ?, '2026-11-22T08:00:00Z', '{}', null)",
  );
  const recipients = count - SUPERIORS - UNITS;
  // Sorted random ids: the same keys a real campaign has, appended in key order.
  const ids = Array.from({ length: recipients }, () => crypto.randomUUID()).sort();
  ids.forEach((id, b) => {
    const target = 1 + Math.floor(random() ** 1.5 * UNITS);
    ballot.run(id, target, `R${String(b).padStart(8, '0')}`, `H${String(b).padStart(8, '0')}`);
    card(id, 'recipient', target);
  });

  const superiorCards = Array.from({ length: SUPERIORS }, () =>
    everyUnit.map((unit) => ({ id: crypto.randomUUID(), unit })),
  ).flat();
  for (const { id, unit } of superiorCards.sort((a, b) => (a.id < b.id ? -1 : 1))) card(id, 'superior', unit);
  counts.run('superior', SUPERIORS, SUPERIORS);
  flush();
}

async function time<T>(run: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await run();
  return { ms: performance.now() - start, value };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function measure(db: Db, ballots: number, rebuildMs: number): Promise<boolean> {
  const campaign = await db.selectFrom('campaigns').selectAll().where('id', '=', CAMPAIGN_ID).executeTakeFirstOrThrow();
  const cache = new PreparedQuestionnaireCache();
  const baseline = () =>
    db
      .selectFrom('ratings')
      .select((eb) => eb.fn.sum<number>('points').as('total'))
      .where('campaign_id', '=', CAMPAIGN_ID)
      .where('counted', '=', 1)
      .executeTakeFirstOrThrow();
  // What live results read at least: every tally row of the campaign, through the same Kysely connection.
  const tallies = async () => {
    const cells = await db.selectFrom('rating_tallies').selectAll().where('campaign_id', '=', CAMPAIGN_ID).execute();
    const shapes = await db.selectFrom('card_tallies').selectAll().where('campaign_id', '=', CAMPAIGN_ID).execute();
    return { cells: cells.length, shapes: shapes.length };
  };
  const results = (method: ResultsMethod) => () => computeCampaignResults(db, cache, campaign, method);
  // While voting runs, the live endpoint computes the counts alone (nobody sees a figure: decision 011).
  const voting = { ...campaign, status: 'open' as const };
  const counts = () => computeLiveCounts(db, cache, voting, new Date());
  const ms: Record<'baseline' | 'tallies' | 'counts' | ResultsMethod, number[]> = {
    baseline: [],
    tallies: [],
    counts: [],
    live: [],
    recount: [],
  };
  await counts();
  let rows = await tallies();
  let live = await results('live')();
  let recount = await results('recount')(); // warm-up of both paths
  for (let run = 0; run < RUNS; run++) {
    ms.baseline.push((await time(baseline)).ms);
    const timedTallies = await time(tallies);
    ms.tallies.push(timedTallies.ms);
    rows = timedTallies.value;
    ms.counts.push((await time(counts)).ms);
    const timedLive = await time(results('live'));
    ms.live.push(timedLive.ms);
    live = timedLive.value;
  }
  const timedRecount = await time(results('recount'));
  ms.recount.push(timedRecount.ms);
  recount = timedRecount.value;
  const base = median(ms.baseline);
  const row = (label: string, value: number) =>
    `  ${label.padEnd(58)} ${value.toFixed(value < 100 ? 1 : 0).padStart(7)} ms  ${(value / base).toFixed(value < base ? 2 : 1).padStart(5)}× baseline`;
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
  print(
    row(
      `read every tally row (${rows.cells.toLocaleString('en')} rating + ${rows.shapes.toLocaleString('en')} card rows)`,
      median(ms.tallies),
    ),
  );
  print(row('live results while voting (counts only, what is shown)', median(ms.counts)));
  print(row('live results after close (running tallies + mixer counts)', median(ms.live)));
  print(row('full recount (every rating, card by card, paged)', median(ms.recount)));
  print(row('rebuildTallies after the load (once, not in live)', rebuildMs));
  const liveMs = median(ms.live);
  const countsMs = median(ms.counts);
  const verdict = (value: number) => `${value.toFixed(1)} ms ${value < 50 ? 'met' : 'missed'}`;
  const target =
    ballots >= 100_000
      ? `live target < 50 ms: while voting ${verdict(countsMs)}, after close ${verdict(liveMs)}`
      : 'no live target at this size';
  print(
    `  recount equals live: ${total === 0 ? 'yes' : `NO (${total} differences)`}; ${target}; < 1 s (issue 7): ${liveMs < 1000 ? 'met' : 'missed'}; peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
  );
  return total === 0;
}

/**
 * Loading runs in a child process, so the peak memory printed is the measurement's alone. The child
 * prints how long rebuildTallies took as its last line of stdout.
 */
function loadInChild(path: string, ballots: number): number {
  const child = spawnSync(
    process.execPath,
    [...process.execArgv, fileURLToPath(import.meta.url), '--load', path, String(ballots)],
    { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' },
  );
  if (child.status !== 0) throw new Error(`loading the bench database failed (exit ${child.status})`);
  const rebuildMs = Number(/rebuildTallies ms: ([\d.]+)\s*$/.exec(child.stdout)?.[1]);
  if (!Number.isFinite(rebuildMs))
    throw new Error(`the loader did not say how long rebuildTallies took:\n${child.stdout}`);
  return rebuildMs;
}

async function main(): Promise<void> {
  const sizes = process.argv
    .slice(2)
    .map(Number)
    .filter((n) => n > SUPERIORS + UNITS);
  let equal = true;
  for (const ballots of sizes.length > 0 ? sizes : [10_000, 100_000, 1_000_000]) {
    const dir = mkdtempSync(join(tmpdir(), 'pingyi-bench-results-'));
    try {
      const path = join(dir, 'bench.sqlite');
      const start = performance.now();
      const rebuildMs = loadInChild(path, ballots);
      print(
        `loaded ${ballots.toLocaleString('en')} ballots and rebuilt their tallies in ${((performance.now() - start) / 1000).toFixed(1)} s (not timed below)`,
      );
      const handle = openDatabase(`file:${path}`);
      try {
        equal = (await measure(handle.db, ballots, rebuildMs)) && equal;
      } finally {
        await handle.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  if (!equal) process.exitCode = 1;
}

if (process.argv[2] === '--load') {
  const rebuildMs = await createBenchDatabase(process.argv[3]!, Number(process.argv[4]));
  print(`rebuildTallies ms: ${rebuildMs.toFixed(1)}`);
} else await main();
