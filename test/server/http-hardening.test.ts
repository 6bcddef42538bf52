import { tempEvidenceStore } from '../support/test-evidence.ts';
import { Agent, request, type IncomingHttpHeaders } from 'node:http';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { openRatingUrl, qrSvg } from '../../server/access/posters.ts';
import type { AppDeps } from '../../server/app-deps.ts';
import { loadConfig } from '../../server/config.ts';
import { createLogger } from '../../server/logger.ts';
import { seedDemoIfEmpty } from '../../server/seed/demo.ts';
import { serveOnLoopback } from '../support/http-server.ts';
import { signInAsAdmin } from '../support/sign-in.ts';
import { createTestApp, TEST_SECRET } from '../support/test-app.ts';
import { describeEachDialect } from '../support/test-db.ts';
import { withinOneWindow } from '../support/rate-window.ts';

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** One request over a real socket, with headers fetch() would not let us set (Host). */
function send(
  port: number,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer; agent?: Agent },
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: options.headers,
        agent: options.agent ?? false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const json = { 'content-type': 'application/json' };
const codeOf = (answer: Answer) => (JSON.parse(answer.body) as { error?: { code: string } }).error?.code;

describeEachDialect('over real HTTP: proxies, hosts, bodies, drafts and headers', (database) => {
  const servers: Array<{ close: () => Promise<void> }> = [];
  let campaignId: number;
  let unitId: number;
  let draftId: number;
  let adminCookie: string;

  /** The real app on a loopback port, with these settings. */
  const serve = async (env: Record<string, string> = {}, overrides: Partial<AppDeps> = {}) => {
    const { app } = createTestApp(database(), {
      config: loadConfig({ DATABASE_URL: database().url, ...env }),
      ...overrides,
    });
    const server = await serveOnLoopback(app);
    servers.push(server);
    return server;
  };
  const clearCounters = () => database().db.deleteFrom('rate_counters').execute();

  beforeAll(async () => {
    await seedDemoIfEmpty(database().db, new Date(), TEST_SECRET, tempEvidenceStore());
    const { app } = createTestApp(database());
    const opened = await (await app.request('/api/respond/open/demo-2026/D26')).json();
    campaignId = opened.campaign.id;
    unitId = opened.unit.id;
    const admin = await signInAsAdmin(app, database().db);
    adminCookie = admin.cookie;
    const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
    const draft = await admin.post('/api/campaigns', {
      slug: 'secret-draft-2027',
      name: '2027年度（草稿）',
      nameEn: '2027 draft',
      startsAt: inDays(10),
      endsAt: inDays(40),
    });
    draftId = (await draft.json()).id;
    expect((await admin.put(`/api/campaigns/${draftId}/units`, { unitIds: [unitId] })).status).toBe(200);
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
  });

  it('takes the client address the configured proxy saw, not what the client wrote into X-Forwarded-For', () =>
    withinOneWindow(3600, async () => {
      await clearCounters();
      const { port } = await serve({ TRUST_PROXY: '1' });
      const guess = (i: number, forwardedFor: string) =>
        send(port, {
          method: 'POST',
          path: '/api/respond/code',
          headers: { ...json, 'x-forwarded-for': forwardedFor },
          body: JSON.stringify({ code: `ZZZZ-${'ABCDEFGHJKMNPQRSTUVWXYZ23456789'[i % 31]}ZZZ` }),
        });
      // The client forges a new left-most address every time; the proxy appends the one it saw.
      for (let i = 0; i < 20; i += 1) expect((await guess(i, `10.9.${i}.1, 203.0.113.7`)).status).toBe(404);
      expect(codeOf(await guess(20, '198.51.100.99, 203.0.113.7'))).toBe('proof_of_work_required');
      // Another client behind the same proxy is not slowed down.
      expect((await guess(21, '203.0.113.8')).status).toBe(404);
    }));

  it('counts an IPv6 client by its /64, and ignores X-Forwarded-For when no proxy is trusted', () =>
    withinOneWindow(3600, async () => {
      await clearCounters();
      const { port } = await serve({ TRUST_PROXY: '127.0.0.1' });
      const guess = (i: number, forwardedFor: string) =>
        send(port, {
          method: 'POST',
          path: '/api/respond/code',
          headers: { ...json, 'x-forwarded-for': forwardedFor },
          body: JSON.stringify({ code: `YYYY-${'ABCDEFGHJKMNPQRSTUVWXYZ23456789'[i % 31]}YYY` }),
        });
      // One phone walking through addresses of its /64.
      for (let i = 0; i < 20; i += 1)
        expect((await guess(i, `2001:db8:7:8::${(i + 1).toString(16)}`)).status).toBe(404);
      expect(codeOf(await guess(20, '2001:db8:7:8:ffff:ffff:ffff:ffff'))).toBe('proof_of_work_required');
      expect((await guess(21, '2001:db8:7:9::1')).status).toBe(404);

      await clearCounters();
      const untrusting = await serve({ TRUST_PROXY: 'off' });
      for (let i = 0; i < 20; i += 1) {
        await send(untrusting.port, {
          method: 'POST',
          path: '/api/respond/code',
          headers: { ...json, 'x-forwarded-for': `192.0.2.${i}` },
          body: JSON.stringify({ code: `XXXX-${'ABCDEFGHJKMNPQRSTUVWXYZ23456789'[i]}XXX` }),
        });
      }
      const forged = await send(untrusting.port, {
        method: 'POST',
        path: '/api/respond/code',
        headers: { ...json, 'x-forwarded-for': '192.0.2.250' },
        body: JSON.stringify({ code: 'XXXX-XXXX' }),
      });
      expect(codeOf(forged)).toBe('proof_of_work_required');
    }));

  it('asks every network for proof of work once wrong codes pour in from many', () =>
    withinOneWindow(3600, async () => {
      await clearCounters();
      const { port } = await serve({ TRUST_PROXY: '1' });
      const guess = (forwardedFor: string) =>
        send(port, {
          method: 'POST',
          path: '/api/respond/code',
          headers: { ...json, 'x-forwarded-for': forwardedFor },
          body: JSON.stringify({ code: 'WWWW-WWWW' }),
        });
      expect((await guess('203.0.113.60')).status).toBe(404);
      // As if 2,000 wrong codes had come this hour from as many networks.
      await database()
        .db.updateTable('rate_counters')
        .set({ count: 2000 })
        .where('scope', '=', 'code-failures')
        .where('key_hash', '=', 'all')
        .execute();
      expect(codeOf(await guess('203.0.113.61'))).toBe('proof_of_work_required');
    }));

  it('counts sign-in failures by the real client address too', () =>
    withinOneWindow(900, async () => {
      await clearCounters();
      const { port } = await serve({ TRUST_PROXY: '1' });
      const attempt = (username: string, forwardedFor: string) =>
        send(port, {
          method: 'POST',
          path: '/api/auth/login',
          headers: { ...json, 'x-forwarded-for': forwardedFor },
          body: JSON.stringify({ username, password: 'wrong password' }),
        });
      // Spraying many accounts from one client: ten failures, then that client must work for each try.
      for (let i = 0; i < 10; i += 1)
        expect((await attempt(`user-${i}`, `10.0.0.${i}, 203.0.113.50`)).status).toBe(401);
      expect(codeOf(await attempt('user-10', '10.0.0.99, 203.0.113.50'))).toBe('proof_of_work_required');
      expect((await attempt('user-11', '203.0.113.51')).status).toBe(401);
    }));

  it('answers an oversized body 413 with Connection: close, and the client carries on without a reset', async () => {
    const { port } = await serve();
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      for (let round = 0; round < 5; round += 1) {
        const big = await send(port, {
          method: 'POST',
          path: '/api/ballots',
          headers: json,
          body: Buffer.alloc(1_500_000 + round * 300_000, 'a'),
          agent,
        });
        expect([big.status, codeOf(big), big.headers.connection]).toEqual([413, 'payload_too_large', 'close']);
        // The next request through the same keep-alive agent gets its answer.
        const next = await send(port, { path: '/api/health', agent });
        expect(next.status).toBe(200);
      }
    } finally {
      agent.destroy();
    }
  });

  it('reads the rest of a body it refused before answering, so the client neither meets a broken pipe nor a reset', async () => {
    const { port } = await serve();
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const body = JSON.stringify({ name: 'x'.repeat(900_000) });
      for (const [method, path] of [
        ['POST', '/api/campaigns'],
        ['PUT', `/api/campaigns/${campaignId}`],
        ['PATCH', `/api/campaigns/${campaignId}`],
        ['POST', '/api/no-such-route'],
      ] as const) {
        for (let round = 0; round < 5; round += 1) {
          const refused = await send(port, { method, path, headers: json, body, agent });
          expect([refused.status >= 400 && refused.status < 500, refused.headers.connection]).toEqual([
            true,
            'keep-alive',
          ]);
          expect((await send(port, { path: '/api/health', agent })).status).toBe(200);
        }
      }
    } finally {
      agent.destroy();
    }
  });

  it('gives up on a refused body that trickles in, and says Connection: close', async () => {
    const { port } = await serve();
    const answer = await new Promise<Answer>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/api/campaigns',
          headers: { ...json, 'content-length': '300000' },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: '' }));
        },
      );
      req.on('error', reject);
      req.write('{"name":"');
    });
    expect([answer.status, answer.headers.connection]).toEqual([401, 'close']);
  });

  it('refuses a Host that makes no URL with a 400 on every route, without an error in the log', async () => {
    const lines: string[] = [];
    const { port } = await serve({}, { logger: createLogger('debug', (line) => lines.push(line)) });
    for (const host of [
      '999.1.1.1',
      'xn--a.example',
      '0x100000000',
      'xn--',
      '1.2.3.08',
      'localhost:99999',
      'a.xn--b',
    ]) {
      for (const [method, path, body] of [
        ['GET', '/api/units/tree', undefined],
        ['POST', '/api/ballots', '{"campaignId":1}'],
        ['POST', '/api/auth/login', '{"username":"admin","password":"x"}'],
        ['GET', '/', undefined],
      ] as const) {
        const answer = await send(port, { method, path, headers: { ...json, host }, body });
        expect([host, path, answer.status, codeOf(answer)]).toEqual([host, path, 400, 'invalid_host']);
      }
    }
    const levels = lines.map((line) => (JSON.parse(line) as { level: string }).level);
    expect(levels.filter((level) => level === 'error')).toEqual([]);
  });

  it('refuses answers and definitions nested deeper than any questionnaire needs, with a 400', async () => {
    const { port } = await serve();
    const deep = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);
    for (const levels of [40, 5_000, 100_000]) {
      const ballot = `{"campaignId":${campaignId},"questionnaireId":1,"submissionId":"${crypto.randomUUID()}","unitId":${unitId},"deviceId":"d${levels}","answers":{"attitude":${deep(levels)}}}`;
      const answer = await send(port, { method: 'POST', path: '/api/ballots', headers: json, body: ballot });
      expect([answer.status, codeOf(answer)]).toEqual([400, 'invalid_request']);
      expect(answer.body).toContain('nested');
      const preview = await send(port, {
        method: 'POST',
        path: '/api/questionnaires/1/preview',
        headers: { ...json, cookie: adminCookie },
        body: `{"answers":{"a":${deep(levels)}}}`,
      });
      expect([preview.status, codeOf(preview)]).toEqual([400, 'invalid_request']);
    }
  });

  it('logs nothing as an error when a client goes away mid-request or mid-answer', async () => {
    const lines: string[] = [];
    const { port } = await serve({}, { logger: createLogger('debug', (line) => lines.push(line)) });
    const printed: unknown[] = [];
    const spies = (['error', 'warn'] as const).map((level) =>
      vi.spyOn(console, level).mockImplementation((...args) => void printed.push([level, ...args])),
    );
    try {
      // Gone while sending its body…
      for (const path of ['/api/ballots', '/api/respond/code', '/api/auth/login', '/api/tokens']) {
        await new Promise<void>((resolve) => {
          const req = request({
            host: '127.0.0.1',
            port,
            method: 'POST',
            path,
            headers: { ...json, 'content-length': '50000' },
          });
          req.on('error', () => resolve());
          req.write('{"campaignId": 1, "answers": {');
          setTimeout(() => (req.destroy(), resolve()), 100);
        });
      }
      // …and while reading a long (compressed) answer.
      for (const path of ['/api/openapi.json', `/api/campaigns/${campaignId}/results`, '/api/units']) {
        await new Promise<void>((resolve) => {
          const req = request({ host: '127.0.0.1', port, path, headers: { 'accept-encoding': 'gzip' } }, (res) => {
            res.once('data', () => (req.destroy(), resolve()));
            res.on('end', () => resolve());
          });
          req.on('error', () => resolve());
          req.end();
        });
      }
      await new Promise((resolve) => setTimeout(resolve, 300));
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
    expect(printed).toEqual([]);
    const levels = lines.map((line) => (JSON.parse(line) as { level: string }).level);
    expect(levels.filter((level) => level === 'error' || level === 'warn')).toEqual([]);
  });

  it('never puts the Host header into a QR code, and answers a monstrous Host with a 4xx', async () => {
    const { port } = await serve();
    const qrPath = `/api/campaigns/${campaignId}/units/${unitId}/qr.svg`;
    const evil = await send(port, { path: qrPath, headers: { host: 'pingyi.attacker.example' } });
    expect([evil.status, codeOf(evil)]).toEqual([409, 'public_url_missing']);
    expect(evil.body).toContain('PUBLIC_URL');
    const forwarded = await send(port, {
      path: qrPath,
      headers: { host: 'localhost', 'x-forwarded-host': 'pingyi.attacker.example', 'x-forwarded-proto': 'https' },
    });
    expect(forwarded.status).toBe(200);
    expect(forwarded.body).toBe(await qrSvg(openRatingUrl('http://localhost', 'demo-2026', 'D26')));
    expect(forwarded.headers['cache-control']).toBe('private, no-store');
    const posters = await send(port, {
      path: `/api/campaigns/${campaignId}/posters?unitId=${unitId}`,
      headers: { host: 'pingyi.attacker.example', cookie: adminCookie },
    });
    expect([posters.status, codeOf(posters)]).toEqual([409, 'public_url_missing']);

    for (const length of [300, 2_300, 8_000]) {
      const huge = await send(port, { path: qrPath, headers: { host: `${'a'.repeat(length)}.example` } });
      expect(huge.status).toBeGreaterThanOrEqual(400);
      expect(huge.status).toBeLessThan(500);
    }
    const odd = await send(port, { path: qrPath, headers: { host: 'bad host:99999' } });
    expect(odd.status).toBeLessThan(500);
  });

  it('prints PUBLIC_URL whatever the request says, and only that', async () => {
    const { port } = await serve({ PUBLIC_URL: 'https://pingyi.example.gov.cn/', TRUST_PROXY: '1' });
    const qr = await send(port, {
      path: `/api/campaigns/${campaignId}/units/${unitId}/qr.svg`,
      headers: { host: 'pingyi.attacker.example', 'x-forwarded-host': 'evil.example' },
    });
    expect(qr.status).toBe(200);
    expect(qr.body).toBe(await qrSvg(openRatingUrl('https://pingyi.example.gov.cn', 'demo-2026', 'D26')));
    const posters = await send(port, {
      path: `/api/campaigns/${campaignId}/posters?unitId=${unitId}`,
      headers: { host: 'pingyi.attacker.example', cookie: adminCookie },
    });
    expect(posters.body).toContain('https://pingyi.example.gov.cn/r/demo-2026/D26');
    expect(posters.body).not.toContain('attacker');
  });

  it('shows a draft campaign to the office only: to anyone else it does not exist', async () => {
    const { port } = await serve();
    const anonymous = (path: string) => send(port, { path, headers: { host: 'localhost' } });
    const office = (path: string) => send(port, { path, headers: { host: 'localhost', cookie: adminCookie } });
    for (const path of [
      `/api/campaigns/${draftId}`,
      `/api/campaigns/${draftId}/results`,
      `/api/campaigns/${draftId}/units/${unitId}/qr.svg`,
      `/api/respond/open/secret-draft-2027/D26`,
    ]) {
      const answer = await anonymous(path);
      expect([path, answer.status]).toEqual([path, 404]);
      expect(answer.body).not.toContain('2027年度');
      // The same answer as an id never used.
      expect(answer.body.replace(String(draftId), 'N')).toBe(
        (await anonymous(path.replace(String(draftId), '999999').replace('secret-draft-2027', 'no-such-x'))).body
          .replace('999999', 'N')
          .replace('no-such-x', 'secret-draft-2027'),
      );
    }
    const list = await anonymous('/api/campaigns');
    expect(list.body).not.toContain('secret-draft-2027');
    expect((await office(`/api/campaigns/${draftId}/results`)).status).toBe(200);
    expect((await office(`/api/campaigns/${draftId}/units/${unitId}/qr.svg`)).status).toBe(200);
    expect(codeOf(await office('/api/respond/open/secret-draft-2027/D26'))).toBe('campaign_not_started');
  });

  it('sends a Permissions-Policy and a CSP with nothing left open', async () => {
    const { port } = await serve();
    const answer = await send(port, { path: '/api/health' });
    const csp = String(answer.headers['content-security-policy']);
    for (const directive of [
      "default-src 'self'",
      "script-src 'self'",
      "object-src 'none'",
      "base-uri 'none'",
      "form-action 'self'",
      "frame-ancestors 'none'",
      "worker-src 'self'",
    ]) {
      expect(csp).toContain(directive);
    }
    // One inline script runs: the boot script, by its hash (decision 016); nothing else inline.
    expect(csp).toMatch(/script-src 'self' 'sha256-[A-Za-z0-9+/]+=*';/);
    expect(csp).not.toContain('unsafe-eval');
    expect(csp.split(';').find((directive) => directive.includes('script-src'))).not.toContain('unsafe-inline');
    const policy = String(answer.headers['permissions-policy']);
    for (const feature of ['camera=()', 'microphone=()', 'geolocation=()', 'payment=()', 'usb=()']) {
      expect(policy).toContain(feature);
    }
  });
});
