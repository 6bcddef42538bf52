import { createHash, createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTencentSmsGateway, signTc3, type TencentSmsSettings } from '../../server/access/sms-tencent.ts';
import { createLogger } from '../../server/logger.ts';

// The adapter against a local stand-in for sms.tencentcloudapi.com that checks every request the way the
// documentation says Tencent does. Its signature check is written here from the documented algorithm,
// apart from the adapter's signer, so one mistake made twice cannot pass.

const SECRET_ID = 'AKIDtestsmssecretid0000000000000000';
const SECRET_KEY = 'test-sms-secret-key-0000000000000';

/** TC3-HMAC-SHA256 as the documentation describes it, step by step (the stand-in's own implementation). */
function expectedSignature(secretKey: string, req: IncomingMessage, body: string, scope: string, signed: string[]) {
  const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
  const hmacOf = (key: string | Buffer, text: string) => createHmac('sha256', key).update(text, 'utf8').digest();
  const headerLines = signed.map(
    (name) =>
      `${name}:${String(req.headers[name] ?? '')
        .trim()
        .toLowerCase()}\n`,
  );
  const canonical = ['POST', '/', '', headerLines.join(''), signed.join(';'), sha256(body)].join('\n');
  const timestamp = String(req.headers['x-tc-timestamp']);
  const toSign = `TC3-HMAC-SHA256\n${timestamp}\n${scope}\n${sha256(canonical)}`;
  const [date, service] = scope.split('/') as [string, string];
  const key = hmacOf(hmacOf(hmacOf(`TC3${secretKey}`, date), service), 'tc3_request');
  return createHmac('sha256', key).update(toSign, 'utf8').digest('hex');
}

const AUTHORIZATION =
  /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d{2}-\d{2}\/sms\/tc3_request), SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/;

interface Received {
  headers: IncomingMessage['headers'];
  body: Record<string, unknown>;
}

/** Why the stand-in refuses the request as a whole, or null when it is well formed and signed. */
function refusal(req: IncomingMessage, text: string): string | null {
  const match = AUTHORIZATION.exec(String(req.headers.authorization ?? ''));
  if (!match) return 'AuthFailure.InvalidAuthorization';
  const [, secretId, scope, signedHeaders, signature] = match as unknown as [string, string, string, string, string];
  if (secretId !== SECRET_ID) return 'AuthFailure.SecretIdNotFound';
  const signed = signedHeaders.split(';');
  const sorted = [...signed].sort().join(';') === signedHeaders;
  if (!sorted || !signed.includes('content-type') || !signed.includes('host'))
    return 'AuthFailure.InvalidAuthorization';
  const timestamp = Number(req.headers['x-tc-timestamp']);
  if (new Date(timestamp * 1000).toISOString().slice(0, 10) !== scope.slice(0, 10))
    return 'AuthFailure.InvalidAuthorization';
  if (Math.abs(Date.now() / 1000 - timestamp) > 300) return 'AuthFailure.SignatureExpire';
  if (expectedSignature(SECRET_KEY, req, text, scope, signed) !== signature) return 'AuthFailure.SignatureFailure';
  if (req.headers['x-tc-action'] !== 'SendSms' || req.headers['x-tc-version'] !== '2021-01-11') return 'InvalidAction';
  if (req.headers['x-tc-region'] !== 'ap-guangzhou') return 'UnsupportedRegion';
  if (req.headers['content-type'] !== 'application/json; charset=utf-8') return 'InvalidParameter';
  return null;
}

/** Phones the stand-in treats specially: one refused by the vendor, one it never answers. */
const OVER_LIMIT = '+8613900000002';
const HANGS = '+8613900000003';

function answer(res: ServerResponse, response: Record<string, unknown>) {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ Response: { ...response, RequestId: 'c0ffee00-0000-4000-8000-000000000000' } }));
}

function startStandIn(received: Received[]): Promise<Server> {
  const server = createServer((req, res) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (text += chunk));
    req.on('end', () => {
      const refused = refusal(req, text);
      if (refused) return answer(res, { Error: { Code: refused, Message: 'refused by the stand-in' } });
      const body = JSON.parse(text) as Record<string, unknown>;
      received.push({ headers: req.headers, body });
      const phone = (body.PhoneNumberSet as string[])[0];
      if (phone === HANGS) return; // never answers
      const code = phone === OVER_LIMIT ? 'LimitExceeded.PhoneNumberDailyLimit' : 'Ok';
      answer(res, {
        SendStatusSet: [{ SerialNo: '2028:1', PhoneNumber: phone, Fee: 1, Code: code, Message: code, IsoCode: 'CN' }],
      });
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe('TC3-HMAC-SHA256 signer', () => {
  it("reproduces Tencent Cloud's documented example", () => {
    const signed = signTc3({
      secretId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE',
      secretKey: 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE',
      service: 'cvm',
      timestamp: 1551113065,
      method: 'POST',
      path: '/',
      query: '',
      headers: { 'Content-Type': 'application/json; charset=utf-8', Host: 'cvm.tencentcloudapi.com' },
      payload: '{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], "Name": "instance-name"}]}',
    });
    expect(signed.hashedPayload).toBe('35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064');
    expect(signed.canonicalRequest).toBe(
      'POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:cvm.tencentcloudapi.com\n\ncontent-type;host\n35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064',
    );
    expect(signed.hashedCanonicalRequest).toBe('5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031');
    expect(signed.stringToSign).toBe(
      'TC3-HMAC-SHA256\n1551113065\n2019-02-25/cvm/tc3_request\n5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031',
    );
    expect(signed.signature).toBe('72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168');
    expect(signed.authorization).toBe(
      'TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host, Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168',
    );
  });
});

describe('Tencent Cloud SMS gateway', () => {
  const received: Received[] = [];
  const logLines: string[] = [];
  let server: Server;
  let settings: TencentSmsSettings;
  const gateway = (overrides: Partial<TencentSmsSettings> = {}, timeoutMs = 2000) =>
    createTencentSmsGateway(
      { ...settings, ...overrides },
      createLogger('debug', (line) => logLines.push(line)),
      { timeoutMs },
    );
  const params = ['ABCD-EFGH', 'https://pingyi.example.gov.cn/code'];

  beforeAll(async () => {
    server = await startStandIn(received);
    settings = {
      secretId: SECRET_ID,
      secretKey: SECRET_KEY,
      appId: '1400006666',
      signName: '某市评议办',
      templateId: '1234567',
      region: 'ap-guangzhou',
      endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    };
  });
  beforeEach(() => {
    received.length = 0;
    logLines.length = 0;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  /** No log line may hold a code, a template parameter, the secret or the whole number. */
  const expectCleanLogs = (phone: string) => {
    const logs = logLines.join('\n');
    for (const secret of [...params, 'ABCDEFGH', SECRET_KEY, phone, phone.slice(3)]) expect(logs).not.toContain(secret);
  };

  it('sends one signed SendSms request that the vendor accepts', async () => {
    const result = await gateway().send({ phone: '+8613800138000', params });
    expect(result).toEqual({ sent: true });
    expect(received).toHaveLength(1);
    expect(received[0]!.body).toEqual({
      PhoneNumberSet: ['+8613800138000'],
      SmsSdkAppId: '1400006666',
      SignName: '某市评议办',
      TemplateId: '1234567',
      TemplateParamSet: params,
    });
    expect(received[0]!.headers).toMatchObject({
      'x-tc-action': 'SendSms',
      'x-tc-version': '2021-01-11',
      'x-tc-region': 'ap-guangzhou',
      'content-type': 'application/json; charset=utf-8',
      host: new URL(settings.endpoint).host,
    });
    expectCleanLogs('+8613800138000');
  });

  it('reports a request signed with the wrong secret as not sent, with the vendor code', async () => {
    const result = await gateway({ secretKey: 'not-the-secret-key-0000000000000' }).send({
      phone: '+8613800138000',
      params,
    });
    expect(result).toEqual({ sent: false, reason: 'AuthFailure.SignatureFailure' });
    expect(received).toHaveLength(0);
    expect(logLines.join('\n')).toContain('AuthFailure.SignatureFailure');
    expect(logLines.join('\n')).toContain('138****8000');
    expectCleanLogs('+8613800138000');
  });

  it('reports a number the vendor refuses as not sent, with its per-number code', async () => {
    const result = await gateway().send({ phone: OVER_LIMIT, params });
    expect(result).toEqual({ sent: false, reason: 'LimitExceeded.PhoneNumberDailyLimit' });
    expect(received).toHaveLength(1);
    expectCleanLogs(OVER_LIMIT);
  });

  it('gives up on a vendor that does not answer in time', async () => {
    const started = Date.now();
    const result = await gateway({}, 200).send({ phone: HANGS, params });
    expect(result).toEqual({ sent: false, reason: 'timeout' });
    expect(Date.now() - started).toBeLessThan(2000);
    expectCleanLogs(HANGS);
  });

  it('reports an unreachable vendor as not sent', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const result = await gateway({ endpoint: `http://127.0.0.1:${port}` }).send({ phone: '+8613800138000', params });
    expect(result).toEqual({ sent: false, reason: 'network_error' });
    expect(logLines.join('\n')).toContain('ECONNREFUSED');
    expectCleanLogs('+8613800138000');
  });
});
