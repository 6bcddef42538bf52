import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { ensureFirstAdmin } from '../../server/auth/auth.service.ts';
import { FIX_RATINGS, PROBLEM_SOURCES, PROBLEM_STATES } from '../../server/db/schema.ts';
import { createFolderEvidenceStore, sha256OfBytes } from '../../server/evidence/evidence-store.ts';
import { FILED_STATES, OPEN_STATES } from '../../server/problems/problem-states.ts';
import { calendarOf, loadRectificationSettings } from '../../server/problems/rectification-settings.ts';
import { addWorkingDays, chinaDay } from '../../server/problems/working-days.ts';
import { parseSummary } from '../../server/weekly-reports/weekly-summary.ts';
import { seedDemoIfEmpty, type SeedSummary } from '../../server/seed/demo.ts';
import { demoAccountsNotice } from '../../server/seed/demo-accounts.ts';
import { signIn } from '../support/sign-in.ts';
import { createTestApp, TEST_SECRET } from '../support/test-app.ts';
import { describeEachDialect } from '../support/test-db.ts';

// The demo city's ledger: `npm start` shows the whole rectification module at once — problems in every
// state with true timelines, evidence photos, inbox items (some overdue), fix ratings, weekly reports whose
// summaries are those of their time — and accounts to see the unit's side.

describeEachDialect('demo ledger', (database) => {
  const db = () => database().db;
  const now = new Date();
  // The store the app serves the photos from, as main.ts gives the same one to the seed and the app.
  const evidence = createFolderEvidenceStore(mkdtempSync(join(tmpdir(), 'pingyi-demo-evidence-')));
  let summary: SeedSummary;

  beforeAll(async () => {
    // As `npm start` does: the first administrator exists before the demo is seeded, and makes the office's moves.
    await ensureFirstAdmin({ db: db() }, now);
    const started = performance.now();
    const seeded = await seedDemoIfEmpty(db(), now, TEST_SECRET, evidence);
    if (!seeded) throw new Error('the demo did not seed');
    summary = seeded;
    // Measured for the record (npm start and every e2e setup pay it); tests do not assert on wall time.
    process.stdout.write(`demo seed [${database().dialect}]: ${Math.round(performance.now() - started)} ms\n`);
  });

  it('holds dozens of problems in every state, from every source, with overdue and on-time and late closures', async () => {
    const problems = await db().selectFrom('problems').selectAll().execute();
    expect(problems.length).toBeGreaterThanOrEqual(40);
    expect(problems.length).toBeLessThanOrEqual(60);
    expect(summary.problems).toBe(problems.length);
    expect(new Set(problems.map((p) => p.state))).toEqual(new Set(PROBLEM_STATES));
    expect(new Set(problems.map((p) => p.source))).toEqual(new Set(PROBLEM_SOURCES));
    expect(new Set(problems.map((p) => p.unit_id)).size).toBeGreaterThanOrEqual(10);
    expect(new Set(problems.map((p) => p.type_id)).size).toBeGreaterThanOrEqual(6);
    const today = chinaDay(now);
    const overdue = problems.filter((p) => OPEN_STATES.includes(p.state) && p.deadline !== null && p.deadline < today);
    expect(overdue.length).toBeGreaterThanOrEqual(3);
    const closed = problems.filter((p) => p.state === 'closed');
    const late = closed.filter((p) => p.deadline !== null && chinaDay(new Date(p.claimed_at!)) > p.deadline);
    expect(late.length).toBeGreaterThanOrEqual(2);
    expect(closed.length - late.length).toBeGreaterThanOrEqual(4);
    expect(problems.filter((p) => p.state === 'explained').every((p) => p.explanation)).toBe(true);
    const types = await db().selectFrom('problem_types').select('name').execute();
    expect(types.map((t) => t.name)).toEqual(
      expect.arrayContaining(['形式主义', '官僚主义', '营商环境', '服务态度', '办事效率', '廉洁自律']),
    );
  });

  it('gives every problem a true timeline spanning weeks: each entry starts where the last ended, in time order', async () => {
    const problems = await db().selectFrom('problems').select(['id', 'state', 'filed_at']).execute();
    const events = await db().selectFrom('problem_events').selectAll().orderBy('id').execute();
    // A budget of writes rather than of time: the seed stays a few hundred small statements.
    expect(events.length).toBeLessThan(350);
    for (const problem of problems) {
      const timeline = events.filter((e) => e.problem_id === problem.id);
      expect(timeline[0]?.action).toBe('create');
      for (let i = 1; i < timeline.length; i += 1) {
        expect(timeline[i]!.from_state).toBe(timeline[i - 1]!.to_state);
        expect(timeline[i]!.at >= timeline[i - 1]!.at).toBe(true);
      }
      expect(timeline.at(-1)?.to_state).toBe(problem.state);
      expect(timeline.every((e) => e.at <= now.toISOString())).toBe(true);
      if (FILED_STATES.includes(problem.state)) expect(problem.filed_at).not.toBeNull();
    }
    const first = events.map((e) => Date.parse(e.at)).sort((a, b) => a - b)[0]!;
    expect(now.getTime() - first).toBeGreaterThan(5 * 7 * 86_400_000);
    // The raiser's 不满意 reopened a problem, and the office reopened one it would not accept.
    const reopens = events.filter((e) => e.action === 'reopen');
    expect(reopens.map((e) => e.actor_kind).sort()).toEqual(['raiser', 'user']);
  });

  it('answers the demo campaign inbox in every way, and rates fixes with all three ratings', async () => {
    const reports = await db().selectFrom('problem_reports').selectAll().execute();
    expect(new Set(reports.map((r) => r.status))).toEqual(
      new Set(['open', 'accepted', 'merged', 'explained', 'rejection_requested', 'rejected']),
    );
    const campaign = await db().selectFrom('campaigns').select(['id', 'starts_at']).executeTakeFirstOrThrow();
    for (const report of reports) {
      expect(report.campaign_id).toBe(campaign.id);
      expect(report.received_on! >= chinaDay(new Date(campaign.starts_at))).toBe(true);
      expect(report.due_on! > report.received_on!).toBe(true);
    }
    const accepted = reports.filter((r) => r.status === 'accepted');
    const fromInbox = await db()
      .selectFrom('problems')
      .select(['id', 'source', 'campaign_id'])
      .where(
        'id',
        'in',
        accepted.map((r) => r.problem_id!),
      )
      .execute();
    expect(fromInbox.every((p) => p.source === 'rating' && p.campaign_id === campaign.id)).toBe(true);

    const ratings = await db().selectFrom('fix_ratings').selectAll().execute();
    expect(new Set(ratings.map((r) => r.rating))).toEqual(new Set(FIX_RATINGS));
    expect(new Set(ratings.map((r) => r.anonymous))).toEqual(new Set([0, 1]));
    const followups = await db().selectFrom('problem_followups').selectAll().execute();
    expect(followups.every((f) => f.phone === null && /^[0-9a-f]{64}$/.test(f.code_hash))).toBe(true);
    expect(summary.followupCode).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
  });

  it('has a few weeks of weekly reports, submitted on time, late and missing, and this week’s drafts', async () => {
    const reports = await db().selectFrom('weekly_reports').selectAll().execute();
    expect(summary.weeklyReports).toBe(reports.length);
    expect(new Set(reports.map((r) => r.week_start)).size).toBe(5);
    expect(reports.filter((r) => r.state === 'draft').length).toBe(3);
    expect(reports.filter((r) => r.state === 'submitted').every((r) => r.summary !== null)).toBe(true);
    expect((await db().selectFrom('weekly_reminders').selectAll().execute()).length).toBeGreaterThan(0);
  });

  it('makes unit staff and leader accounts that sign in with the printed one-time passwords', async () => {
    expect(summary.accounts.map((a) => a.username)).toEqual(['unit-d16', 'unit-d21', 'unit-d26', 'leader01']);
    const notice = demoAccountsNotice(summary.accounts, summary.followupCode);
    for (const account of summary.accounts) expect(notice).toContain(`password: ${account.password}`);
    // The first administrator's password is found by "one-time password:"; the demo's lines never say it.
    expect(notice).not.toContain('one-time password:');
    const { app } = createTestApp(database());
    for (const account of summary.accounts)
      expect(await signIn(app, account.username, account.password)).toMatch(/^pingyi_session=/);
    const staff = await db()
      .selectFrom('users')
      .innerJoin('units', 'units.id', 'users.unit_id')
      .select(['users.username', 'units.code'])
      .where('users.role', '=', 'unit_staff')
      .execute();
    expect(staff.length).toBe(30);
    expect(staff.find((s) => s.username === 'unit-d26')?.code).toBe('D26');
  });

  it('attaches a photo before every claim and to some closes, stored as an upload stores it', async () => {
    const events = await db().selectFrom('problem_events').selectAll().orderBy('id').execute();
    const files = await db().selectFrom('problem_evidence').selectAll().execute();
    const byId = new Map(events.map((e) => [e.id, e]));
    const claims = events.filter((e) => e.action === 'claim');
    expect(claims.length).toBeGreaterThanOrEqual(15);
    for (const claim of claims) {
      const before = events.filter((e) => e.problem_id === claim.problem_id && e.id < claim.id).at(-1);
      expect(before?.action).toBe('evidence');
      expect(before?.note).toBeTruthy();
      expect(Date.parse(claim.at) - Date.parse(before!.at)).toBeLessThanOrEqual(3_600_000);
    }
    const closes = events.filter((e) => e.action === 'close');
    const checked = closes.filter((close) => {
      const before = events.filter((e) => e.problem_id === close.problem_id && e.id < close.id).at(-1);
      return before?.action === 'evidence';
    });
    expect(checked.length).toBeGreaterThan(0);
    expect(checked.length).toBeLessThan(closes.length);
    // One file per evidence entry, each a JPEG of the demo's few scenes, its bytes in the store under its hash.
    expect(files.length).toBe(events.filter((e) => e.action === 'evidence').length);
    expect(files.every((f) => f.media_type === 'image/jpeg' && f.bytes < 60 * 1024)).toBe(true);
    expect(files.every((f) => byId.get(f.event_id!)?.action === 'evidence')).toBe(true);
    const scenes = new Set(files.map((f) => f.sha256));
    expect(scenes.size).toBeGreaterThanOrEqual(3);
    expect(scenes.size).toBeLessThanOrEqual(6);
    for (const sha256 of scenes) {
      const stored = await evidence.get(files.find((f) => f.sha256 === sha256)!.storage_key);
      expect(stored && sha256OfBytes(stored)).toBe(sha256);
    }
    // Some photos are public (on the public ledger), those of the internal (廉洁自律) cases are not.
    const problems = await db().selectFrom('problems').select(['id', 'visibility']).execute();
    const internal = new Set(problems.filter((p) => p.visibility === 'internal').map((p) => p.id));
    expect(new Set(files.map((f) => internal.has(f.problem_id)))).toEqual(new Set([true, false]));
  });

  it('serves a public photo on the public ledger to anyone, and an internal one to nobody signed out', async () => {
    const { app } = createTestApp(database(), { evidence });
    const d26 = await db().selectFrom('units').select('id').where('code', '=', 'D26').executeTakeFirstOrThrow();
    const ledger = (await (await app.request(`/api/public/ledger/units/${d26.id}`)).json()) as {
      problems: Array<{ history: Array<{ evidence: Array<{ url: string; kind: string }> }> }>;
    };
    const photos = ledger.problems.flatMap((p) => p.history.flatMap((h) => h.evidence));
    expect(photos.length).toBeGreaterThan(0);
    expect(photos.every((photo) => photo.kind === 'photo')).toBe(true);
    const photo = await app.request(photos[0]!.url);
    expect(photo.status).toBe(200);
    expect(photo.headers.get('content-type')).toBe('image/jpeg');
    const hidden = await db()
      .selectFrom('problem_evidence as e')
      .innerJoin('problems as p', 'p.id', 'e.problem_id')
      .select('e.id')
      .where('p.visibility', '=', 'internal')
      .executeTakeFirstOrThrow();
    expect((await app.request(`/api/evidence/${hidden.id}`)).status).toBe(404);
  });

  it('leaves a few open inbox items past their answer window, received while the campaign was open', async () => {
    const settings = await loadRectificationSettings(db());
    const today = chinaDay(now);
    const reports = await db()
      .selectFrom('problem_reports as r')
      .innerJoin('units as u', 'u.id', 'r.unit_id')
      .select(['r.status', 'r.received_on', 'r.due_on', 'u.code'])
      .execute();
    for (const report of reports)
      expect(report.due_on).toBe(addWorkingDays(report.received_on!, settings.inboxAnswerDays, calendarOf(settings)));
    const overdue = reports.filter((r) => r.status === 'open' && r.due_on! < today);
    expect(overdue.length).toBeGreaterThanOrEqual(2);
    expect(overdue.length).toBeLessThanOrEqual(3);
    expect(overdue.map((r) => r.code)).toContain('D26');
    expect(reports.some((r) => r.status === 'open' && r.due_on! >= today)).toBe(true);
  });

  it('freezes in each past weekly report the problems overdue at its submission, not today’s', async () => {
    const reports = await db().selectFrom('weekly_reports').selectAll().where('state', '=', 'submitted').execute();
    const events = await db().selectFrom('problem_events').selectAll().orderBy('at').orderBy('id').execute();
    const stateAt = (problemId: number, at: string) =>
      events.filter((e) => e.problem_id === problemId && e.at <= at).at(-1)?.to_state ?? null;
    const problems = new Map(
      (await db().selectFrom('problems').select(['id', 'state']).execute()).map((p) => [p.id, p.state]),
    );
    let closedSince = 0;
    for (const report of reports) {
      const frozen = parseSummary(report.summary);
      expect(frozen?.assembledAt).toBe(report.submitted_at);
      for (const item of frozen!.overdue) {
        const then = stateAt(item.problemId, report.submitted_at!);
        expect(then).toBe(item.state);
        expect(OPEN_STATES).toContain(then);
        if (!OPEN_STATES.includes(problems.get(item.problemId)!)) closedSince += 1;
      }
      expect(frozen!.moves.every((move) => move.at <= report.submitted_at!)).toBe(true);
    }
    // Problems overdue four weeks ago and closed since are in the reports of then.
    expect(closedSince).toBeGreaterThan(0);
  });
});
