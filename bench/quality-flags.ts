// Benchmark: how often the quality flags fire on honest generated ballots, per default template and for a
// one-question form (target: under 2 %), next to ballots that are obviously bad and must still be caught.
// It runs the server's own flag functions (server/ballots/quality-flags.ts) with the campaign defaults and
// counts the burst and repeat windows in memory as the database would. No server, no database.
// Run with: npx tsx bench/quality-flags.ts
import { prepareQuestionnaire, type PreparedQuestionnaire } from '../surveys/prepare.ts';
import { DEFAULT_TEMPLATES } from '../surveys/templates/default-templates.ts';
import { RECIPIENT_TEMPLATE } from '../surveys/templates/recipient.ts';
import { DONT_KNOW, satisfactionChoices, satisfactionStars } from '../surveys/templates/scales.ts';
import { createNormalSampler, createRandom } from '../scoring/random.ts';
import type { RaterType } from '../scoring/rater-type.ts';
import { CampaignSettingsSchema } from '../server/campaigns/campaign-settings.ts';
import {
  fillLimitOf,
  qualityFlags,
  qualityHits,
  type QualityFlag,
  type QualityInput,
} from '../server/ballots/quality-flags.ts';
import { repeatLimitOf } from '../server/ballots/flag-calibration.ts';
import { questionnaireShapeOf } from '../server/ballots/questionnaire-shape.ts';
import type { RateCount, RateHit } from '../server/limits/rate-counter.ts';

const print = (line: string): void => void process.stdout.write(`${line}\n`);

const random = createRandom(20261201);
const normal = createNormalSampler(random);
const quality = CampaignSettingsSchema.parse({}).quality;
const KEY = 'bench-key';
const UNITS = Array.from({ length: 14 }, (_, i) => ({ id: i + 1, name: `单位${i + 1}` }));
/** How the units differ: the mean points their raters lean to. */
const UNIT_QUALITY = new Map(UNITS.map((u) => [u.id, 62 + 30 * random()]));

/** The fixed windows of server/limits/rate-counter.ts, in memory. */
function createCounters() {
  const counts = new Map<string, number>();
  return (hits: readonly RateHit[], at: number): RateCount[] =>
    hits.map((hit) => {
      const start = Math.floor(at / (hit.window.seconds * 1000));
      const key = `${hit.scope}|${hit.keyHash}|${start}`;
      const count = (counts.get(key) ?? 0) + 1;
      counts.set(key, count);
      return { allowed: count <= hit.window.max, count, retryAfterSeconds: 0 };
    });
}

type Json = Record<string, unknown>;
const lognormal = (median: number, sigma: number) => median * Math.exp(sigma * normal());
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

/** The choice whose points are nearest to what the rater leans to; 不了解 sometimes, when offered. */
function answerOf(question: Json, inherited: unknown[], lean: number, dontKnow: number): unknown {
  const own = (question['choices'] ?? question['rateValues'] ?? inherited) as Json[];
  const counted = own.filter((c) => c['pyNotCounted'] !== true);
  if (own.length > counted.length && random() < dontKnow) return DONT_KNOW.value;
  const wanted = lean + normal() * 9;
  const nearest = counted.reduce((a, b) =>
    Math.abs(Number(b['pyPoints']) - wanted) < Math.abs(Number(a['pyPoints']) - wanted) ? b : a,
  );
  return nearest['value'];
}

const SHORT_COMMENTS = ['很好', '满意', '无', '辛苦了', '服务很好', '点赞'];
const PLACES = ['窗口', '大厅', '前台', '咨询台', '自助区'];
const DETAILS = [
  '等了二十分钟',
  '材料一次说清楚了',
  '指引牌不太清楚',
  '工作人员很耐心',
  '希望增加周末服务',
  '排队叫号太慢',
];

/** A comment as people write them: mostly none, some a word or two, a few a sentence of their own. */
function honestComment(): string {
  const roll = random();
  if (roll < 0.8) return '';
  if (roll < 0.9) return pick(SHORT_COMMENTS);
  return `${pick(PLACES)}${pick(DETAILS)}，${pick(DETAILS)}，${Math.floor(random() * 1000)}号`;
}

/** A recipient's answers to any one-unit form: one lean for the whole ballot, item noise around it. */
function honestOneUnit(definition: Json, unitId: number, hallLean?: number): { answers: Json; fill: number } {
  const lean = (hallLean ?? UNIT_QUALITY.get(unitId)!) + normal() * 15;
  const speed = random() < 0.05 ? 0.5 : 1; // a few people are quick on a phone
  const answers: Json = {};
  let fill = lognormal(4, 0.4) * speed;
  for (const element of (definition['pages'] as Json[]).flatMap((p) => p['elements'] as Json[])) {
    const name = String(element['name']);
    if (element['pyScored'] === true) {
      if (element['isRequired'] !== true && random() < 0.3) continue;
      answers[name] = answerOf(element, [], lean, 0.05);
      fill += lognormal(2.2, 0.5) * speed;
    } else if (element['type'] === 'checkbox') {
      answers[name] = lean < 50 && random() < 0.5 ? [pick(element['choices'] as Json[])['value']] : ['none'];
      fill += lognormal(2, 0.5) * speed;
    } else if (element['type'] === 'comment') {
      const comment = honestComment();
      if (comment) answers[name] = comment;
      fill += [...comment].length * lognormal(0.8, 0.3);
    }
  }
  return { answers, fill };
}

/** A leader's or peer's grades: the unit's standing plus the rater's own bias, 不了解 by unit. */
function honestManyUnit(definition: Json, units: readonly { id: number }[]): { answers: Json; fill: number } {
  const bias = normal() * 6;
  const speed = random() < 0.05 ? 0.5 : 1;
  let fill = lognormal(10, 0.4) * speed;
  const answers: Json = {};
  for (const matrix of (definition['pages'] as Json[]).flatMap((p) => p['elements'] as Json[])) {
    if (matrix['type'] !== 'matrixdropdown') continue;
    const rows: Json = {};
    for (const unit of units) {
      const unknown = random() < 0.1;
      const lean = UNIT_QUALITY.get(unit.id)! + bias;
      const row: Json = {};
      for (const column of matrix['columns'] as Json[]) {
        row[String(column['name'])] = unknown
          ? DONT_KNOW.value
          : answerOf(column, matrix['choices'] as unknown[], lean + normal() * 4, 0);
        fill += lognormal(1.2, 0.5) * speed;
      }
      rows[String(unit.id)] = row;
    }
    answers[String(matrix['name'])] = rows;
  }
  return { answers, fill };
}

interface Form {
  label: string;
  raterType: RaterType;
  prepare: (unitId: number) => PreparedQuestionnaire;
  manyUnit: boolean;
  ballots: number;
}

const oneQuestion = {
  title: '一题满意度',
  pages: [
    {
      name: 'p',
      elements: [
        {
          type: 'radiogroup',
          name: 'overall',
          isRequired: true,
          choices: satisfactionChoices(),
          pyItem: 'overall',
          pyScored: true,
        },
      ],
    },
  ],
};

/** A long recipient form (twelve star items), to show a straight-lined script still gets caught. */
const longForm = {
  title: '长问卷',
  pages: [
    {
      name: 'p',
      elements: [
        ...Array.from({ length: 12 }, (_, i) => ({
          type: 'rating',
          name: `q${i + 1}`,
          isRequired: true,
          rateValues: satisfactionStars(),
          pyItem: `q${i + 1}`,
          pyScored: true,
        })),
        { type: 'comment', name: 'comment' },
      ],
    },
  ],
};

const cache = new Map<string, PreparedQuestionnaire>();
const prepared = (key: string, definition: object, context: object) => {
  if (!cache.has(key)) cache.set(key, prepareQuestionnaire(definition, context));
  return cache.get(key)!;
};

const FORMS: Form[] = [
  {
    label: 'recipient (default template)',
    raterType: 'recipient',
    manyUnit: false,
    ballots: 20_000,
    prepare: (u) => prepared(`r${u}`, RECIPIENT_TEMPLATE, { targetUnitId: u }),
  },
  {
    label: 'one-question form',
    raterType: 'recipient',
    manyUnit: false,
    ballots: 20_000,
    prepare: (u) => prepared(`o${u}`, oneQuestion, { targetUnitId: u }),
  },
  {
    label: 'superior (default, 14 units)',
    raterType: 'superior',
    manyUnit: true,
    ballots: 2_000,
    prepare: () => prepared('s', DEFAULT_TEMPLATES.superior, { units: UNITS }),
  },
  {
    label: 'peer (default, 13 units)',
    raterType: 'peer',
    manyUnit: true,
    ballots: 2_000,
    prepare: (u) => prepared(`p${u}`, DEFAULT_TEMPLATES.peer, { units: UNITS, excludeUnitId: u }),
  },
];

/** Ballots over one working day, each unit at its own steady pace (the busiest: 2 a minute). */
function arrivals(count: number): { unitId: number; at: number }[] {
  const perMinute = UNITS.map((u, i) => ({ unitId: u.id, rate: [0.2, 0.5, 1, 2][i % 4]! }));
  const total = perMinute.reduce((sum, u) => sum + u.rate, 0);
  const out: { unitId: number; at: number }[] = [];
  let at = Date.UTC(2026, 11, 1, 8);
  while (out.length < count) {
    at += (-Math.log(1 - random()) / total) * 60_000;
    let roll = random() * total;
    const unit = perMinute.find((u) => (roll -= u.rate) < 0) ?? perMinute[0]!;
    out.push({ unitId: unit.unitId, at });
  }
  return out;
}

function inputOf(form: Form, unitId: number, answers: Json, fill: number | undefined): QualityInput {
  const questionnaire = form.prepare(unitId);
  const checked = questionnaire.validate(answers);
  if (!checked.ok)
    throw new Error(`${form.label}: a generated ballot is invalid: ${JSON.stringify(checked.errors[0])}`);
  return {
    campaignId: 1,
    raterType: form.raterType,
    settings: quality,
    questionnaire: questionnaireShapeOf(questionnaire.definition),
    fillSeconds: fill,
    targetUnitId: form.manyUnit ? null : unitId,
    answers: checked.answers,
    ratings: checked.ratings,
  };
}

const pct = (n: number, of: number) => `${((100 * n) / of).toFixed(2)} %`.padStart(8);

/**
 * The rules before calibration (a fixed limit of three repeats, a fixed fill time per rater type, every
 * ballot of three or more units alike), replayed here only to show what the calibration changed.
 */
function flaggedBefore(input: QualityInput, hit: ReturnType<typeof createCounters>, at: number): boolean {
  if (input.fillSeconds !== undefined && input.fillSeconds < input.settings.minFillSeconds[input.raterType])
    return true;
  if (input.targetUnitId === null) {
    const rows = new Map<number, string[]>();
    for (const r of input.ratings) rows.set(r.unitId, [...(rows.get(r.unitId) ?? []), `${r.item}=${r.points}`]);
    return rows.size >= 3 && new Set([...rows.values()].map((v) => v.sort().join('&'))).size === 1;
  }
  const key = `${input.targetUnitId}|${JSON.stringify(input.answers)}`;
  const window = { seconds: input.settings.burst.windowMinutes * 60, max: 3 };
  return hit([{ scope: 'before', keyHash: key, window }], at).some((count) => !count.allowed);
}

function honestRun(form: Form, hallLean?: number) {
  const hit = createCounters();
  const hitBefore = createCounters();
  const byFlag = new Map<QualityFlag, number>();
  let flagged = 0;
  let before = 0;
  for (const { unitId, at } of arrivals(form.ballots)) {
    const definition = form.prepare(unitId).definition as Json;
    const rated = UNITS.filter((u) => u.id !== (form.raterType === 'peer' ? unitId : 0));
    const { answers, fill } = form.manyUnit
      ? honestManyUnit(definition, rated)
      : honestOneUnit(definition, unitId, hallLean);
    const input = inputOf(form, unitId, answers, fill);
    const flags = qualityFlags(input, hit(qualityHits(KEY, input), at));
    if (flaggedBefore(input, hitBefore, at)) before += 1;
    if (flags.length > 0) flagged += 1;
    for (const f of flags) byFlag.set(f, (byFlag.get(f) ?? 0) + 1);
  }
  const detail = [...byFlag].map(([f, n]) => `${f} ${n}`).join(', ') || 'none';
  const verdict = flagged / form.ballots < 0.02 ? 'ok' : 'OVER 2 %';
  print(
    `${form.label.padEnd(36)} ${String(form.ballots).padStart(6)} honest  flagged ${pct(flagged, form.ballots)}  ${verdict.padEnd(8)} before calibration ${pct(before, form.ballots)}  (${detail})`,
  );
}

/** A bad sender: the same ballot `times` times for one unit within a minute, or one ballot too fast. */
function badRun(
  label: string,
  form: Form,
  answers: Json,
  fill: number | undefined,
  times: number,
  expect: QualityFlag,
) {
  const hit = createCounters();
  let caught = 0;
  let first: number | null = null;
  const at = Date.UTC(2026, 11, 1, 9);
  for (let i = 0; i < times; i += 1) {
    const input = inputOf(form, 3, answers, fill);
    const flags = qualityFlags(input, hit(qualityHits(KEY, input), at + i * 1000));
    if (flags.includes(expect)) {
      caught += 1;
      first ??= i + 1;
    }
  }
  const input = inputOf(form, 3, answers, fill);
  const repeat = form.manyUnit
    ? 'n/a'
    : (repeatLimitOf(input.questionnaire, input.answers, quality.burst.maxPerUnit) ?? 'none');
  const limits = `fill limit ${fillLimitOf(input).toFixed(1)} s, repeat limit ${repeat}`;
  const result =
    times === 1 ? (caught ? 'caught' : 'MISSED') : `${caught} of ${times} caught${first ? `, from #${first}` : ''}`;
  print(`  bad: ${label.padEnd(58)} ${expect.padEnd(18)} ${result.padEnd(26)} (${limits})`);
}

print(
  `defaults: minFillSeconds ${JSON.stringify(quality.minFillSeconds)}, secondsPerAnswer ${JSON.stringify(quality.secondsPerAnswer)}, burst ${quality.burst.maxPerUnit} per ${quality.burst.windowMinutes} min`,
);
print('honest ballots (generated; flag rate per ballot, target under 2 %):');
for (const form of FORMS) honestRun(form);
// The hard case for repeats: every hall very satisfied, so most honest ballots are all 非常满意.
for (const form of FORMS.filter((f) => !f.manyUnit)) {
  honestRun({ ...form, label: `${form.label.split(' ')[0]}, very satisfied halls` }, 97);
}

const [recipient, one, superior] = FORMS as [Form, Form, Form, Form];
const long: Form = {
  label: 'long recipient form',
  raterType: 'recipient',
  manyUnit: false,
  ballots: 0,
  prepare: (u) => prepared(`l${u}`, longForm, { targetUnitId: u }),
};
const straight = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`q${i + 1}`, 5]));
const allA = {
  units: Object.fromEntries(
    UNITS.map((u) => [String(u.id), { responsibility: 'A', promptness: 'A', delivery: 'A', overall: 'A' }]),
  ),
};
const scripted = {
  attitude: 5,
  efficiency: 5,
  serviceRules: 'all',
  overall: 5,
  comment: '窗口服务非常好，办事效率高，值得表扬！',
};
print('obviously bad ballots (the same flag functions):');
badRun('recipient: one script ballot with a comment, 10× in a minute', recipient, scripted, 30, 10, 'repeated_answers');
badRun('long form (12 items): all 5 stars, 30× in a minute', long, straight, 30, 30, 'repeated_answers');
badRun('superior: every unit A on every item (14 units)', superior, allA, 120, 1, 'identical_pattern');
badRun(
  'recipient: sent 1.5 s after opening',
  recipient,
  { attitude: 5, efficiency: 5, serviceRules: 'all', overall: 5 },
  1.5,
  1,
  'too_fast',
);
badRun('one-question form: sent 0.5 s after opening', one, { overall: 5 }, 0.5, 1, 'too_fast');
badRun('superior: 14 units × 4 items in 8 s', superior, allA, 8, 1, 'too_fast');
badRun('recipient: no fill time (a script)', recipient, scripted, undefined, 1, 'fill_time_missing');
print(
  `  one-question form: repeated answers are never flagged (fewer than 3 scored answers): limit ${repeatLimitOf(questionnaireShapeOf(one.prepare(1).definition), { overall: 5 }, quality.burst.maxPerUnit) ?? 'none'}`,
);
