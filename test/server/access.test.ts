import { randomUUID } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import { createLogger } from '../../server/logger.ts';
import { scrubAccessTraces } from '../../server/access/access-scrub.ts';
import { seedDemoIfEmpty } from '../../server/seed/demo.ts';
import { signInAsAdmin } from '../support/sign-in.ts';
import { createTestApp, TEST_SECRET } from '../support/test-app.ts';
import { blindedRequest, exchange, tokenForCode } from '../support/code-token.ts';
import { describeEachDialect } from '../support/test-db.ts';
import { mixInbox } from '../../server/ballots/ballot-mixer.ts';

type App = ReturnType<typeof createTestApp>['app'];

/** Answers a unit-matrix questionnaire: every row it offers gets the same grade on every item. */
function matrixAnswers(definition: { pages: Array<{ elements: Array<Record<string, unknown>> }> }, grade = 'A') {
  const matrix = definition.pages[0]!.elements.find((e) => e.type === 'matrixdropdown') as {
    rows: Array<{ value: number }>;
    columns: Array<{ name: string }>;
  };
  const rows: Record<string, Record<string, string>> = {};
  for (const row of matrix.rows)
    rows[String(row.value)] = Object.fromEntries(matrix.columns.map((c) => [c.name, grade]));
  return { units: rows };
}

describeEachDialect('rater access', (database) => {
  const logLines: string[] = [];
  let app: App;
  let admin: Awaited<ReturnType<typeof signInAsAdmin>>;
  let campaignId: number;
  let unitIds: number[];
  let deps: ReturnType<typeof createTestApp>['deps'];

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    app.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  const openByCode = async (code: string) => post('/api/respond/code', { code });
  const issue = async (body: Record<string, unknown>) => {
    const response = await admin.post(`/api/campaigns/${campaignId}/code-batches`, body);
    expect(response.status).toBe(201);
    return (await response.json()) as { batchId: number; codes: string[] };
  };
  /** A ballot with a code, as the page sends it: the code exchanged for a token first. */
  const submitWithCode = async (
    code: string,
    answers?: Record<string, unknown>,
    extra: Record<string, unknown> = {},
  ) => {
    const { session, token } = await tokenForCode(app, code);
    return post('/api/ballots', {
      campaignId,
      questionnaireId: session.questionnaire.id,
      submissionId: randomUUID(),
      token,
      answers: answers ?? matrixAnswers(session.questionnaire.definition as never),
      fillSeconds: 300,
      ...extra,
    });
  };
  const count = async (
    table: 'ballots' | 'access_codes' | 'receipts' | 'spent_tokens' | 'ballot_inbox',
    where?: { spent: number },
  ) => {
    let query = database()
      .db.selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'));
    if (where && table === 'access_codes') query = query.where('spent', '=', where.spent as 0 | 1);
    return Number((await query.executeTakeFirstOrThrow()).n);
  };

  beforeAll(async () => {
    const { db } = database();
    await seedDemoIfEmpty(db, new Date(), TEST_SECRET);
    ({ app, deps } = createTestApp(database(), { logger: createLogger('debug', (line) => logLines.push(line)) }));
    admin = await signInAsAdmin(app, db);
    const campaign = await db.selectFrom('campaigns').select('id').executeTakeFirstOrThrow();
    campaignId = campaign.id;
    unitIds = (
      await db
        .selectFrom('campaign_units')
        .select('unit_id')
        .where('campaign_id', '=', campaignId)
        .orderBy('unit_id')
        .execute()
    ).map((r) => r.unit_id);
  });

  it('issues readable one-time codes, shown once and stored only as keyed hashes', async () => {
    const batch = await issue({ raterType: 'superior', count: 5, label: '市领导第二批' });
    expect(batch.codes).toHaveLength(5);
    for (const code of batch.codes) expect(code).toMatch(/^[A-HJ-KM-NP-Z2-9]{4}-[A-HJ-KM-NP-Z2-9]{4}$/);
    const stored = await database()
      .db.selectFrom('access_codes')
      .select('code_hash')
      .where('batch_id', '=', batch.batchId)
      .execute();
    expect(stored).toHaveLength(5);
    for (const { code_hash: hash } of stored)
      for (const code of batch.codes) expect(hash).not.toContain(code.replace('-', ''));
    const list = await (await admin.get(`/api/campaigns/${campaignId}/code-batches`)).json();
    expect(list.batches.find((b: { id: number }) => b.id === batch.batchId)).toMatchObject({
      size: 5,
      spent: 0,
      voided: 0,
      label: '市领导第二批',
    });
    const csv = await admin.post(`/api/campaigns/${campaignId}/code-batches?format=csv`, {
      raterType: 'superior',
      count: 2,
    });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect((await csv.text()).split('\r\n').filter(Boolean)).toHaveLength(3);
  });

  it('lets a leader rate every unit once with a code, then refuses the spent code and the spent token', async () => {
    const [code] = (await issue({ raterType: 'superior', count: 1 })).codes;
    const opened = await (await openByCode(code!.toLowerCase().replace('-', ' '))).json();
    expect(opened.raterType).toBe('superior');
    expect(opened.token).toMatchObject({ keyClass: 'superior', exchanged: false });
    expect(matrixAnswers(opened.questionnaire.definition).units).toHaveProperty(String(unitIds[0]));
    expect(Object.keys(matrixAnswers(opened.questionnaire.definition).units)).toHaveLength(unitIds.length);
    const { session, token } = await tokenForCode(app, code!);
    const ballot = (submissionId: string) =>
      post('/api/ballots', {
        campaignId,
        questionnaireId: session.questionnaire.id,
        submissionId,
        token,
        answers: matrixAnswers(session.questionnaire.definition as never),
        fillSeconds: 300,
      });
    expect((await ballot(randomUUID())).status).toBe(201);
    // The code opens again (the page holding the token may not have voted yet), but says it was exchanged.
    const again = await (await openByCode(code!)).json();
    expect(again.token.exchanged).toBe(true);
    const second = await exchange(app, code!, (await blindedRequest(again.token.publicKey)).blindedMessage);
    expect(second.status).toBe(409);
    expect((await second.json()).error.code).toBe('code_spent');
    const reused = await ballot(randomUUID());
    expect(reused.status).toBe(409);
    expect((await reused.json()).error.code).toBe('code_spent');
    const forged = await post('/api/ballots', {
      campaignId,
      questionnaireId: session.questionnaire.id,
      submissionId: randomUUID(),
      token: { ...token, message: token.message.replace(/^./, token.message[0] === 'A' ? 'B' : 'A') },
      answers: matrixAnswers(session.questionnaire.definition as never),
      fillSeconds: 300,
    });
    expect(forged.status).toBe(403);
    expect((await forged.json()).error.code).toBe('token_invalid');
  });

  it('gives one token per code when the exchange is fired many times at once, and the same signature to a retry', async () => {
    const [code] = (await issue({ raterType: 'superior', count: 1 })).codes;
    const opened = await (await openByCode(code!)).json();
    const requests = await Promise.all(Array.from({ length: 12 }, () => blindedRequest(opened.token.publicKey)));
    const responses = await Promise.all(requests.map((r) => exchange(app, code!, r.blindedMessage)));
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(11);
    const winner = requests[statuses.indexOf(200)]!;
    const first = await responses[statuses.indexOf(200)]!.json();
    const retried = await (await exchange(app, code!, winner.blindedMessage)).json();
    expect(retried).toEqual({ ...first, replayed: true });
  });

  it('lands exactly one ballot when one token is fired from many requests at once', async () => {
    const [code] = (await issue({ raterType: 'superior', count: 1 })).codes;
    const { session, token } = await tokenForCode(app, code!);
    const answers = matrixAnswers(session.questionnaire.definition as never, 'B');
    const before = await count('receipts');
    const responses = await Promise.all(
      Array.from({ length: 12 }, () =>
        post('/api/ballots', {
          campaignId,
          questionnaireId: session.questionnaire.id,
          submissionId: randomUUID(),
          token,
          answers,
          fillSeconds: 200,
        }),
      ),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(11);
    expect(await count('receipts')).toBe(before + 1);
  });

  it('returns the same receipt for a retry of an accepted ballot and stores it once', async () => {
    const [code] = (await issue({ raterType: 'superior', count: 1 })).codes;
    const { session, token } = await tokenForCode(app, code!);
    const body = {
      campaignId,
      questionnaireId: session.questionnaire.id,
      submissionId: randomUUID(),
      token,
      answers: matrixAnswers(session.questionnaire.definition as never),
      fillSeconds: 100,
    };
    const before = await count('receipts');
    const first = await post('/api/ballots', body);
    const retries = await Promise.all([
      post('/api/ballots', body),
      post('/api/ballots', body),
      post('/api/ballots', body),
    ]);
    const receipt = (await first.json()).receipt;
    for (const retry of retries) expect(await retry.json()).toEqual({ receipt, replayed: true });
    expect(await count('receipts')).toBe(before + 1);
  });

  it('never offers a peer unit its own unit, and refuses a ballot that rates it', async () => {
    const own = unitIds[3]!;
    const [code] = (await issue({ raterType: 'peer', raterUnitId: own, count: 1 })).codes;
    const opened = await (await openByCode(code!)).json();
    const offered = Object.keys(matrixAnswers(opened.questionnaire.definition).units).map(Number);
    expect(offered).not.toContain(own);
    expect(offered).toHaveLength(unitIds.length - 1);
    const selfRating = matrixAnswers(opened.questionnaire.definition);
    (selfRating.units as Record<string, unknown>)[String(own)] = { cooperation: 'D', bigPicture: 'D' };
    const { session, token } = await tokenForCode(app, code!);
    const ballot = (answers: Record<string, unknown>) =>
      post('/api/ballots', {
        campaignId,
        questionnaireId: session.questionnaire.id,
        submissionId: randomUUID(),
        token,
        answers,
        fillSeconds: 300,
      });
    expect(token.keyClass).toBe(`peer:${own}`);
    const refused = await ballot(selfRating);
    expect(refused.status).toBe(422);
    // A refused ballot spends nothing: the same token carries the corrected ballot.
    expect((await ballot(matrixAnswers(opened.questionnaire.definition))).status).toBe(201);
  });

  it('refuses codes and submissions outside the campaign window', async () => {
    const [code] = (await issue({ raterType: 'superior', count: 1 })).codes;
    const { session: opened, token } = await tokenForCode(app, code!);
    const { db } = database();
    const { ends_at: endsAt } = await db
      .selectFrom('campaigns')
      .select('ends_at')
      .where('id', '=', campaignId)
      .executeTakeFirstOrThrow();
    try {
      await db
        .updateTable('campaigns')
        .set({ ends_at: new Date(Date.now() - 1000).toISOString() })
        .where('id', '=', campaignId)
        .execute();
      const late = await post('/api/ballots', {
        campaignId,
        questionnaireId: opened.questionnaire.id,
        submissionId: randomUUID(),
        token,
        answers: matrixAnswers(opened.questionnaire.definition as never),
        fillSeconds: 100,
      });
      expect(late.status).toBe(410);
      expect((await late.json()).error.message).toContain('closed');
      expect((await openByCode(code!)).status).toBe(410);
    } finally {
      await db.updateTable('campaigns').set({ ends_at: endsAt }).where('id', '=', campaignId).execute();
    }
    expect((await openByCode(code!)).status).toBe(200);
  });

  it('limits open rating per device, but not another device', async () => {
    const opened = await (await app.request('/api/respond/open/demo-2026/D05')).json();
    const device = randomUUID();
    const ballot = (deviceId: string) =>
      post('/api/ballots', {
        campaignId,
        unitId: opened.unit.id,
        questionnaireId: opened.questionnaire.id,
        submissionId: randomUUID(),
        answers: { attitude: 4, efficiency: 4, serviceRules: 'some', overall: 4 },
        deviceId,
        fillSeconds: 30,
      });
    expect((await ballot(device)).status).toBe(201);
    expect((await ballot(device)).status).toBe(201);
    const third = await ballot(device);
    expect(third.status).toBe(429);
    expect((await third.json()).error.code).toBe('rating_limit_reached');
    expect((await ballot(randomUUID())).status).toBe(201);
  });

  it('refuses wrong codes and then the address that keeps guessing', async () => {
    const guess = (code: string) => post('/api/respond/code', { code }, { 'x-forwarded-for': '203.0.113.9' });
    const first = await guess('ZZZZ-ZZZZ');
    expect(first.status).toBe(404);
    expect((await first.json()).error.code).toBe('code_not_found');
    expect((await guess('not a code at all')).status).toBe(404);
  });

  it('flags an implausibly fast recipient ballot for review; excluding it is audited and stops it counting', async () => {
    const [code] = (await issue({ raterType: 'recipient', targetUnitId: unitIds[2], count: 1 })).codes;
    const answers = { attitude: 1, efficiency: 1, serviceRules: 'none', overall: 1 };
    const fast = await submitWithCode(code!, answers, { fillSeconds: 1 });
    expect(fast.status).toBe(201);
    const flagged = await (await admin.get(`/api/campaigns/${campaignId}/flagged-ballots`)).json();
    const ballot = flagged.ballots.find((b: { flags: string[] }) => b.flags.includes('too_fast'));
    expect(ballot).toMatchObject({ raterType: 'recipient', targetUnitId: unitIds[2] });
    const counted = async () =>
      Number(
        (
          await database()
            .db.selectFrom('ratings')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('counted', '=', 1)
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await counted();
    const reviewed = await admin.post(`/api/ballots/${ballot.id}/review`, {
      decision: 'excluded',
      note: '填写时间1秒',
    });
    expect(reviewed.status).toBe(200);
    expect(before - (await counted())).toBe(4);
    const audit = await database()
      .db.selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'review_ballot')
      .execute();
    expect(audit.some((a) => a.entity_id === ballot.id)).toBe(true);
  });

  it("counts the flags of leaders' ballots per rater type, and lists none of them one by one", async () => {
    for (let i = 0; i < 3; i += 1) {
      const [code] = (await issue({ raterType: 'superior', count: 1 })).codes;
      expect((await submitWithCode(code!, undefined, { fillSeconds: 1 })).status).toBe(201);
    }
    // Whatever the mixer has not yet written (fewer than a batch) is written as at close.
    await deps.mixer.flush();
    await mixInbox(deps, database().db, campaignId, true);
    const flagged = await (await admin.get(`/api/campaigns/${campaignId}/flagged-ballots`)).json();
    expect(flagged.ballots.every((b: { raterType: string }) => b.raterType === 'recipient')).toBe(true);
    const participation = await (await admin.get(`/api/campaigns/${campaignId}/participation`)).json();
    const superior = participation.raterTypes.find((r: { raterType: string }) => r.raterType === 'superior');
    expect(superior.flags).toEqual(
      expect.arrayContaining([
        { flag: 'too_fast', ballots: expect.any(Number) },
        { flag: 'identical_pattern', ballots: expect.any(Number) },
      ]),
    );
    expect(superior.flags.find((f: { flag: string }) => f.flag === 'too_fast').ballots).toBeGreaterThanOrEqual(3);
  });

  it('shows participation per rater type, recipients per unit, codes per batch, and nothing about who voted how', async () => {
    const response = await admin.get(`/api/campaigns/${campaignId}/participation`);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.units).toHaveLength(unitIds.length);
    expect(Object.keys(body.units[0]).sort()).toEqual([
      'code',
      'name',
      'recipientBallots',
      'recipientFlagged',
      'unitId',
    ]);
    expect(body.raterTypes.map((r: { raterType: string }) => r.raterType)).toEqual(['superior', 'peer', 'recipient']);
    expect(body.batches.some((b: { spent: number }) => b.spent > 0)).toBe(true);
    expect(JSON.stringify(body)).not.toMatch(/receipt|submission|code_hash/);
    expect((await app.request(`/api/campaigns/${campaignId}/participation`)).status).toBe(401);
  });

  it('writes no log line and no ballot column that could join a ballot to its code or its token', async () => {
    const [code] = (await issue({ raterType: 'recipient', targetUnitId: unitIds[1], count: 1 })).codes;
    logLines.length = 0;
    const { session, token } = await tokenForCode(app, code!);
    const response = await post('/api/ballots', {
      campaignId,
      questionnaireId: session.questionnaire.id,
      submissionId: randomUUID(),
      token,
      answers: { attitude: 4, efficiency: 5, serviceRules: 'all', overall: 5 },
      fillSeconds: 40,
    });
    const { receipt } = await response.json();
    const ballot = await database()
      .db.selectFrom('ballots')
      .selectAll()
      .where('receipt', '=', receipt)
      .executeTakeFirstOrThrow();
    const plain = code!.replace('-', '');
    const codeRows = await database().db.selectFrom('access_codes').selectAll().execute();
    const ballotText = JSON.stringify(ballot);
    expect(ballotText).not.toContain(plain);
    for (const row of codeRows) {
      expect(ballotText).not.toContain(row.code_hash);
      if (row.blinded_hash) expect(ballotText).not.toContain(row.blinded_hash);
    }
    expect(ballotText).not.toContain(token.message);
    const logs = logLines.join('\n');
    for (const secret of [plain, code!, ballot.id, receipt, token.message, token.signature]) {
      expect(logs).not.toContain(secret);
    }
  });

  it('sends SMS codes bound to one unit without storing the phone numbers', async () => {
    const sent: Array<{ phone: string; text: string }> = [];
    const smsApp = createTestApp(database(), {
      sms: { name: 'test', send: async (phone, text) => void sent.push({ phone, text }) },
    }).app;
    const office = await signInAsAdmin(smsApp, database().db);
    const response = await office.post(`/api/campaigns/${campaignId}/sms-invitations`, {
      unitId: unitIds[0],
      phones: ['13800138000', '13900139000'],
    });
    expect(response.status).toBe(200);
    expect(sent.map((s) => s.phone)).toEqual(['13800138000', '13900139000']);
    const code = /([A-HJ-KM-NP-Z2-9]{4}-[A-HJ-KM-NP-Z2-9]{4})/.exec(sent[0]!.text)![1]!;
    const opened = await (await openByCode(code)).json();
    expect(opened).toMatchObject({ raterType: 'recipient', unit: { id: unitIds[0] } });
    const everything =
      JSON.stringify(await database().db.selectFrom('audit_log').selectAll().execute()) +
      JSON.stringify(await database().db.selectFrom('code_batches').selectAll().execute());
    expect(everything).not.toContain('13800138000');
  });

  it('serves QR codes and printable posters for each unit', async () => {
    const qr = await app.request(`/api/campaigns/${campaignId}/units/${unitIds[0]}/qr.svg`);
    expect(qr.status).toBe(200);
    expect(await qr.text()).toContain('<svg');
    const posters = await admin.get(`/api/campaigns/${campaignId}/posters`);
    const html = await posters.text();
    expect(html).toContain('市委办公室');
    expect(html.match(/class="poster"/g)).toHaveLength(unitIds.length);
    expect((await app.request(`/api/campaigns/${campaignId}/posters`)).status).toBe(401);
  });

  it('forgets device and address hashes, token keys and exchanged requests when the campaign closes', async () => {
    const { db, dialect } = database();
    expect(
      (await db.selectFrom('token_keys').selectAll().where('campaign_id', '=', campaignId).execute()).length,
    ).toBeGreaterThan(0);
    const spentBefore = await count('access_codes', { spent: 1 });
    await scrubAccessTraces(db, dialect, campaignId);
    expect(await db.selectFrom('token_keys').selectAll().where('campaign_id', '=', campaignId).execute()).toEqual([]);
    expect(
      await db.selectFrom('rate_counters').selectAll().where('scope', 'like', `campaign:${campaignId}:%`).execute(),
    ).toEqual([]);
    expect(
      await db
        .selectFrom('access_codes')
        .select('code_hash')
        .where('campaign_id', '=', campaignId)
        .where((eb) => eb.or([eb('blinded_hash', 'is not', null), eb('blind_signature', 'is not', null)]))
        .execute(),
    ).toEqual([]);
    expect(await count('access_codes', { spent: 1 })).toBe(spentBefore);
  });

  // Last: it blocks this suite's (shared, socket-less) address from looking up codes for an hour.
  it('blocks an address after 30 wrong codes, even for a valid one', async () => {
    const [valid] = (await issue({ raterType: 'superior', count: 1 })).codes;
    let last: Response | null = null;
    for (let i = 0; i < 31; i += 1) last = await openByCode(`ZZZZ-ZZ${'ABCDEFGHJKMNPQRSTUVWXYZ23456789'[i]}Z`);
    expect(last!.status).toBe(429);
    const blocked = await openByCode(valid!);
    expect(blocked.status).toBe(429);
    expect((await blocked.json()).error.code).toBe('too_many_code_attempts');
  });
});
