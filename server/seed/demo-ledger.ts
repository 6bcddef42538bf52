import { randomUUID } from 'node:crypto';
import type { Insertable, Transaction } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Database, FixRating, FixRatingTable, ProblemFollowupTable } from '../db/schema.ts';
import { followupCodeHash, formatFollowupCode, randomFollowupCode } from '../followups/followup-code.ts';
import type { ProblemAction } from '../problems/problem-states.ts';
import { createProblem, moveProblem, type Actor, type ProblemFields } from '../problems/problem-writes.ts';
import { calendarOf, loadRectificationSettings } from '../problems/rectification-settings.ts';
import { addWorkingDays, chinaDay, type CalendarOverrides } from '../problems/working-days.ts';
import { seededRandom } from './demo-answers.ts';
import {
  DEMO_PROBLEM_TYPES,
  DEMO_PROBLEMS,
  DEMO_REPORT_TEXTS,
  LEADER_NAMES,
  OWNER_NAMES,
  type DemoProblem,
  type Scenario,
} from './demo-ledger-data.ts';
import { seedAccounts, type DemoAccount, type DemoPasswords } from './demo-accounts.ts';
import { seedDemoInbox, seedDemoWeeklyReports } from './demo-ledger-extras.ts';
import { attachDemoPhoto, type DemoEvidence } from './demo-evidence.ts';

// The demo city's rectification ledger (issue 15), so that `npm start` shows the whole module at once:
// problems of many departments in every state, their timelines spanning weeks (every move made through the
// one writer, problem-writes.ts, at its own time in the past), inbox items from the demo campaign, fix
// ratings, weekly reports, and accounts of unit staff to see the unit's side. Claims carry the unit's photo
// and some closes the office's photo of its check, uploaded as the console would; integrity (廉洁自律)
// cases are kept internal, so their photos are for signed-in staff only.

export interface DemoLedgerSummary {
  problems: number;
  inboxItems: number;
  weeklyReports: number;
  accounts: DemoAccount[];
  /** A follow-up code of a claimed problem waiting for its raiser's rating, to try /f/{code}. */
  followupCode: string | null;
}

const DAY_MS = 86_400_000;

/** Each scenario's moves after the problem is created: [days after its creation, action (or the raiser's rating), who]. */
type Step = readonly [number, ProblemAction | 'rate', 'unit' | 'office' | 'raiser'];
interface Plan {
  /** Days ago the problem was created. */
  start: number;
  /** Working days from filing to the deadline. */
  days: number;
  /** Created straight into this state (office findings, accepted inbox items), else draft. */
  initial?: 'submitted' | 'filed';
  steps: readonly Step[];
}

const FILE: readonly Step[] = [
  [1, 'submit', 'unit'],
  [2, 'file', 'office'],
];
const PLANS: Record<Scenario, Plan> = {
  draft: { start: 3, days: 20, steps: [] },
  submitted: { start: 6, days: 20, steps: [[1, 'submit', 'unit']] },
  returned: {
    start: 12,
    days: 20,
    steps: [
      [1, 'submit', 'unit'],
      [3, 'return', 'office'],
    ],
  },
  filed: { start: 10, days: 20, steps: FILE },
  filed_overdue: { start: 30, days: 10, steps: FILE },
  in_progress: { start: 20, days: 25, steps: [...FILE, [4, 'start', 'unit'], [10, 'progress', 'unit']] },
  overdue: { start: 35, days: 10, steps: [...FILE, [5, 'start', 'unit'], [14, 'progress', 'unit']] },
  extended: {
    start: 28,
    days: 8,
    steps: [...FILE, [4, 'start', 'unit'], [9, 'extend', 'office'], [16, 'progress', 'unit']],
  },
  claimed: {
    start: 25,
    days: 20,
    steps: [...FILE, [4, 'start', 'unit'], [10, 'progress', 'unit'], [20, 'claim', 'unit']],
  },
  reopened_by_office: {
    start: 30,
    days: 25,
    steps: [...FILE, [3, 'start', 'unit'], [18, 'claim', 'unit'], [21, 'reopen', 'office'], [25, 'progress', 'unit']],
  },
  closed_on_time: {
    start: 40,
    days: 20,
    steps: [...FILE, [4, 'start', 'unit'], [12, 'progress', 'unit'], [20, 'claim', 'unit'], [22, 'close', 'office']],
  },
  closed_late: {
    start: 45,
    days: 10,
    steps: [...FILE, [6, 'start', 'unit'], [15, 'progress', 'unit'], [30, 'claim', 'unit'], [32, 'close', 'office']],
  },
  explained: { start: 15, days: 20, steps: [...FILE, [6, 'explain', 'office']] },
  closed_rated: {
    start: 38,
    days: 20,
    steps: [...FILE, [3, 'start', 'unit'], [16, 'claim', 'unit'], [18, 'close', 'office'], [20, 'rate', 'raiser']],
  },
  reopened_by_raiser: {
    start: 42,
    days: 20,
    steps: [
      ...FILE,
      [3, 'start', 'unit'],
      [18, 'claim', 'unit'],
      [20, 'close', 'office'],
      [24, 'reopen', 'raiser'],
      [30, 'progress', 'unit'],
    ],
  },
  office_filed: {
    start: 18,
    days: 15,
    initial: 'filed',
    steps: [
      [2, 'start', 'unit'],
      [8, 'progress', 'unit'],
    ],
  },
  office_closed: {
    start: 44,
    days: 15,
    initial: 'filed',
    steps: [
      [2, 'start', 'unit'],
      [14, 'claim', 'unit'],
      [16, 'close', 'office'],
    ],
  },
  inbox_submitted: { start: 3, days: 5, initial: 'submitted', steps: [] },
  inbox_filed: {
    start: 5,
    days: 5,
    initial: 'submitted',
    steps: [
      [1, 'file', 'office'],
      [2, 'start', 'unit'],
    ],
  },
  inbox_closed_rated: {
    start: 5,
    days: 5,
    initial: 'submitted',
    steps: [
      [0.2, 'file', 'office'],
      [2, 'claim', 'unit'],
      [3, 'close', 'office'],
      [4, 'rate', 'raiser'],
    ],
  },
  inbox_claimed: {
    start: 4,
    days: 5,
    initial: 'submitted',
    steps: [
      [0.3, 'file', 'office'],
      [3, 'claim', 'unit'],
    ],
  },
};

const NOTES: Partial<Record<ProblemAction, readonly string[]>> = {
  return: ['整改措施不够具体，请细化到时间节点和责任人后重新报送。', '问题描述缺少具体事例，请补充后报送。'],
  progress: [
    '已召开专题会议研究整改方案，明确责任科室和时间节点。',
    '已完成第一阶段整改，正在组织“回头看”。',
    '已制定工作制度并印发执行，正在跟踪落实情况。',
    '已对相关人员开展批评教育和业务培训。',
  ],
  claim: ['已按整改措施完成整改，相关制度和照片已报评议办，申请销号。', '整改已完成并经群众回访确认，申请销号。'],
  reopen: ['现场核查发现问题仍然存在，退回继续整改。'],
  extend: ['涉及系统改造，经研究同意延期。'],
};
const PHOTO_NOTES = {
  claim: ['整改完成后现场照片。', '整改后现场复拍照片，与整改前对照。'],
  close: ['评议办现场核查照片：整改到位。'],
  progress: ['整改进展照片（内部存档）。'],
} as const;
/** Problems of this type are not published (discipline cases are handled internally). */
const INTERNAL_TYPE = '廉洁自律';
const RAISER_UNSATISFIED = '不满意：通道清理后又被占用，问题反弹。';

/** Seeds the ledger inside the demo's own transaction (all of the demo, or nothing). */
export async function seedDemoLedger(
  trx: Transaction<Database>,
  campaignId: number,
  now: Date,
  passwords: DemoPasswords,
  evidence: DemoEvidence,
): Promise<DemoLedgerSummary> {
  const db: Db = trx;
  const random = seededRandom(20261201);
  const calendar = calendarOf(await loadRectificationSettings(db));
  const typeIds = await ensureTypes(db);
  const units = new Map(
    (await db.selectFrom('units').select(['id', 'code', 'name']).execute()).map((unit) => [unit.code, unit]),
  );
  const { staffIds, accounts } = await seedAccounts(db, units, passwords, now);
  const admin = await db.selectFrom('users').select('id').where('role', '=', 'admin').orderBy('id').executeTakeFirst();
  const office: Actor = { kind: 'office', userId: admin?.id ?? null };

  const problems: SeededProblem[] = [];
  for (const [index, spec] of DEMO_PROBLEMS.entries()) {
    const unit = units.get(spec.unit);
    if (!unit) throw new Error(`demo ledger: no unit ${spec.unit}`);
    const unitActor: Actor = { kind: 'unit', userId: staffIds.get(spec.unit) ?? null };
    const seeded = await seedProblem(db, spec, index, {
      unitId: unit.id,
      unitName: unit.name,
      typeId: typeIds.get(spec.type) ?? null,
      campaignId,
      unitActor,
      office,
      now,
      calendar,
      random,
      evidence,
    });
    problems.push(seeded);
  }
  const inboxItems = await seedDemoInbox(db, { campaignId, units, problems, staffIds, now, calendar });
  const followupCode = await seedFollowups(db, problems);
  const weeklyReports = await seedDemoWeeklyReports(db, { problems, staffIds, officeId: office.userId, now, random });
  return { problems: problems.length, inboxItems, weeklyReports, accounts, followupCode };
}

export interface SeededProblem {
  id: number;
  spec: DemoProblem;
  unitId: number;
  /** When the problem was created (accepted, for an inbox item). */
  createdAt: Date;
  /** The raiser's ratings, to be written with their follow-up. */
  ratings: Array<{ rating: FixRating; round: number; on: string }>;
}

interface ProblemContext {
  unitId: number;
  unitName: string;
  typeId: number | null;
  campaignId: number;
  unitActor: Actor;
  office: Actor;
  now: Date;
  calendar: CalendarOverrides;
  random: () => number;
  evidence: DemoEvidence;
}

async function seedProblem(db: Db, spec: DemoProblem, index: number, context: ProblemContext): Promise<SeededProblem> {
  const { now, random, calendar } = context;
  const plan = PLANS[spec.scenario];
  // A few hours' jitter, so that the day's problems do not all carry the same minute.
  const jitter = Math.floor(random() * 6) * 3_600_000;
  const at = (offset: number) =>
    new Date(Math.min(now.getTime() - 60_000, now.getTime() - plan.start * DAY_MS + offset * DAY_MS + jitter));
  const fileOffset = plan.initial === 'filed' ? 0 : (plan.steps.find((step) => step[1] === 'file')?.[0] ?? 2);
  const deadline = addWorkingDays(chinaDay(at(fileOffset)), plan.days, calendar);
  const fromInbox = spec.scenario.startsWith('inbox_');
  const fields: ProblemFields & { unit_id: number; title: string; detail: string; source: DemoProblem['source'] } = {
    unit_id: context.unitId,
    title: spec.title,
    detail: fromInbox ? (DEMO_REPORT_TEXTS[spec.title] ?? spec.title) : spec.detail,
    source: spec.source,
    type_id: context.typeId,
    leader: `${LEADER_NAMES[index % LEADER_NAMES.length]}（${deputyTitle(context.unitName)}）`,
    owner: `${OWNER_NAMES[index % OWNER_NAMES.length]}（科长）`,
    measures: spec.measures || null,
    deadline,
    campaign_id: fromInbox ? context.campaignId : null,
    visibility: spec.type === INTERNAL_TYPE ? 'internal' : 'public',
    source_ref: spec.source === 'hotline' ? `12345-2026${String(1000 + index * 37).padStart(6, '0')}` : null,
  };
  const initial = plan.initial ?? 'draft';
  const creator = initial === 'filed' ? context.office : context.unitActor;
  const note = initial === 'filed' ? '督查发现问题，直接交办备案。' : fromInbox ? '由评议问题反映转入问题清单。' : null;
  const problem = await createProblem(db, fields, creator, at(0), initial, note);
  const ratings: SeededProblem['ratings'] = [];
  let round = 0;
  let last = at(0);
  for (const [offset, action, by] of plan.steps) {
    const actor =
      by === 'office' ? context.office : by === 'unit' ? context.unitActor : { kind: 'raiser' as const, userId: null };
    const photo = photoBefore(action, index, fields.visibility === 'internal');
    if (photo) {
      // Uploaded minutes before the move it supports (the console's claim dialog uploads, then claims).
      const photoAt = new Date(Math.max(last.getTime(), at(offset).getTime() - 30 * 60_000));
      const uploader = action === 'close' ? context.office : context.unitActor;
      await attachDemoPhoto(db, context.evidence, problem, photo, uploader, photoAt);
    }
    if (action !== 'rate') last = at(offset);
    if (action === 'rate') {
      ratings.push({ rating: random() < 0.7 ? 'satisfied' : 'basically_satisfied', round, on: chinaDay(at(offset)) });
      continue;
    }
    if (action === 'claim') round += 1;
    if (action === 'reopen' && by === 'raiser') {
      ratings.push({ rating: 'unsatisfied', round, on: chinaDay(at(offset)) });
      await moveProblem(db, problem.id, { action, note: RAISER_UNSATISFIED }, actor, at(offset));
      continue;
    }
    const pool = NOTES[action];
    const moveNote =
      action === 'explain' ? (spec.explanation ?? null) : pool ? (pool[index % pool.length] ?? null) : null;
    const set =
      action === 'explain'
        ? { explanation: spec.explanation ?? null }
        : action === 'extend'
          ? { deadline: addWorkingDays(chinaDay(at(offset)), 20, calendar) }
          : undefined;
    await moveProblem(db, problem.id, { action, note: moveNote, ...(set ? { set } : {}) }, actor, at(offset));
  }
  return { id: problem.id, spec, unitId: context.unitId, createdAt: at(0), ratings };
}

/** The note of the photo uploaded before this move, or null for none: every claim, half the closes. */
function photoBefore(action: Step[1], index: number, internal: boolean): string | null {
  if (action === 'claim') return PHOTO_NOTES.claim[index % PHOTO_NOTES.claim.length]!;
  if (action === 'close' && index % 2 === 0) return PHOTO_NOTES.close[0];
  if (action === 'progress' && internal) return PHOTO_NOTES.progress[0];
  return null;
}

function deputyTitle(unitName: string): string {
  if (/中心$/.test(unitName)) return '副主任';
  if (/委员会$|委$/.test(unitName)) return '副主任';
  if (/局$/.test(unitName)) return '副局长';
  if (/部$/.test(unitName)) return '副部长';
  return '副主席';
}

async function ensureTypes(db: Db): Promise<Map<string, number>> {
  const existing = await db.selectFrom('problem_types').select(['id', 'name']).execute();
  const known = new Set(existing.map((type) => type.name));
  const missing = DEMO_PROBLEM_TYPES.filter(([name]) => !known.has(name));
  if (missing.length > 0)
    await db
      .insertInto('problem_types')
      .values(
        missing.map(([name, nameEn], index) => ({
          name,
          name_en: nameEn,
          sort_order: existing.length + index + 1,
          active: 1 as const,
        })),
      )
      .execute();
  const all = await db.selectFrom('problem_types').select(['id', 'name']).execute();
  return new Map(all.map((type) => [type.name, type.id]));
}

/**
 * Follow-ups of the problems whose raisers rate: a recipient's (anonymous, through the inbox report) or a
 * raiser's known by name (visits, 12345: not anonymous). Their phones are gone where the loop has closed.
 */
async function seedFollowups(db: Db, problems: readonly SeededProblem[]): Promise<string | null> {
  let shown: string | null = null;
  const rating = problems.filter((p) => p.ratings.length > 0 || p.spec.scenario === 'inbox_claimed');
  const reports = new Map(
    (
      await db.selectFrom('problem_reports').select(['id', 'problem_id']).where('status', '=', 'accepted').execute()
    ).map((report) => [report.problem_id, report.id]),
  );
  const followups: Insertable<ProblemFollowupTable>[] = [];
  const ratings: Insertable<FixRatingTable>[] = [];
  for (const problem of rating) {
    const anonymous = problem.spec.scenario.startsWith('inbox_');
    const code = randomFollowupCode();
    const id = randomUUID();
    followups.push({
      id,
      code_hash: followupCodeHash(code),
      report_id: anonymous ? (reports.get(problem.id) ?? null) : null,
      problem_id: anonymous ? null : problem.id,
      phone: null,
      anonymous: anonymous ? 1 : 0,
      created_on: chinaDay(problem.createdAt),
      code_sealed: null,
      sms_waiting: null,
    });
    for (const r of problem.ratings)
      ratings.push({
        followup_id: id,
        claim_round: r.round,
        problem_id: problem.id,
        rating: r.rating,
        anonymous: anonymous ? 1 : 0,
        rated_on: r.on,
      });
    if (problem.spec.scenario === 'inbox_claimed') shown = formatFollowupCode(code);
  }
  if (followups.length > 0) await db.insertInto('problem_followups').values(followups).execute();
  if (ratings.length > 0) await db.insertInto('fix_ratings').values(ratings).execute();
  return shown;
}
