import { beforeAll, expect, it } from 'vitest';
import { problemNumber } from '../../server/hotline/problem-number.ts';
import { createTestApp } from '../support/test-app.ts';
import { describeEachDialect } from '../support/test-db.ts';
import { hotlineWorld, insertVisit, type HotlineWorld } from './hotline-fixture.ts';

// The 12345 post-back over real HTTP on both dialects: integrations made by the office with a secret shown
// once; the platform posts statuses with `Authorization: Bearer <secret>`; wrong, disabled and rotated
// secrets are refused; a batch applies item by item; a repeat changes nothing; the team sees the history.

interface Issued {
  integration: { id: number; name: string; disabledAt: string | null; lastUsedAt: string | null };
  secret: string;
}

describeEachDialect('the 12345 post-back', (database) => {
  let app: ReturnType<typeof createTestApp>['app'];
  let w: HotlineWorld;
  let visitId: number;
  let issued: Issued;

  const post = (secret: string | null, body: unknown) =>
    app.request('/api/integrations/hotline/updates', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(secret === null ? {} : { authorization: `Bearer ${secret}` }),
      },
      body: JSON.stringify(body),
    });
  const problemRow = (seq: number) =>
    database()
      .db.selectFrom('visit_problems')
      .selectAll()
      .where('visit_id', '=', visitId)
      .where('seq', '=', seq)
      .executeTakeFirstOrThrow();
  const update = (seq: number, extra: Record<string, unknown> = {}) => ({
    problemNumber: problemNumber(visitId, seq),
    ticket: `T-${visitId}-${seq}`,
    status: 'accepted',
    ...extra,
  });

  beforeAll(async () => {
    app = createTestApp(database()).app;
    w = await hotlineWorld(app, database().db);
    visitId = await insertVisit(database().db, w, { on: '2026-11-20', target: 'enterprise' }, [
      { description: '厂区门口道路破损', outcome: 'hotline', feedbackDueOn: '2026-12-04' },
      { description: '用工招聘难', outcome: 'hotline', feedbackDueOn: '2026-12-04' },
      { description: '停车位不足', outcome: 'solved' },
    ]);
    const created = await w.admin.post('/api/integrations', { name: `12345平台-${visitId}` });
    expect(created.status).toBe(201);
    issued = (await created.json()) as Issued;
  });

  it('shows a secret once, lists integrations without it, and audits without it', async () => {
    expect(issued.secret).toMatch(/^pyi_[A-Za-z0-9_-]{43}$/);
    const listed = await w.admin.get('/api/integrations');
    expect(listed.status).toBe(200);
    const text = await listed.text();
    expect(text).toContain(issued.integration.name);
    expect(text).not.toContain(issued.secret);
    expect(text).not.toContain('secret');
    const audit = await database()
      .db.selectFrom('audit_log')
      .select(['action', 'detail'])
      .where('entity_type', '=', 'integration')
      .execute();
    expect(audit.map((a) => a.action)).toContain('integration_created');
    expect(JSON.stringify(audit)).not.toContain(issued.secret.slice(4));
    const stored = await database()
      .db.selectFrom('integrations')
      .select('secret_hash')
      .where('id', '=', issued.integration.id)
      .executeTakeFirstOrThrow();
    expect(stored.secret_hash).toMatch(/^[0-9a-f]{64}$/);
    const again = await w.admin.post('/api/integrations', { name: issued.integration.name });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe('integration_name_taken');
  });

  it('applies a posted status: the problem shows the ticket, status and reply, and the team sees the history', async () => {
    const answer = await post(
      issued.secret,
      update(1, { status: 'in_progress', reply: '已派住建局办理', repliedAt: '2026-11-21T10:00:00+08:00' }),
    );
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({
      applied: 1,
      unchanged: 0,
      rejected: 0,
      results: [{ problemNumber: problemNumber(visitId, 1), result: 'applied' }],
    });
    const row = await problemRow(1);
    expect(row).toMatchObject({
      hotline_ticket: `T-${visitId}-1`,
      hotline_status: 'in_progress',
      hotline_reply: '已派住建局办理',
    });
    expect(row.hotline_updated_at).not.toBeNull();
    const integration = await database()
      .db.selectFrom('integrations')
      .select('last_used_at')
      .where('id', '=', issued.integration.id)
      .executeTakeFirstOrThrow();
    expect(integration.last_used_at).not.toBeNull();

    const view = await w.member.get(`/api/visit-problems/${row.id}/hotline`);
    expect(view.status).toBe(200);
    expect(await view.json()).toMatchObject({
      problemNumber: problemNumber(visitId, 1),
      ticket: `T-${visitId}-1`,
      status: 'in_progress',
      reply: '已派住建局办理',
      feedbackDueOn: '2026-12-04',
      updates: [
        {
          ticket: `T-${visitId}-1`,
          status: 'in_progress',
          reply: '已派住建局办理',
          repliedAt: '2026-11-21T02:00:00.000Z',
          integration: issued.integration.name,
        },
      ],
    });
  });

  it('changes nothing when the same update comes twice', async () => {
    const body = update(1, { status: 'in_progress', reply: '已派住建局办理', repliedAt: '2026-11-21T10:00:00+08:00' });
    const before = await problemRow(1);
    const answer = await post(issued.secret, { updates: [body, body] });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ applied: 0, unchanged: 2, rejected: 0 });
    expect(await problemRow(1)).toEqual(before);
    const history = await database()
      .db.selectFrom('hotline_updates')
      .select('id')
      .where('visit_problem_id', '=', before.id)
      .execute();
    expect(history).toHaveLength(1);
  });

  it('applies a batch item by item: an unknown number and a problem not handed off are refused in their own results', async () => {
    const answer = await post(issued.secret, {
      updates: [
        update(2, { status: 'accepted' }),
        { ...update(2), problemNumber: 'ZF-999999-1' },
        { ...update(2), problemNumber: 'not-a-number' },
        update(3),
        update(1, { status: 'done', reply: '道路已修复' }),
      ],
    });
    expect(answer.status).toBe(200);
    const body = (await answer.json()) as {
      applied: number;
      rejected: number;
      results: Array<{ result: string; error?: { code: string } }>;
    };
    expect(body.applied).toBe(2);
    expect(body.rejected).toBe(3);
    expect(body.results.map((r) => [r.result, r.error?.code ?? null])).toEqual([
      ['applied', null],
      ['rejected', 'hotline_problem_unknown'],
      ['rejected', 'hotline_problem_unknown'],
      ['rejected', 'hotline_problem_not_handed_off'],
      ['applied', null],
    ]);
    expect(await problemRow(2)).toMatchObject({ hotline_status: 'accepted', hotline_ticket: `T-${visitId}-2` });
    expect(await problemRow(1)).toMatchObject({ hotline_status: 'done', hotline_reply: '道路已修复' });
    expect(await problemRow(3)).toMatchObject({ hotline_status: null, hotline_ticket: null });
  });

  it('refuses a batch over 200 and a status outside the enum', async () => {
    const many = Array.from({ length: 201 }, () => update(2));
    expect((await post(issued.secret, { updates: many })).status).toBe(400);
    expect((await post(issued.secret, update(2, { status: '已办结' }))).status).toBe(400);
  });

  it('refuses no secret, a wrong one, a rotated one and a disabled one with 401', async () => {
    const code = async (response: Response) => [
      response.status,
      ((await response.json()) as { error: { code: string } }).error.code,
    ];
    expect(await code(await post(null, update(2)))).toEqual([401, 'integration_secret_invalid']);
    expect(await code(await post(`pyi_${'A'.repeat(43)}`, update(2)))).toEqual([401, 'integration_secret_invalid']);
    expect(await code(await post('garbage', update(2)))).toEqual([401, 'integration_secret_invalid']);

    const rotated = await w.admin.post(`/api/integrations/${issued.integration.id}/rotate`);
    expect(rotated.status).toBe(200);
    const fresh = (await rotated.json()) as Issued;
    expect(fresh.secret).not.toBe(issued.secret);
    expect(await code(await post(issued.secret, update(2)))).toEqual([401, 'integration_secret_invalid']);
    expect((await post(fresh.secret, update(2, { status: 'in_progress' }))).status).toBe(200);

    const disabled = await w.admin.post(`/api/integrations/${issued.integration.id}/disable`);
    expect(disabled.status).toBe(200);
    expect(((await disabled.json()) as Issued['integration']).disabledAt).not.toBeNull();
    expect(await code(await post(fresh.secret, update(2)))).toEqual([401, 'integration_secret_invalid']);
    const actions = await database()
      .db.selectFrom('audit_log')
      .select('detail')
      .where('entity_type', '=', 'integration')
      .execute();
    expect(JSON.stringify(actions)).not.toContain(fresh.secret.slice(4));
  });

  it('declares the post-back with the Bearer scheme in the OpenAPI document', async () => {
    const doc = (await (await app.request('/api/openapi.json')).json()) as {
      paths: Record<string, Record<string, { security?: unknown }>>;
      components: { securitySchemes: Record<string, unknown> };
    };
    expect(doc.components.securitySchemes['integrationBearer']).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.components.securitySchemes['session']).toBeDefined();
    expect(doc.paths['/api/integrations/hotline/updates']?.['post']?.security).toEqual([{ integrationBearer: [] }]);
  });

  it('shows the hand-off to the office, leaders and the team only', async () => {
    const row = await problemRow(2);
    const path = `/api/visit-problems/${row.id}/hotline`;
    expect((await w.admin.get(path)).status).toBe(200);
    expect((await w.leader.get(path)).status).toBe(200);
    expect((await w.member.get(path)).status).toBe(200);
    expect((await w.staffB.get(path)).status).toBe(404);
    expect((await w.anonymous.get(path)).status).toBe(401);
    const solved = await problemRow(3);
    expect((await w.admin.get(`/api/visit-problems/${solved.id}/hotline`)).status).toBe(404);
  });

  it('limits wrong secrets per network: past 30 in the hour, even a right one waits', async () => {
    const created = await w.admin.post('/api/integrations', { name: `限流-${visitId}` });
    const good = (await created.json()) as Issued;
    // Earlier tests of this suite already spent a few of the network's 30.
    const statuses: number[] = [];
    for (let i = 0; i < 30; i += 1) statuses.push((await post(`pyi_${'B'.repeat(43)}`, update(2))).status);
    expect(statuses[0]).toBe(401);
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.filter((s) => s === 401).length).toBeLessThan(30);
    expect((await post(good.secret, update(2))).status).toBe(429);
  });
});
