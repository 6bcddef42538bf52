import { z } from 'zod';

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
  TRUST_PROXY: z.enum(['on', 'off'], { message: 'must be on or off' }).default('off'),
  CLIENT_BUILD: z.enum(['auto', 'skip'], { message: 'must be auto or skip' }).default('auto'),
});

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {}

/** Parses the environment; throws a ConfigError that names each bad variable and how to fix it. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const result = configSchema.safeParse(pickKnown(env));
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
