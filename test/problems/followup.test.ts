import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SmsGateway, SmsMessage } from '../../server/access/sms-message.ts';
import { loadConfig } from '../../server/config.ts';
import {
  deriveFollowupCode,
  followupCodeHash,
  formatFollowupCode,
  normaliseFollowupCode,
} from '../../server/followups/followup-code.ts';
import { followupOnReceipt, runFollowupRound } from '../../server/followups/followup-sms.ts';
import { RECORD_BYTES, MAX_REPORT_BYTES } from '../../server/ballots/ballot-inbox.ts';
import { createProblem, moveProblem, type Actor } from '../../server/problems/problem-writes.ts';
import { addWorkingDays, chinaDay } from '../../server/problems/working-days.ts';
import { sealBytes } from '../../server/crypto/sealing.ts';
import { createAnonymityCampaign, type AnonymityCampaign } from '../anonymity/anonymity-campaign.ts';
import { signIn } from '../support/sign-in.ts';
import { TEST_SECRET } from '../support/test-app.ts';
import { describeEachDialect } from '../support/test-db.ts';

// Follow-up codes and the raiser's rating of the fix (issue 15, decision 017): the code on the receipt of a
// recipient's problem report, derived from the submission id; its row written by the mixer with the batch;
// the raiser's page; one rating per claim; 不满意 reopens; the phone kept only until the loop closes.

const GOOD = { attitude: 4, efficiency: 3, serviceRules: 'all', overall: 4 };
const CODE = /^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$/;
const office: Actor = { kind: 'office', userId: null };
const unitActor: Actor = { kind: 'unit', userId: null };

interface Receipt {
  receipt: string;
  replayed: boolean;
  followup?: { code: string; sms: boolean };
}

interface View {
  code: string;
  anonymous: boolean;
  receivedOn: string;
  unit: { name: string } | null;
  stage: string;
  dueOn: string | null;
  overdue: boolean;
  answer: string | null;
  problem: {
    title: string;
    state: string;
    onLedger: boolean;
    timeline: { day: string; action: string; note: string | null; byRaiser: boolean }[];
    evidence: unknown[];
  } | null;
  rating: { ratable: boolean; round: number; mine: string | null };
}

describe('follow-up codes', () => {
  it('derive 12 characters of the code alphabet from the submission id, the same each time, 4-4-4 on screen', () => {
    const a = deriveFollowupCode(TEST_SECRET, 'submission-1');
    expect(a).toMatch(/^[A-HJKMNP-Z2-9]{12}$/);
    expect(deriveFollowupCode(TEST_SECRET, 'submission-1')).toBe(a);
    expect(deriveFollowupCode(TEST_SECRET, 'submission-2')).not.toBe(a);
    expect(deriveFollowupCode('another-server-key-another-server-key-00', 'submission-1')).not.toBe(a);
    expect(formatFollowupCode(a)).toMatch(CODE);
    expect(normaliseFollowupCode(` ${formatFollowupCode(a).toLowerCase()} `)).toBe(a);
    expect(normaliseFollowupCode('ABCD-EFGH-IJKL')).toBeNull(); // I and L are not in the alphabet
    expect(normaliseFollowupCode('ABCD')).toBeNull();
  });

  it('still leaves the longest report allowed in one sealed record with its contact and code', () => {
    const description = '问'.repeat(Math.floor((MAX_REPORT_BYTES - 200) / 3));
    const content = {
      kind: 'problem',
      unitId: 2_000_000_000,
      description,
      contact: '+8613800000000',
      followupCode: 'ABCDEFGHJKMN',
    };
    const checked = { description, contact: content.contact, followupCode: content.followupCode };
    expect(Buffer.byteLength(JSON.stringify(checked))).toBeLessThanOrEqual(MAX_REPORT_BYTES);
    // A nothing and the longest report seal to the same size: one block.
    expect(sealBytes(Buffer.alloc(32), JSON.stringify(content), RECORD_BYTES).length).toBe(
      sealBytes(Buffer.alloc(32), JSON.stringify({ kind: 'none' }), RECORD_BYTES).length,
    );
  });

  it('says on the receipt whether an SMS will bring the code: only with a mobile number and a follow-up template', () => {
    const sms: SmsGateway = { name: 'fake', send: () => Promise.resolve({ sent: true }) };
    const withTemplate = loadConfig({
      SMS_FOLLOWUP_TEMPLATE_ID: '2000001',
      PUBLIC_URL: 'https://pingyi.example.gov.cn',
    });
    const report = { contact: '138 0000 0001', followupCode: 'ABCDEFGHJKMN' };
    expect(followupOnReceipt({ sms, config: withTemplate }, report)).toEqual({ code: 'ABCD-EFGH-JKMN', sms: true });
    expect(followupOnReceipt({ sms, config: withTemplate }, { ...report, contact: 'me@example.com' }).sms).toBe(false);
    expect(followupOnReceipt({ sms, config: loadConfig({ PUBLIC_URL: 'https://x.example' }) }, report).sms).toBe(false);
    expect(followupOnReceipt({ sms: null, config: withTemplate }, report).sms).toBe(false);
  });
});

describeEachDialect('the raiser follows the problem and rates the fix', (database) => {
  let campaign: AnonymityCampaign;
  let unitA: number;

  const post = (path: string, body: unknown) =>
    campaign.app.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  /** A recipient's ballot as the QR page sends it; returns the receipt. */
  async function ballot(unitId: number, answers: Record<string, unknown>, submissionId = randomUUID()) {
    const session = (await (
      await campaign.app.request(`/api/respond/open/${campaign.slug}/${campaign.unitCodes.get(unitId)!}`)
    ).json()) as { questionnaire: { id: number } };
    const response = await post('/api/ballots', {
      campaignId: campaign.id,
      unitId,
      questionnaireId: session.questionnaire.id,
      submissionId,
      deviceId: randomUUID(),
      answers,
      fillSeconds: 40,
    });
    expect([200, 201]).toContain(response.status);
    return (await response.json()) as Receipt;
  }

  const report = (unitId: number, description: string, contact?: string) =>
    ballot(unitId, {
      ...GOOD,
      reportProblem: true,
      problemDescription: description,
      ...(contact ? { problemContact: contact } : {}),
    });

  async function view(code: string, status = 200) {
    const response = await campaign.app.request(`/api/followups/${encodeURIComponent(code)}`);
    expect(response.status, await response.clone().text()).toBe(status);
    return (await response.json()) as View;
  }

  const rate = (code: string, rating: string, comment?: string) =>
    post(`/api/followups/${code}/rating`, { rating, ...(comment ? { comment } : {}) });

  async function reportIdOf(description: string) {
    const row = await database()
      .db.selectFrom('problem_reports')
      .select(['id', 'contact'])
      .where('description', '=', description)
      .executeTakeFirstOrThrow();
    return row;
  }

  /** The unit accepts the report into a filed problem (as the inbox and the office would). */
  async function accepted(description: string, visibility: 'public' | 'internal' = 'public') {
    const { db } = database();
    const reportRow = await reportIdOf(description);
    const problem = await createProblem(
      db,
      {
        unit_id: unitA,
        title: `受理：${description}`,
        detail: description,
        source: 'rating',
        measures: '整改措施',
        owner: '张三',
        deadline: addWorkingDays(chinaDay(new Date()), 10),
        visibility,
        campaign_id: campaign.id,
      },
      unitActor,
      new Date(),
      'submitted',
    );
    await db
      .updateTable('problem_reports')
      .set({ status: 'accepted', problem_id: problem.id, answered_at: new Date().toISOString() })
      .where('id', '=', reportRow.id)
      .execute();
    await moveProblem(db, problem.id, { action: 'file' }, office, new Date());
    return problem.id;
  }

  const claim = (problemId: number) =>
    moveProblem(database().db, problemId, { action: 'claim', note: '已完成整改：设置叫号机' }, unitActor, new Date());

  beforeAll(async () => {
    campaign = await createAnonymityCampaign(database(), { superior: 1, peer: 1, recipient: 1 });
    unitA = campaign.unitIds[0]!;
  });

  let first: Receipt;
  let second: Receipt;
  let third: Receipt;

  it('puts a follow-up code on the receipt of a ballot with a report, the same one on a retry, none without', async () => {
    const submissionId = randomUUID();
    const answers = {
      ...GOOD,
      reportProblem: true,
      problemDescription: '大厅没有叫号机',
      problemContact: '13800000001',
    };
    first = await ballot(unitA, answers, submissionId);
    expect(first.replayed).toBe(false);
    expect(first.followup?.code).toMatch(CODE);
    // No gateway is configured in the tests: the receipt does not promise an SMS.
    expect(first.followup?.sms).toBe(false);
    const again = await ballot(unitA, answers, submissionId);
    expect(again).toEqual({ ...first, replayed: true });

    const none = await ballot(unitA, GOOD);
    // Without a report the receipt is what it always was.
    expect(Object.keys(none).sort()).toEqual(['receipt', 'replayed']);

    // Nothing of the code is stored with the ballot or its receipt.
    const { db } = database();
    const plain = first.followup!.code.replace(/-/g, '');
    for (const table of ['ballots', 'receipts', 'ballot_inbox'] as const) {
      const rows = await db.selectFrom(table).selectAll().execute();
      const text = JSON.stringify(rows, (_k, v: unknown) =>
        v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v,
      );
      expect(text).not.toContain(plain);
      expect(text).not.toContain(followupCodeHash(plain));
    }
  });

  it('knows no code until the mixer writes the batch; then the raiser sees the day received and the answer due', async () => {
    const { code } = first.followup!;
    const before = await campaign.app.request(`/api/followups/${code}`);
    expect(before.status).toBe(404);
    expect((await before.json()).error.code).toBe('followup_not_found');
    second = await report(unitA, '咨询电话无人接听');
    third = await report(unitA, '办事指南过期');
    await campaign.deps.mixer.flush();

    const seen = await view(code);
    const today = chinaDay(new Date());
    expect(seen).toMatchObject({
      code,
      anonymous: true,
      stage: 'waiting',
      receivedOn: today,
      dueOn: addWorkingDays(today, 5),
      overdue: false,
      answer: null,
      problem: null,
      rating: { ratable: false, mine: null },
    });
    expect(seen.unit?.name).toBeTruthy();
    // Lower case and without hyphens is the same code.
    expect((await view(code.replace(/-/g, '').toLowerCase())).code).toBe(code);

    const { db } = database();
    const rows = await db.selectFrom('problem_followups').selectAll().execute();
    const mine = rows.find((r) => r.code_hash === followupCodeHash(code.replace(/-/g, '')))!;
    expect(mine).toMatchObject({ anonymous: 1, phone: '+8613800000001', sms_waiting: 'code', created_on: today });
    expect(mine.code_sealed).not.toContain(code.replace(/-/g, ''));
    // A report without a phone keeps no phone and waits for no message.
    const other = rows.find((r) => r.code_hash === followupCodeHash(second.followup!.code.replace(/-/g, '')))!;
    expect(other).toMatchObject({ phone: null, code_sealed: null, sms_waiting: null });
  });

  it('answers an unknown or malformed code with the same 404', async () => {
    for (const code of ['AAAA-BBBB-CCCC', 'not a code', '0000-0000-0000']) {
      const response = await campaign.app.request(`/api/followups/${encodeURIComponent(code)}`);
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({
        error: { code: 'followup_not_found', message: expect.any(String) },
      });
    }
    const rating = await rate('AAAA-BBBB-CCCC', 'satisfied');
    expect(rating.status).toBe(404);
    expect((await rating.json()).error.code).toBe('followup_not_found');
  });

  it("shows the unit's explanation of a report it explained, which cannot be rated", async () => {
    const { db } = database();
    const row = await reportIdOf('办事指南过期');
    await db
      .updateTable('problem_reports')
      .set({ status: 'explained', answer: '指南已于上月更新，请以网站为准。', answered_at: new Date().toISOString() })
      .where('id', '=', row.id)
      .execute();
    const seen = await view(third.followup!.code);
    expect(seen).toMatchObject({
      stage: 'explained',
      answer: '指南已于上月更新，请以网站为准。',
      dueOn: null,
      problem: null,
    });
    const refused = await rate(third.followup!.code, 'satisfied');
    expect(refused.status).toBe(409);
    expect((await refused.json()).error.code).toBe('followup_not_ratable');
  });

  it('follows the accepted problem; refuses a rating before the claim; takes one rating per claim', async () => {
    const { code } = first.followup!;
    const problemId = await accepted('大厅没有叫号机');
    const filed = await view(code);
    expect(filed).toMatchObject({
      stage: 'problem',
      problem: { state: 'filed', onLedger: true },
      rating: { ratable: false },
    });
    expect(filed.problem!.timeline.map((e) => e.action)).toEqual(['file']);

    const early = await rate(code, 'satisfied');
    expect(early.status).toBe(409);
    expect((await early.json()).error).toMatchObject({ code: 'followup_not_ratable', state: 'filed' });

    await claim(problemId);
    const claimed = await view(code);
    expect(claimed.rating).toEqual({ ratable: true, round: 1, mine: null });
    expect(claimed.problem!.timeline.map((e) => [e.action, e.note])).toEqual([
      ['file', null],
      ['claim', '已完成整改：设置叫号机'],
    ]);
    // Nothing names the staff: no user ids, no names beyond the unit.
    expect(JSON.stringify(claimed)).not.toMatch(/actor|userId|张三/);

    // Evidence: the files of public entries only, as the public ledger shows them, without file names.
    const { db: evidenceDb } = database();
    const claimEvent = await evidenceDb
      .selectFrom('problem_events')
      .select('id')
      .where('problem_id', '=', problemId)
      .where('action', '=', 'claim')
      .executeTakeFirstOrThrow();
    await moveProblem(
      evidenceDb,
      problemId,
      { action: 'evidence', note: '内部材料', public: false },
      unitActor,
      new Date(),
    );
    const internalEvent = await evidenceDb
      .selectFrom('problem_events')
      .select(['id', 'public'])
      .where('problem_id', '=', problemId)
      .where('action', '=', 'evidence')
      .executeTakeFirstOrThrow();
    expect(internalEvent.public).toBe(0);
    const file = (id: string, eventId: number, name: string, type: string) => ({
      id,
      problem_id: problemId,
      event_id: eventId,
      media_type: type,
      bytes: 10,
      sha256: 'x'.repeat(64),
      storage_key: 'x',
      file_name: name,
      uploaded_by: null,
      uploaded_at: new Date().toISOString(),
    });
    await evidenceDb
      .insertInto('problem_evidence')
      .values([
        file(`ev-${problemId}-a`, claimEvent.id, '张三的工作照.jpg', 'image/jpeg'),
        file(`ev-${problemId}-b`, internalEvent.id, '内部.pdf', 'application/pdf'),
      ])
      .execute();
    const withEvidence = await view(code);
    expect(withEvidence.problem!.evidence).toEqual([
      { id: `ev-${problemId}-a`, kind: 'photo', url: `/api/evidence/ev-${problemId}-a` },
    ]);
    expect(JSON.stringify(withEvidence)).not.toContain('工作照');

    const rated = await rate(code, 'basically_satisfied');
    expect(rated.status, await rated.clone().text()).toBe(200);
    expect(((await rated.json()) as View).rating).toEqual({ ratable: false, round: 1, mine: 'basically_satisfied' });
    const twice = await rate(code, 'satisfied');
    expect(twice.status).toBe(409);
    expect((await twice.json()).error.code).toBe('fix_already_rated');

    const { db } = database();
    const ratings = await db.selectFrom('fix_ratings').selectAll().where('problem_id', '=', problemId).execute();
    expect(ratings).toEqual([
      expect.objectContaining({
        claim_round: 1,
        rating: 'basically_satisfied',
        anonymous: 1,
        rated_on: chinaDay(new Date()),
      }),
    ]);
    // Rated: the loop has closed for this raiser, their phone and the report's contact are gone.
    const followup = await db
      .selectFrom('problem_followups')
      .selectAll()
      .where('code_hash', '=', followupCodeHash(code.replace(/-/g, '')))
      .executeTakeFirstOrThrow();
    expect(followup).toMatchObject({ phone: null, code_sealed: null, sms_waiting: null });
    expect((await reportIdOf('大厅没有叫号机')).contact).toBeNull();

    // The office closes it: still rated, nothing more to rate.
    await moveProblem(db, problemId, { action: 'close' }, office, new Date());
    expect((await view(code)).rating).toEqual({ ratable: false, round: 1, mine: 'basically_satisfied' });
  });

  it('reopens the problem for the office on 不满意, as the raiser, and takes a new rating after the next claim', async () => {
    const { code } = second.followup!;
    const problemId = await accepted('咨询电话无人接听', 'internal');
    await claim(problemId);
    const seen = await view(code);
    // Not on the public ledger, but the raiser sees their own problem, without internal entries or evidence links.
    expect(seen.problem).toMatchObject({ onLedger: false, state: 'claimed', evidence: [] });

    const unhappy = await rate(code, 'unsatisfied', '电话还是打不通');
    expect(unhappy.status, await unhappy.clone().text()).toBe(200);
    const after = (await unhappy.json()) as View;
    expect(after.problem!.state).toBe('in_progress');
    expect(after.rating).toEqual({ ratable: false, round: 1, mine: 'unsatisfied' });
    const reopen = after.problem!.timeline.at(-1)!;
    expect(reopen).toMatchObject({ action: 'reopen', byRaiser: true, note: '提出人评价不满意：电话还是打不通' });

    const { db } = database();
    const event = await db
      .selectFrom('problem_events')
      .selectAll()
      .where('problem_id', '=', problemId)
      .where('action', '=', 'reopen')
      .executeTakeFirstOrThrow();
    expect(event).toMatchObject({
      actor_kind: 'raiser',
      actor_user_id: null,
      from_state: 'claimed',
      to_state: 'in_progress',
    });

    const twice = await rate(code, 'unsatisfied');
    expect(twice.status).toBe(409);
    expect((await twice.json()).error.code).toBe('fix_already_rated');

    await claim(problemId);
    expect((await view(code)).rating).toEqual({ ratable: true, round: 2, mine: null });
    expect((await rate(code, 'satisfied')).status).toBe(200);
  });

  it('sends the code by SMS after the batch, asks the raiser to rate once the loop closes, then deletes the phone', async () => {
    const { db } = database();
    const sent: SmsMessage[] = [];
    const sms: SmsGateway = {
      name: 'fake',
      send: (message) => {
        sent.push(message);
        return Promise.resolve({ sent: true });
      },
    };
    const config = {
      ...campaign.deps.config,
      SMS_FOLLOWUP_TEMPLATE_ID: '2000001',
      SMS_FOLLOWUP_TEMPLATE_PARAMS: ['code', 'url'] as ('code' | 'url')[],
      PUBLIC_URL: 'https://pingyi.example.gov.cn',
    };
    const deps = { ...campaign.deps, sms, config };
    const receipts = [
      await report(unitA, '停车场收费不公示', '13900000002'),
      await report(unitA, '窗口午休提前关门'),
      await report(unitA, '网上预约名额太少'),
    ];
    await campaign.deps.mixer.flush();
    // Without a gateway nothing goes, and nothing pretends it went.
    expect(await runFollowupRound(campaign.deps, new Date())).toMatchObject({
      codes: { sent: 0 },
      closings: { sent: 0 },
    });

    const round = await runFollowupRound(deps, new Date());
    expect(round.codes).toEqual({ sent: 1, failed: 0 });
    const code = receipts[0]!.followup!.code;
    expect(sent).toEqual([
      { phone: '+8613900000002', templateId: '2000001', params: [code, `https://pingyi.example.gov.cn/f/${code}`] },
    ]);
    // Once only.
    expect((await runFollowupRound(deps, new Date())).codes.sent).toBe(0);

    const problemId = await accepted('停车场收费不公示');
    await claim(problemId);
    expect((await runFollowupRound(deps, new Date())).closings.sent).toBe(0);
    await moveProblem(db, problemId, { action: 'close' }, office, new Date());
    const closing = await runFollowupRound(deps, new Date());
    expect(closing.closings).toEqual({ sent: 1, failed: 0 });
    expect(sent).toHaveLength(2);
    expect(sent[1]!.params[1]).toBe(`https://pingyi.example.gov.cn/f/${code}`);
    const row = await db
      .selectFrom('problem_followups')
      .selectAll()
      .where('code_hash', '=', followupCodeHash(code.replace(/-/g, '')))
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ phone: null, code_sealed: null, sms_waiting: null });
    expect((await reportIdOf('停车场收费不公示')).contact).toBeNull();
    // The code still works: the raiser rates the closed fix.
    expect((await rate(code, 'satisfied')).status).toBe(200);
  });

  it('deletes a phone 30 days after its loop closed when no message could close it', async () => {
    const { db } = database();
    const receipts = [
      await report(unitA, '证明材料要求重复提交', '13700000003'),
      await report(unitA, '大厅空调不开'),
      await report(unitA, '排队时间过长'),
    ];
    await campaign.deps.mixer.flush();
    const row = await reportIdOf('证明材料要求重复提交');
    const answeredAt = new Date();
    await db
      .updateTable('problem_reports')
      .set({ status: 'explained', answer: '已说明', answered_at: answeredAt.toISOString() })
      .where('id', '=', row.id)
      .execute();
    const hash = followupCodeHash(receipts[0]!.followup!.code.replace(/-/g, ''));
    const phoneOf = async () =>
      (await db.selectFrom('problem_followups').select('phone').where('code_hash', '=', hash).executeTakeFirstOrThrow())
        .phone;
    expect((await runFollowupRound(campaign.deps, new Date(answeredAt.getTime() + 29 * 86_400_000))).expired).toBe(0);
    expect(await phoneOf()).toBe('+8613700000003');
    expect((await runFollowupRound(campaign.deps, new Date(answeredAt.getTime() + 31 * 86_400_000))).expired).toBe(1);
    expect(await phoneOf()).toBeNull();
    expect((await reportIdOf('证明材料要求重复提交')).contact).toBeNull();
  });

  it('gives a raiser known by name a code whose page says the rating is not anonymous; only the office and the unit', async () => {
    const { db } = database();
    const problem = await createProblem(
      db,
      { unit_id: unitA, title: '12345工单：路灯不亮', detail: '市民来电反映', source: 'hotline', visibility: 'public' },
      office,
      new Date(),
      'filed',
    );
    const created = await campaign.admin.post(`/api/problems/${problem.id}/followups`, { phone: '13600000004' });
    expect(created.status, await created.clone().text()).toBe(201);
    const made = (await created.json()) as { sent: boolean; smsAvailable: boolean; code: string; url: string | null };
    expect(made).toMatchObject({ sent: false, smsAvailable: false });
    expect(made.code).toMatch(CODE);
    const seen = await view(made.code);
    expect(seen).toMatchObject({ anonymous: false, stage: 'problem', problem: { state: 'filed' } });
    // Without a gateway the phone is not kept: nothing could use it.
    const row = await db
      .selectFrom('problem_followups')
      .selectAll()
      .where('code_hash', '=', followupCodeHash(made.code.replace(/-/g, '')))
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ anonymous: 0, phone: null, problem_id: problem.id, report_id: null });

    await claim(problem.id);
    expect((await rate(made.code, 'satisfied')).status).toBe(200);
    const rating = await db
      .selectFrom('fix_ratings')
      .selectAll()
      .where('problem_id', '=', problem.id)
      .executeTakeFirstOrThrow();
    expect(rating.anonymous).toBe(0);

    const bad = await campaign.admin.post(`/api/problems/${problem.id}/followups`, { phone: '12345' });
    expect(bad.status).toBe(422);
    expect((await bad.json()).error.code).toBe('invalid_phone');
    expect((await campaign.admin.post('/api/problems/999999/followups', { phone: '13600000004' })).status).toBe(404);

    const userOf = async (role: 'unit_staff' | 'leader', unitId: number | null) => {
      const username = `${role}-${randomUUID().slice(0, 6)}`;
      const response = await campaign.admin.post('/api/users', {
        username,
        displayName: username,
        role,
        ...(unitId !== null ? { unitId } : {}),
      });
      const { oneTimePassword } = (await response.json()) as { oneTimePassword: string };
      const cookie = await signIn(campaign.app, username, oneTimePassword);
      return (path: string, body: unknown) =>
        campaign.app.request(path, {
          method: 'POST',
          headers: { cookie, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
    };
    const own = await userOf('unit_staff', unitA);
    expect((await own(`/api/problems/${problem.id}/followups`, { phone: '13600000005' })).status).toBe(201);
    const other = await userOf('unit_staff', campaign.unitIds[1]!);
    const hidden = await other(`/api/problems/${problem.id}/followups`, { phone: '13600000005' });
    expect(hidden.status).toBe(404);
    const leader = await userOf('leader', null);
    expect((await leader(`/api/problems/${problem.id}/followups`, { phone: '13600000005' })).status).toBe(403);
    expect((await post(`/api/problems/${problem.id}/followups`, { phone: '13600000005' })).status).toBe(401);
  });

  it('refuses a network that tried too many wrong codes in the hour, even with a right one', async () => {
    const { code } = first.followup!;
    // Earlier tests spent some of this network's wrong codes already; at most 30 are allowed in the hour.
    let tries = 0;
    for (; tries <= 30; tries++) {
      const response = await campaign.app.request(`/api/followups/AAAA-BBBB-${String(tries).padStart(4, 'Z')}`);
      if (response.status === 429) break;
      expect(response.status).toBe(404);
    }
    expect(tries).toBeLessThanOrEqual(30);
    const refused = await campaign.app.request(`/api/followups/${code}`);
    expect(refused.status).toBe(429);
    expect((await refused.json()).error.code).toBe('too_many_requests');
  });
});
