// Benchmark: tally 1,000,000 ballots for 200 units and compute full results, against a same-run
// baseline (a plain loop that only sums the points) so the figure means something on any machine.
// Run with: npx tsx bench/scoring.ts
import { performance } from 'node:perf_hooks';
import { createRandom } from '../scoring/random.ts';
import { computeResults } from '../scoring/results.ts';
import { FIVE_LEVEL_SCALE, FOUR_LEVEL_SCALE } from '../scoring/scales.ts';
import type { Scale } from '../scoring/scales.ts';
import type { ResultSettings, UnitInput } from '../scoring/settings.ts';
import { addBallotBatch, createTally } from '../scoring/tally.ts';
import type { BallotBatch, Tally, TallySettings } from '../scoring/tally.ts';

// A benchmark's output is its purpose; stdout directly keeps console.* free for real diagnostics.
const print = (line: string): void => void process.stdout.write(`${line}\n`);

const UNIT_COUNT = 200;
const TOTAL_BALLOTS = 1_000_000;
const SUPERIORS = 40;
const RECIPIENT_ITEMS = 5;
const LEADER_ITEMS = 5;
const PEER_ITEMS = 3;
const RUNS = 5;

const unitIds = Array.from({ length: UNIT_COUNT }, (_, i) => `unit-${String(i).padStart(3, '0')}`);
const itemIds = (count: number) => Array.from({ length: count }, (_, i) => ({ id: `q${i + 1}` }));

const tallySettings: TallySettings = {
  unitIds,
  raterTypes: {
    superior: { scale: FOUR_LEVEL_SCALE, items: itemIds(LEADER_ITEMS) },
    peer: { scale: FOUR_LEVEL_SCALE, items: itemIds(PEER_ITEMS) },
    recipient: { scale: FIVE_LEVEL_SCALE, items: itemIds(RECIPIENT_ITEMS) },
  },
};

const categories = ['party', 'government', 'enforcement', 'window', 'vertical'];
const units: UnitInput[] = unitIds.map((id, i) => ({
  id,
  categoryId: categories[i % categories.length]!,
  veto: i === 7 ? { reason: 'incident' } : null,
}));

const resultSettings: ResultSettings = {
  weights: { superior: 0.25, peer: 0.25, recipient: 0.5 },
  minimumBallots: { superior: 5, peer: 3, recipient: 30 },
  categories: categories.map((id) => ({ id, ranked: id !== 'vertical' })),
  tieBreaks: ['recipientScore', 'validBallots'],
  grading: {
    bands: [
      { grade: '满意', minScore: 85 },
      { grade: '比较满意', minScore: 75 },
      { grade: '基本满意', minScore: 60 },
      { grade: '不满意', minScore: 0 },
    ],
    quotas: [{ grade: '满意', maxShare: 0.2 }],
    bottom: { grade: '末位', below: 75, count: 1 },
  },
};

/** Each unit has a "quality" so scores differ between units the way real ones do. */
function pickLevel(random: () => number, scale: Scale, quality: number): number {
  if (random() < 0.03) return Number.NaN; // 不了解
  const levels = scale.levels;
  const index = Math.min(levels.length - 1, Math.floor(random() ** quality * levels.length));
  return levels[index]!.points;
}

function generate(
  raterType: BallotBatch['raterType'],
  ballotCount: number,
  itemsPerUnit: number,
  unitsOf: (b: number) => number[],
  seed: number,
): BallotBatch {
  const random = createRandom(seed);
  const quality = Array.from({ length: UNIT_COUNT }, (_, i) => 1 + (i % 17) / 4);
  const scale = tallySettings.raterTypes[raterType].scale;
  const ballotStarts = new Int32Array(ballotCount + 1);
  let ratingCount = 0;
  for (let b = 0; b < ballotCount; b++) ratingCount += unitsOf(b).length * itemsPerUnit;
  const unitColumn = new Int32Array(ratingCount);
  const itemColumn = new Int32Array(ratingCount);
  const points = new Float64Array(ratingCount);
  let r = 0;
  for (let b = 0; b < ballotCount; b++) {
    ballotStarts[b] = r;
    for (const unit of unitsOf(b)) {
      for (let item = 0; item < itemsPerUnit; item++, r++) {
        unitColumn[r] = unit;
        itemColumn[r] = item;
        points[r] = pickLevel(random, scale, quality[unit]!);
      }
    }
  }
  ballotStarts[ballotCount] = r;
  const raterUnits = raterType === 'peer' ? Int32Array.from({ length: ballotCount }, (_, b) => b) : undefined;
  return {
    raterType,
    ballotStarts,
    units: unitColumn,
    items: itemColumn,
    points,
    ...(raterUnits ? { raterUnits } : {}),
  };
}

function generateAll(): BallotBatch[] {
  const everyUnit = Array.from({ length: UNIT_COUNT }, (_, i) => i);
  const recipientCount = TOTAL_BALLOTS - SUPERIORS - UNIT_COUNT;
  const recipientRandom = createRandom(3);
  const recipientUnit = Int32Array.from({ length: recipientCount }, () =>
    Math.floor(recipientRandom() ** 1.5 * UNIT_COUNT),
  );
  return [
    generate('superior', SUPERIORS, LEADER_ITEMS, () => everyUnit, 1),
    // One peer rater per unit, rating every other unit (and never itself).
    generate('peer', UNIT_COUNT, PEER_ITEMS, (b) => everyUnit.filter((unit) => unit !== b), 2),
    generate('recipient', recipientCount, RECIPIENT_ITEMS, (b) => [recipientUnit[b]!], 4),
  ];
}

function baseline(batches: readonly BallotBatch[]): number {
  let total = 0;
  for (const batch of batches) {
    const points = batch.points;
    for (let r = 0; r < points.length; r++) {
      const value = points[r]!;
      if (value === value) total += value;
    }
  }
  return total;
}

function tallyAll(batches: readonly BallotBatch[]): Tally {
  const tally = createTally(tallySettings);
  for (const batch of batches) addBallotBatch(tally, batch);
  return tally;
}

function time<T>(run: () => T): { ms: number; value: T } {
  const start = performance.now();
  const value = run();
  return { ms: performance.now() - start, value };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const generated = time(generateAll);
const batches = generated.value;
const ballots = batches.reduce((sum, batch) => sum + batch.ballotStarts.length - 1, 0);
const ratings = batches.reduce((sum, batch) => sum + batch.points.length, 0);
print(
  `generated ${ballots.toLocaleString('en')} ballots, ${ratings.toLocaleString('en')} ratings, ${UNIT_COUNT} units in ${generated.ms.toFixed(0)} ms (not timed below)`,
);

const baselineMs: number[] = [];
const tallyMs: number[] = [];
const resultsMs: number[] = [];
const bootstrapMs: number[] = [];
let checksum = 0;
for (let run = 0; run <= RUNS; run++) {
  const plain = time(() => baseline(batches));
  const tallied = time(() => tallyAll(batches));
  const computed = time(() => computeResults(tallied.value, units, resultSettings));
  const bootstrapSettings: ResultSettings = {
    ...resultSettings,
    rankRange: { method: 'bootstrap', replicates: 1000, seed: 1 },
  };
  const withBootstrap = time(() => computeResults(tallied.value, units, bootstrapSettings));
  checksum += plain.value + (computed.value.units[0]!.composite.unrounded ?? 0) + withBootstrap.value.units.length;
  if (run === 0) continue; // warm-up: let the JIT compile the hot loops first
  baselineMs.push(plain.ms);
  tallyMs.push(tallied.ms);
  resultsMs.push(computed.ms);
  bootstrapMs.push(withBootstrap.ms);
}

const base = median(baselineMs);
const tally = median(tallyMs);
const results = median(resultsMs);
const full = tally + results;
const row = (label: string, ms: number) =>
  `${label.padEnd(44)} ${ms.toFixed(1).padStart(8)} ms  ${(ms / base).toFixed(1).padStart(6)}× baseline`;
print(`median of ${RUNS} runs after one warm-up (checksum ${checksum.toFixed(0)})`);
print(row('baseline: plain loop summing all points', base));
print(row('tally (createTally + addBallotBatch)', tally));
print(row('computeResults (CI-overlap rank ranges)', results));
print(row('computeResults (bootstrap, 1000 replicates)', median(bootstrapMs)));
print(row('full results: tally + computeResults', full));
print(
  `throughput: ${((ballots / full) * 1000).toLocaleString('en', { maximumFractionDigits: 0 })} ballots/s; target < 1000 ms: ${full < 1000 ? 'met' : 'MISSED'}`,
);
