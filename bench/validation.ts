/**
 * Validations per second for each default template, next to same-run baselines:
 * JSON.parse of the same ballot (the floor any server pays) and survey-core's own checks, with a
 * fresh Model per ballot and with one reused Model. Run: npx tsx bench/validation.ts
 */
import { Model } from 'survey-core';
import '../surveys/properties.ts';
import { prepareQuestionnaire } from '../surveys/prepare.ts';
import { DEFAULT_TEMPLATES } from '../surveys/templates/default-templates.ts';

const UNIT_COUNT = 30;
// A benchmark's output is its purpose; stdout directly keeps console.* free for real diagnostics.
const print = (line: string): void => void process.stdout.write(`${line}\n`);
const RUN_MS = 400;

function perSecond(work: () => unknown): number {
  for (let i = 0; i < 50; i++) work(); // warm up the JIT before timing
  let runs = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < RUN_MS) {
    for (let i = 0; i < 20; i++) work();
    runs += 20;
    elapsed = performance.now() - start;
  }
  return (runs * 1000) / elapsed;
}

const units = Array.from({ length: UNIT_COUNT }, (_, i) => ({
  id: i + 1,
  name: `单位${i + 1}`,
  nameEn: `Unit ${i + 1}`,
}));
const grades = ['A', 'B', 'C', 'D', 'unknown'];

function gridBallot(items: readonly string[], ids: readonly number[]): Record<string, unknown> {
  const rows = ids.map((id, r) => [
    String(id),
    Object.fromEntries(items.map((item, c) => [item, grades[(r + c) % grades.length]])),
  ]);
  return { units: Object.fromEntries(rows), comment: '整体作风良好，个别单位办事效率有待提高。' };
}

const cases = [
  {
    name: 'recipient',
    context: { targetUnitId: 1 },
    ballot: {
      attitude: 5,
      efficiency: 4,
      serviceRules: 'all',
      overall: 5,
      badHabits: ['tuo'],
      comment: '服务很好',
      reportProblem: true,
      problemDescription: '窗口排队时间较长',
      problemContact: '13800000000',
    },
  },
  {
    name: `superior (${UNIT_COUNT} units)`,
    context: { units },
    ballot: gridBallot(
      ['responsibility', 'promptness', 'delivery', 'overall'],
      units.map((u) => u.id),
    ),
  },
  {
    name: `peer (${UNIT_COUNT} units)`,
    context: { units, excludeUnitId: 1 },
    ballot: gridBallot(
      ['cooperation', 'bigPicture'],
      units.slice(1).map((u) => u.id),
    ),
  },
] as const;

const templateOf = (name: string): object => DEFAULT_TEMPLATES[name.split(' ')[0] as keyof typeof DEFAULT_TEMPLATES];
const rows: string[][] = [];
for (const { name, context, ballot } of cases) {
  const started = performance.now();
  const prepared = prepareQuestionnaire(templateOf(name), context);
  const prepareMs = performance.now() - started;
  if (!prepared.validate(ballot).ok) throw new Error(`${name}: the bench ballot is not valid`);
  const text = JSON.stringify(ballot);
  const reused = new Model(prepared.definition);
  const pingyi = perSecond(() => prepared.validate(JSON.parse(text)));
  const parse = perSecond(() => JSON.parse(text));
  const fresh = perSecond(() => {
    const model = new Model(prepared.definition);
    model.data = JSON.parse(text);
    return model.validate(false);
  });
  const reuse = perSecond(() => {
    reused.clear(true, true);
    reused.data = JSON.parse(text);
    return reused.validate(false);
  });
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
  const ratio = (n: number) => `${(pingyi / n).toFixed(2)}×`;
  rows.push([
    name,
    prepareMs.toFixed(1),
    fmt(pingyi),
    fmt(parse),
    ratio(parse),
    fmt(fresh),
    ratio(fresh),
    fmt(reuse),
    ratio(reuse),
  ]);
}

const header = [
  'template',
  'prepare ms',
  'pingyi/s',
  'JSON.parse/s',
  'vs parse',
  'fresh Model/s',
  'vs fresh',
  'reused Model/s',
  'vs reused',
];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
const line = (cells: readonly string[]) => cells.map((cell, i) => cell.padStart(widths[i] ?? 0)).join('  ');
print('Ballot validations per second (pingyi includes JSON.parse of the ballot; ratios = pingyi ÷ baseline)');
print(line(header));
for (const row of rows) print(line(row));
