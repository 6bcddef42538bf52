import { z } from 'zod';

/** What a Tencent Cloud SMS template's parameters {1}, {2}… are filled with, in order. */
export const SMS_TEMPLATE_PARAMS = ['code', 'url', 'campaign', 'unit'] as const;
export type SmsTemplateParam = (typeof SMS_TEMPLATE_PARAMS)[number];
const SMS_TEMPLATE_PARAMS_LIST = SMS_TEMPLATE_PARAMS.join(', ');
/** What a follow-up template's parameters are filled with: the raiser's code and the link to its page. */
export const FOLLOWUP_SMS_PARAMS = ['code', 'url'] as const;
export type FollowupSmsParam = (typeof FOLLOWUP_SMS_PARAMS)[number];
/** What a weekly-reminder template's parameters are filled with: the unit's name, the week's Monday, the deadline. */
export const WEEKLY_SMS_PARAMS = ['unit', 'week', 'due'] as const;
export type WeeklySmsParam = (typeof WEEKLY_SMS_PARAMS)[number];

const SMS_REQUIRED = ['SMS_SECRET_ID', 'SMS_SECRET_KEY', 'SMS_APP_ID', 'SMS_SIGN_NAME', 'SMS_TEMPLATE_ID'] as const;

/**
 * Every setting Pingyi reads from the environment, parsed once at start-up.
 * Nothing else in the code base reads process.env (see README "Configuration").
 */
const configSchema = z.object({
  PORT: z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be between 1 and 65535')
    .max(65535, 'must be between 1 and 65535')
    .default(3000),
  HOST: z.string().min(1, 'must not be empty').default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .default('file:./data/pingyi.sqlite')
    .refine((url) => /^(file:|postgres:\/\/|postgresql:\/\/)/.test(url), {
      message: 'must start with file: (SQLite, e.g. file:./data/pingyi.sqlite) or postgres:// (PostgreSQL)',
    }),
  SERVER_KEY: z
    .string()
    .min(32, 'must be at least 32 characters; leave it unset and Pingyi keeps a generated key in KEY_FILE')
    .optional(),
  KEY_FILE: z.string().min(1, 'must not be empty').optional(),
  LOG_LEVEL: z
    .enum(['debug', 'info', 'warn', 'error', 'silent'], {
      message: 'must be one of debug, info, warn, error, silent',
    })
    .default('info'),
  DEMO: z.enum(['on', 'off'], { message: 'must be on or off' }).default('on'),
  PUBLIC_URL: z
    .url({ message: 'must be a full URL such as https://pingyi.example.gov.cn' })
    .transform((url) => url.replace(/\/+$/, ''))
    .optional(),
  TRUST_PROXY: z
    .string()
    .default('off')
    .transform((value, ctx) => {
      const parsed = parseTrustProxy(value);
      if (typeof parsed === 'string') {
        ctx.addIssue({ code: 'custom', message: parsed });
        return z.NEVER;
      }
      return parsed;
    }),
  SMS_PROVIDER: z.enum(['none', 'tencent'], { message: 'must be none or tencent (Tencent Cloud SMS)' }).default('none'),
  SMS_SECRET_ID: z.string().min(1).max(200).optional(),
  SMS_SECRET_KEY: z.string().min(1).max(200).optional(),
  SMS_APP_ID: z
    .string()
    .regex(/^\d{6,20}$/, 'must be the SMS application id (digits), e.g. 1400006666')
    .optional(),
  SMS_SIGN_NAME: z.string().min(1).max(40).optional(),
  SMS_TEMPLATE_ID: z
    .string()
    .regex(/^\d{1,20}$/, 'must be the approved template id (digits)')
    .optional(),
  SMS_TEMPLATE_PARAMS: z
    .string()
    .default('code')
    .refine((value) => value.split(',').every((p) => SMS_TEMPLATE_PARAMS.includes(p.trim() as SmsTemplateParam)), {
      message: `must be a comma-separated list of ${SMS_TEMPLATE_PARAMS_LIST}, in the order of the template's {1}, {2}…`,
    })
    .transform((value) => value.split(',').map((p) => p.trim() as SmsTemplateParam)),
  // Follow-up messages to the raiser of a problem (decision 017): a template of their own, approved with
  // the vendor like the invitation's; without it no follow-up SMS is sent and the pages say so.
  SMS_FOLLOWUP_TEMPLATE_ID: z
    .string()
    .regex(/^\d{1,20}$/, 'must be the approved template id (digits)')
    .optional(),
  SMS_FOLLOWUP_TEMPLATE_PARAMS: z
    .string()
    .default('code,url')
    .refine((value) => value.split(',').every((p) => FOLLOWUP_SMS_PARAMS.includes(p.trim() as FollowupSmsParam)), {
      message: `must be a comma-separated list of ${FOLLOWUP_SMS_PARAMS.join(', ')}, in the order of the template's {1}, {2}…`,
    })
    .transform((value) => value.split(',').map((p) => p.trim() as FollowupSmsParam)),
  // Weekly-report reminders to the staff of units that have not submitted: a template of their own too;
  // without it the office's SMS reminder is refused (sms_template_missing) and the in-app one still works.
  SMS_WEEKLY_TEMPLATE_ID: z
    .string()
    .regex(/^\d{1,20}$/, 'must be the approved template id (digits)')
    .optional(),
  SMS_WEEKLY_TEMPLATE_PARAMS: z
    .string()
    .default('unit,week,due')
    .refine((value) => value.split(',').every((p) => WEEKLY_SMS_PARAMS.includes(p.trim() as WeeklySmsParam)), {
      message: `must be a comma-separated list of ${WEEKLY_SMS_PARAMS.join(', ')}, in the order of the template's {1}, {2}…`,
    })
    .transform((value) => value.split(',').map((p) => p.trim() as WeeklySmsParam)),
  SMS_REGION: z
    .string()
    .regex(/^[a-z0-9-]{2,40}$/, 'must be a region such as ap-guangzhou')
    .default('ap-guangzhou'),
  SMS_ENDPOINT: z.url({ message: 'must be a full URL such as https://sms.tencentcloudapi.com' }).optional(),
  CLIENT_BUILD: z.enum(['auto', 'skip'], { message: 'must be auto or skip' }).default('auto'),
  /** Where evidence files (photos, PDFs of a fix) are kept; default beside the SQLite file (docs/deploy.md). */
  EVIDENCE_DIR: z.string().min(1, 'must not be empty').optional(),
  /** The largest evidence file accepted, in MiB. */
  EVIDENCE_MAX_MB: z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number of MiB')
    .min(1, 'must be between 1 and 100 (MiB)')
    .max(100, 'must be between 1 and 100 (MiB)')
    .default(10),
  /** on: webhook endpoints may use plain http, to this machine or a private network only (decision 019). */
  WEBHOOKS_ALLOW_HTTP: z.enum(['on', 'off'], { message: 'must be on or off' }).default('off'),
});

export type Config = z.infer<typeof configSchema>;

/** Who may set X-Forwarded-For: nobody, the nearest N hops, or the listed proxy addresses (proxy-addr syntax). */
export type TrustProxy = { kind: 'off' } | { kind: 'hops'; hops: number } | { kind: 'addresses'; list: string[] };

const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];
const IP_OR_CIDR = /^[0-9a-fA-F:.]+(\/\d{1,3})?$/;

/** Parses TRUST_PROXY, or returns the reason it cannot be used. */
export function parseTrustProxy(value: string): TrustProxy | string {
  const text = value.trim();
  if (text === 'off' || text === '0') return { kind: 'off' };
  if (text === 'on' || text === 'true') {
    return 'is ambiguous: say how many proxies stand in front of Pingyi (TRUST_PROXY=1 behind one nginx or balancer) or list their addresses (TRUST_PROXY=10.0.0.5,10.0.0.6); see docs/deploy.md "Behind a proxy"';
  }
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    if (hops > 10) return 'must be at most 10 proxy hops';
    return { kind: 'hops', hops };
  }
  const list = text.split(',').map((part) => part.trim());
  const bad = list.find((part) => !PROXY_NAMES.includes(part) && !IP_OR_CIDR.test(part));
  if (bad !== undefined) {
    return `must be off, a number of proxy hops (e.g. 1), or proxy addresses/CIDR ranges (e.g. 10.0.0.0/8,loopback); "${bad}" is neither`;
  }
  return { kind: 'addresses', list };
}

export class ConfigError extends Error {}

/** Parses the environment; throws a ConfigError that names each bad variable and how to fix it. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const result = configSchema
    .superRefine((config, ctx) => {
      if (config.SMS_PROVIDER === 'none') return;
      for (const name of SMS_REQUIRED) {
        if (!config[name])
          ctx.addIssue({
            code: 'custom',
            path: [name],
            message: `is required when SMS_PROVIDER=${config.SMS_PROVIDER}`,
          });
      }
    })
    .safeParse(pickKnown(env));
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const name = String(issue.path[0] ?? 'environment');
    return `  ${name}=${JSON.stringify(env[name] ?? '')}: ${issue.message}`;
  });
  throw new ConfigError(
    `Pingyi cannot start: bad configuration.\n${lines.join('\n')}\nFix the variable(s) above or unset them to use the defaults (see README "Configuration").`,
  );
}

function pickKnown(env: Record<string, string | undefined>): Record<string, string | undefined> {
  const known: Record<string, string | undefined> = {};
  for (const key of Object.keys(configSchema.shape)) {
    const value = env[key];
    // An empty variable means "not set", as in most shells' `VAR= npm start`.
    known[key] = value === '' ? undefined : value;
  }
  return known;
}
