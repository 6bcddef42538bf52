import { createHash, createHmac } from 'node:crypto';
import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';
import { maskPhone, type SmsGateway, type SmsMessage, type SmsSendResult } from './sms-message.ts';

// Tencent Cloud SMS, API 3.0: the action SendSms of version 2021-01-11, signed with TC3-HMAC-SHA256
// (https://cloud.tencent.com/document/api/382/55981 and .../api/382/52072). Nothing here may log or
// return a code or a template parameter: they travel in the request body and nowhere else.

const SERVICE = 'sms';
const ACTION = 'SendSms';
const VERSION = '2021-01-11';
const CONTENT_TYPE = 'application/json; charset=utf-8';
const DEFAULT_ENDPOINT = 'https://sms.tencentcloudapi.com';
const DEFAULT_TIMEOUT_MS = 10_000;

/** What TC3-HMAC-SHA256 signs: one request, with the headers chosen to take part in the signature. */
export interface Tc3Request {
  secretId: string;
  secretKey: string;
  service: string;
  /** Seconds since the epoch; the credential's date is its UTC day. */
  timestamp: number;
  method: string;
  /** The canonical URI, "/" for API 3.0. */
  path: string;
  /** The canonical query string, "" for a POST. */
  query: string;
  /** The signed headers (at least content-type and host), any case. */
  headers: Record<string, string>;
  payload: string;
}

export interface Tc3Signature {
  hashedPayload: string;
  canonicalRequest: string;
  hashedCanonicalRequest: string;
  credentialScope: string;
  stringToSign: string;
  signedHeaders: string;
  signature: string;
  authorization: string;
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function hmac(key: string | Buffer, text: string): Buffer {
  return createHmac('sha256', key).update(text, 'utf8').digest();
}

/** Signs a request as Tencent Cloud documents TC3-HMAC-SHA256, step by step; pure. */
export function signTc3(request: Tc3Request): Tc3Signature {
  const headers = Object.entries(request.headers)
    .map(([name, value]) => [name.trim().toLowerCase(), value.trim().toLowerCase()] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const canonicalHeaders = headers.map(([name, value]) => `${name}:${value}\n`).join('');
  const signedHeaders = headers.map(([name]) => name).join(';');
  const hashedPayload = sha256Hex(request.payload);
  const canonicalRequest = [
    request.method.toUpperCase(),
    request.path,
    request.query,
    canonicalHeaders,
    signedHeaders,
    hashedPayload,
  ].join('\n');
  const hashedCanonicalRequest = sha256Hex(canonicalRequest);
  const date = new Date(request.timestamp * 1000).toISOString().slice(0, 10);
  const credentialScope = `${date}/${request.service}/tc3_request`;
  const stringToSign = ['TC3-HMAC-SHA256', String(request.timestamp), credentialScope, hashedCanonicalRequest].join(
    '\n',
  );
  const secretDate = hmac(`TC3${request.secretKey}`, date);
  const secretService = hmac(secretDate, request.service);
  const secretSigning = hmac(secretService, 'tc3_request');
  const signature = hmac(secretSigning, stringToSign).toString('hex');
  const authorization = `TC3-HMAC-SHA256 Credential=${request.secretId}/${credentialScope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
  return {
    hashedPayload,
    canonicalRequest,
    hashedCanonicalRequest,
    credentialScope,
    stringToSign,
    signedHeaders,
    signature,
    authorization,
  };
}

export interface TencentSmsSettings {
  secretId: string;
  secretKey: string;
  appId: string;
  signName: string;
  templateId: string;
  region: string;
  endpoint: string;
}

/** The SMS_* settings the gateway needs; loadConfig has already refused a configuration without them. */
export function tencentSettings(config: Config): TencentSmsSettings {
  const { SMS_SECRET_ID, SMS_SECRET_KEY, SMS_APP_ID, SMS_SIGN_NAME, SMS_TEMPLATE_ID } = config;
  if (!SMS_SECRET_ID || !SMS_SECRET_KEY || !SMS_APP_ID || !SMS_SIGN_NAME || !SMS_TEMPLATE_ID) {
    throw new Error(
      'SMS_PROVIDER=tencent needs SMS_SECRET_ID, SMS_SECRET_KEY, SMS_APP_ID, SMS_SIGN_NAME and SMS_TEMPLATE_ID',
    );
  }
  return {
    secretId: SMS_SECRET_ID,
    secretKey: SMS_SECRET_KEY,
    appId: SMS_APP_ID,
    signName: SMS_SIGN_NAME,
    templateId: SMS_TEMPLATE_ID,
    region: config.SMS_REGION,
    endpoint: config.SMS_ENDPOINT ?? DEFAULT_ENDPOINT,
  };
}

interface SendSmsAnswer {
  Response?: {
    Error?: { Code?: unknown };
    SendStatusSet?: Array<{ Code?: unknown }>;
  };
}

/** The vendor's result code for one number: "Ok", a documented error code, or what went wrong reading it. */
function resultCode(answer: unknown): string {
  const response = (answer as SendSmsAnswer | null)?.Response;
  if (!response) return 'bad_response';
  if (response.Error) return typeof response.Error.Code === 'string' ? response.Error.Code : 'bad_response';
  const status = response.SendStatusSet?.[0]?.Code;
  return typeof status === 'string' ? status : 'bad_response';
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function failureOf(error: unknown): { reason: string; cause: string } {
  const name = error instanceof Error ? error.name : '';
  if (name === 'TimeoutError' || name === 'AbortError') return { reason: 'timeout', cause: name };
  // fetch wraps the socket's error: keep only its errno name (ECONNREFUSED …), never a message.
  const cause = (error as { cause?: { code?: unknown } } | null)?.cause?.code;
  return { reason: 'network_error', cause: typeof cause === 'string' ? cause : name || 'unknown' };
}

export interface TencentGatewayOptions {
  /** How long one request may take before it counts as not sent (10 s). */
  timeoutMs?: number;
  /** The clock, in milliseconds (tests pin it). */
  now?: () => number;
}

/** One SendSms request per message: each phone has its own code, so no two share a request. */
export function createTencentSmsGateway(
  settings: TencentSmsSettings,
  logger: Logger,
  options: TencentGatewayOptions = {},
): SmsGateway {
  const url = new URL(settings.endpoint);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const now = options.now ?? Date.now;

  async function request(message: SmsMessage): Promise<string> {
    const payload = JSON.stringify({
      PhoneNumberSet: [message.phone],
      SmsSdkAppId: settings.appId,
      SignName: settings.signName,
      TemplateId: message.templateId ?? settings.templateId,
      TemplateParamSet: message.params,
    });
    const timestamp = Math.floor(now() / 1000);
    const signed = { 'Content-Type': CONTENT_TYPE, Host: url.host, 'X-TC-Action': ACTION };
    const { authorization } = signTc3({
      secretId: settings.secretId,
      secretKey: settings.secretKey,
      service: SERVICE,
      timestamp,
      method: 'POST',
      path: url.pathname,
      query: '',
      headers: signed,
      payload,
    });
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        ...signed,
        Authorization: authorization,
        'X-TC-Timestamp': String(timestamp),
        'X-TC-Version': VERSION,
        'X-TC-Region': settings.region,
      },
      body: payload,
      signal: AbortSignal.timeout(timeoutMs),
    });
    // Read as text first: a body that stops coming is a timeout, a body that is not JSON a bad answer.
    const code = resultCode(parseJson(await response.text()));
    return code === 'bad_response' && !response.ok ? `http_${response.status}` : code;
  }

  return {
    name: 'tencent',
    async send(message: SmsMessage): Promise<SmsSendResult> {
      const to = maskPhone(message.phone);
      try {
        const code = await request(message);
        if (code === 'Ok') {
          logger.debug('sms: sent', { to, result: code });
          return { sent: true };
        }
        logger.warn('sms: not sent', { to, result: code });
        return { sent: false, reason: code };
      } catch (error) {
        const { reason, cause } = failureOf(error);
        logger.warn('sms: not sent', { to, result: reason, cause });
        return { sent: false, reason };
      }
    },
  };
}
