// A bounded HTTP fuzz run that proves "no 5xx, no reset": it starts the real server (server/main.ts) on a
// throwaway SQLite file, on 127.0.0.1 only, with the demo city; signs in as the first administrator from
// the one-time password the server prints (and changes it at once); issues access codes and tokens through
// the API; reads /api/openapi.json; then sends ≥ 100,000 requests across every operation — valid ones,
// then mutated bodies, parameters, queries, headers, cookies, methods, paths and HTTP framing. Case i is
// generated from (seed, i) alone: `--only i` sends it again against a fresh server.
// Not part of npm test or npm run bench. Run: npx tsx bench/fuzz.ts [--requests 120000] [--seed 1]
//   [--concurrency 16] [--only 17,4242] [--trust-proxy loopback|off]
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import type { RaterType } from '../scoring/rater-type.ts';
import { seededRandom } from '../server/seed/demo-answers.ts';
import { codeBallot, keyClassOf, openBallot, type BallotBody, type LoadCampaign } from '../test/support/ballot-load.ts';
import { fastBlind } from '../test/support/fast-blind.ts';
import { freePort } from '../test/support/postgres-cluster.ts';
import { firstAdminOf, signInChangingPassword } from './support/admin-session.ts';

// A benchmark's output is its purpose; stdout directly keeps console.* free for real diagnostics.
const print = (line: string): void => void process.stdout.write(`${line}\n`);

const { values: cli } = parseArgs({
  options: {
    requests: { type: 'string', default: '120000' },
    seed: { type: 'string', default: '1' },
    concurrency: { type: 'string', default: '16' },
    only: { type: 'string' },
    // Trusting loopback makes the server parse the X-Forwarded-* garbage instead of ignoring it.
    'trust-proxy': { type: 'string', default: 'loopback' },
  },
});
const CASES = Number(cli.requests);
const SEED = Number(cli.seed);
const CONCURRENCY = Number(cli.concurrency);
if (![CASES, SEED, CONCURRENCY].every(Number.isInteger) || CASES < 1 || CONCURRENCY < 1) {
  throw new Error('--requests, --seed and --concurrency take whole numbers (requests and concurrency ≥ 1)');
}
const ONLY = cli.only ? cli.only.split(',').map(Number) : null;
const REQUEST_TIMEOUT_MS = 60_000;
const RAW_TIMEOUT_MS = 10_000;
const BODY_LIMIT = 1024 * 1024;
const NEW_PASSWORD = 'Fz-0b7e-Long-Passphrase-2026';

// ---------------------------------------------------------------------------------------------------------
// Seeded randomness: one small generator per case, seeded from (seed, case index).

class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  /** mulberry32: fast, 32-bit state, good enough to pick fuzz cases. */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }
  maybe<T>(items: readonly T[]): T | undefined {
    return items.length === 0 ? undefined : this.pick(items);
  }
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
    let at = this.next() * total;
    for (const [value, weight] of entries) if ((at -= weight) < 0) return value;
    return entries[entries.length - 1]![0];
  }
  chars(length: number, alphabet: string): string {
    let out = '';
    for (let i = 0; i < length; i++) out += alphabet[Math.floor(this.next() * alphabet.length)];
    return out;
  }
  alnum(length: number): string {
    return this.chars(length, 'abcdefghijklmnopqrstuvwxyz0123456789');
  }
  uuid(): string {
    const hex = this.chars(32, '0123456789abcdef');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
  }
  ipv4(): string {
    return `${this.int(1, 223)}.${this.int(0, 255)}.${this.int(0, 255)}.${this.int(1, 254)}`;
  }
}

function rngFor(seed: number, index: number): Rng {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ index;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return new Rng((h ^ (h >>> 16)) >>> 0);
}

// ---------------------------------------------------------------------------------------------------------
// The server under test, as its own process.

interface ServerLog {
  errorLines: string[];
  errorCount: number;
  warnCount: number;
  /** Lines that are not the logger's JSON (a console.error from a library, an uncaught exception). */
  otherLines: string[];
  otherCount: number;
  banner: string;
}

interface RunningServer {
  port: number;
  child: ChildProcess;
  log: ServerLog;
  firstAdmin: { username: string; password: string };
  stop(): Promise<void>;
}

function watchLines(stream: NodeJS.ReadableStream | null, onLine: (line: string) => void): void {
  let partial = '';
  stream?.on('data', (chunk: Buffer) => {
    const lines = (partial + chunk.toString('utf8')).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) onLine(line);
  });
  stream?.on('end', () => partial && onLine(partial));
}

function recordLogLine(log: ServerLog, line: string): void {
  if (line.includes('"level":"error"')) {
    log.errorCount++;
    if (log.errorLines.length < 2000) log.errorLines.push(line.slice(0, 20_000));
  } else if (line.includes('"level":"warn"')) {
    log.warnCount++;
  } else if (line.trim() && !line.startsWith('{"time"')) {
    log.otherCount++;
    if (log.otherLines.length < 60) log.otherLines.push(line.slice(0, 2000));
  }
}

async function startServer(dir: string): Promise<RunningServer> {
  const port = await freePort();
  const log: ServerLog = { errorLines: [], errorCount: 0, warnCount: 0, otherLines: [], otherCount: 0, banner: '' };
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: {
      ...process.env,
      DATABASE_URL: `file:${join(dir, 'fuzz.sqlite')}`,
      KEY_FILE: join(dir, 'fuzz.key'),
      SERVER_KEY: '',
      PUBLIC_URL: '',
      PORT: String(port),
      HOST: '127.0.0.1',
      CLIENT_BUILD: 'skip',
      DEMO: 'on',
      LOG_LEVEL: 'info',
      SMS_PROVIDER: 'none',
      TRUST_PROXY: cli['trust-proxy'],
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // The first-start banner is plain text on stdout, between two rules of "=": not a stray line.
  let rules = 0;
  watchLines(child.stdout, (line) => {
    if (rules < 2 && !line.startsWith('{')) {
      if (line.startsWith('====')) rules++;
      log.banner += `${line}\n`;
    } else recordLogLine(log, line);
  });
  watchLines(child.stderr, (line) => recordLogLine(log, line));
  try {
    await waitForHealth(port, child, log);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  const firstAdmin = firstAdminOf(log.banner);
  if (!firstAdmin) {
    child.kill('SIGKILL');
    throw new Error(`no first-administrator banner on the server's stdout:\n${log.banner}`);
  }
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const kill = setTimeout(() => child.kill('SIGKILL'), 8000);
      child.once('exit', () => (clearTimeout(kill), resolve()));
      child.kill('SIGTERM');
    });
  return { port, child, log, firstAdmin, stop };
}

async function waitForHealth(port: number, child: ChildProcess, log: ServerLog): Promise<void> {
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`the server exited with ${child.exitCode}:\n${log.banner}\n${log.otherLines.join('\n')}`);
    }
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('the server did not answer /api/health within 90 s');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

// ---------------------------------------------------------------------------------------------------------
// What the fuzzer knows about the running server: its operations, ids, sessions and valid material.

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  $ref?: string;
  allOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minItems?: number;
  maxItems?: number;
  example?: unknown;
}

interface Param {
  name: string;
  in: string;
  required: boolean;
  schema: JsonSchema;
}

interface Operation {
  key: string;
  method: string;
  path: string;
  params: Param[];
  body: JsonSchema | null;
  weight: number;
}

interface Session {
  role: 'admin' | 'leader' | 'staff';
  username: string;
  password: string;
  token: string;
  /** The forwarded address its sign-ins come from, so the fuzzer's own sign-in attempts never lock it out. */
  address: string;
}

interface Pools {
  campaignIds: number[];
  campaignSlugs: string[];
  unitIds: number[];
  unitCodes: string[];
  categoryIds: number[];
  questionnaireIds: number[];
  userIds: number[];
  batchIds: number[];
  ballotIds: string[];
  publicationSlugs: string[];
  codes: string[];
  blinded: string[];
  ballots: BallotBody[];
  openBallots: BallotBody[];
  definitions: unknown[];
  importFiles: { filename: string; contentBase64: string }[];
  assets: string[];
  settings: unknown;
}

/** Objects the fuzz must not end while it runs (the open demo campaign, its units, the sessions' users). */
interface Guarded {
  campaigns: Set<number>;
  units: Set<number>;
  categories: Set<number>;
  questionnaires: Set<number>;
  users: Set<number>;
  batches: Set<number>;
  usernames: Set<string>;
}

/** Stand-ins a guarded write is redirected to. */
interface Stand {
  campaign: number;
  unit: number;
  category: number;
  questionnaire: number;
  user: number;
  batch: number;
}

interface Ctx {
  port: number;
  host: string;
  components: Record<string, JsonSchema>;
  ops: Operation[];
  sessions: Partial<Record<Session['role'], Session>>;
  pools: Pools;
  guarded: Guarded;
  stand: Stand;
  demo: { campaignId: number; slug: string; unitId: number; unitCode: string };
  /** Session tokens that ended on purpose (phase C), sent again afterwards. */
  endedTokens: string[];
  relogins: string[];
}

const EXPENSIVE = [
  'POST /api/auth/login',
  'POST /api/auth/password',
  'POST /api/users',
  'POST /api/users/{id}/reset-password',
];

function readOperations(doc: { paths: Record<string, Record<string, Record<string, unknown>>> }): Operation[] {
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, spec] of Object.entries(methods)) {
      const key = `${method.toUpperCase()} ${path}`;
      const content = (spec.requestBody as { content?: Record<string, { schema: JsonSchema }> } | undefined)?.content;
      const weight = EXPENSIVE.includes(key)
        ? 0.08
        : /code-batches$|import|export|posters|qr\.svg|publish|verify/.test(path)
          ? 0.4
          : 1;
      ops.push({
        key,
        method: method.toUpperCase(),
        path,
        params: (spec.parameters as Param[] | undefined) ?? [],
        body: content?.['application/json']?.schema ?? null,
        weight,
      });
    }
  }
  return ops;
}

// ---------------------------------------------------------------------------------------------------------
// Setup through the API, as an office user and a respondent would.

interface ApiAnswer {
  status: number;
  json: unknown;
  text: string;
  setCookie: string[];
}

async function call(
  port: number,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; address?: string } = {},
): Promise<ApiAnswer> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.token) headers.cookie = `pingyi_session=${options.token}`;
  // The server refuses a cookie-carrying write that is not JSON, even one without a body.
  if (options.body !== undefined || method !== 'GET') headers['content-type'] = 'application/json';
  if (options.address) headers['x-forwarded-for'] = options.address;
  const res = await fetch(`http://127.0.0.1:${port}${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    // an export or a CSV
  }
  return { status: res.status, json, text, setCookie: res.headers.getSetCookie() };
}

async function must(answer: Promise<ApiAnswer>, what: string): Promise<ApiAnswer> {
  const done = await answer;
  if (done.status >= 300) throw new Error(`setup: ${what} answered ${done.status}: ${done.text.slice(0, 400)}`);
  return done;
}

/** Signs in, changes a one-time password at once, and signs in again when the change ended the session. */
async function signIn(
  port: number,
  role: Session['role'],
  username: string,
  password: string,
  address: string,
): Promise<Session> {
  const signedIn = await signInChangingPassword(`http://127.0.0.1:${port}`, username, password, NEW_PASSWORD, {
    'x-forwarded-for': address,
  });
  return { role, username, password: signedIn.password, token: signedIn.token, address };
}

function asList<T>(json: unknown, key: string): T[] {
  const value = (json as Record<string, unknown> | null)?.[key];
  return Array.isArray(value) ? (value as T[]) : [];
}

async function setUp(server: RunningServer): Promise<Ctx> {
  const { port } = server;
  const admin = await signIn(port, 'admin', server.firstAdmin.username, server.firstAdmin.password, '10.250.0.1');
  const doc = (await must(call(port, 'GET', '/api/openapi.json'), 'reading the OpenAPI document')).json as {
    paths: Record<string, Record<string, Record<string, unknown>>>;
    components?: { schemas?: Record<string, JsonSchema> };
  };
  const get = async (path: string) => (await must(call(port, 'GET', path, { token: admin.token }), path)).json;
  const campaigns = asList<{ id: number; slug: string; status: string }>(await get('/api/campaigns'), 'campaigns');
  const demo = campaigns.find((c) => c.status === 'open') ?? campaigns[0];
  if (!demo) throw new Error('setup: the demo seeded no campaign (DEMO=on)');
  const config = (await get(`/api/admin/campaigns/${demo.id}`)) as {
    units: { id: number; code: string }[];
    raterTypes: { raterType: RaterType; questionnaire: { id: number } }[];
    categories: { id: number }[];
    settings: unknown;
  };
  const units = asList<{ id: number; code: string; parentId: number | null }>(await get('/api/units'), 'units');
  const categories = asList<{ id: number }>(await get('/api/categories'), 'categories');
  const questionnaires = asList<{ id: number }>(await get('/api/questionnaires'), 'questionnaires');
  const users = asList<{ id: number; username: string; role: string }>(await get('/api/users'), 'users');
  const loadCampaign: LoadCampaign = {
    campaignId: demo.id,
    questionnaireIds: Object.fromEntries(config.raterTypes.map((r) => [r.raterType, r.questionnaire.id])) as Record<
      RaterType,
      number
    >,
    unitIds: config.units.map((u) => u.id),
  };
  const sessions = await otherSessions(port, admin, users, config.units[0]!.id);
  const accounts = asList<{ id: number; username: string }>(await get('/api/users'), 'users');
  const signedIn = Object.values({ admin, ...sessions });
  const codes = await issueCodes(port, admin, demo.id, config.units);
  const stand = await standIns(port, admin, units.find((u) => u.parentId === null)?.id ?? 1, demo.id);
  const material = await respondentMaterial(port, loadCampaign, codes);
  const ctx: Ctx = {
    port,
    host: `127.0.0.1:${port}`,
    components: doc.components?.schemas ?? {},
    ops: readOperations(doc),
    sessions: { admin, ...sessions },
    pools: {
      campaignIds: [...campaigns.map((c) => c.id), stand.campaign],
      campaignSlugs: campaigns.map((c) => c.slug),
      unitIds: [...units.map((u) => u.id), stand.unit],
      unitCodes: units.map((u) => u.code),
      categoryIds: [...categories.map((c) => c.id), stand.category],
      questionnaireIds: [...questionnaires.map((q) => q.id), stand.questionnaire],
      userIds: [...accounts.map((u) => u.id), stand.user],
      batchIds: asList<{ id: number }>(await get(`/api/campaigns/${demo.id}/code-batches`), 'batches').map((b) => b.id),
      ballotIds: asList<{ id: string }>(await get(`/api/campaigns/${demo.id}/flagged-ballots`), 'ballots').map(
        (b) => b.id,
      ),
      publicationSlugs: [],
      codes: material.unusedCodes,
      blinded: material.blinded,
      ballots: material.ballots,
      openBallots: config.units.map((u) => openBallot(loadCampaign, u.id, seededRandom(u.id))),
      definitions: await definitions(port, admin, questionnaires),
      importFiles: await importFiles(port, admin),
      assets: await assetPaths(port),
      settings: config.settings,
    },
    guarded: {
      campaigns: new Set([demo.id]),
      units: new Set(config.units.map((u) => u.id)),
      categories: new Set(config.categories.map((c) => c.id)),
      questionnaires: new Set(Object.values(loadCampaign.questionnaireIds)),
      users: new Set(accounts.filter((u) => signedIn.some((s) => s.username === u.username)).map((u) => u.id)),
      batches: new Set(codes.batchIds),
      usernames: new Set(signedIn.map((s) => s.username.toLowerCase())),
    },
    stand,
    demo: { campaignId: demo.id, slug: demo.slug, unitId: config.units[0]!.id, unitCode: config.units[0]!.code },
    endedTokens: [],
    relogins: [],
  };
  return ctx;
}

/** A unit staff account made for the run and a demo leader given a new password: two more roles. */
async function otherSessions(
  port: number,
  admin: Session,
  users: { id: number; username: string; role: string }[],
  unitId: number,
): Promise<Partial<Record<Session['role'], Session>>> {
  const sessions: Partial<Record<Session['role'], Session>> = {};
  const created = await call(port, 'POST', '/api/users', {
    token: admin.token,
    body: { username: 'fuzz-staff', displayName: '模糊测试 员工', role: 'unit_staff', unitId },
  });
  const staffPassword = (created.json as { oneTimePassword?: string } | null)?.oneTimePassword;
  if (staffPassword) sessions.staff = await signIn(port, 'staff', 'fuzz-staff', staffPassword, '10.250.0.2');
  else print(`  setup: no unit staff session (${created.status} ${created.text.slice(0, 200)})`);
  const leader = users.find((u) => u.role === 'leader');
  if (leader) {
    const reset = await call(port, 'POST', `/api/users/${leader.id}/reset-password`, { token: admin.token });
    const leaderPassword = (reset.json as { oneTimePassword?: string } | null)?.oneTimePassword;
    if (leaderPassword) sessions.leader = await signIn(port, 'leader', leader.username, leaderPassword, '10.250.0.3');
    else print(`  setup: no leader session (${reset.status} ${reset.text.slice(0, 200)})`);
  }
  return sessions;
}

async function issueCodes(
  port: number,
  admin: Session,
  campaignId: number,
  units: { id: number }[],
): Promise<{
  codes: { code: string; raterType: RaterType; raterUnitId: number | null; targetUnitId: number | null }[];
  batchIds: number[];
}> {
  const requests: { raterType: RaterType; raterUnitId?: number; targetUnitId?: number }[] = [
    { raterType: 'superior' },
    { raterType: 'peer', raterUnitId: units[1]!.id },
    { raterType: 'recipient', targetUnitId: units[2]!.id },
  ];
  const codes = [];
  const batchIds: number[] = [];
  for (const request of requests) {
    const issued = await must(
      call(port, 'POST', `/api/campaigns/${campaignId}/code-batches?format=json`, {
        token: admin.token,
        body: { ...request, count: 16, label: `fuzz ${request.raterType}` },
      }),
      `issuing ${request.raterType} codes`,
    );
    const batch = issued.json as { batchId: number; codes: string[] };
    batchIds.push(batch.batchId);
    for (const code of batch.codes) {
      codes.push({
        code,
        raterType: request.raterType,
        raterUnitId: request.raterUnitId ?? null,
        targetUnitId: request.targetUnitId ?? null,
      });
    }
  }
  return { codes, batchIds };
}

/** Opens ratings with half the codes and exchanges them for tokens; the other half stays unused. */
async function respondentMaterial(
  port: number,
  campaign: LoadCampaign,
  issued: Awaited<ReturnType<typeof issueCodes>>,
): Promise<{ unusedCodes: string[]; blinded: string[]; ballots: BallotBody[] }> {
  const keys = new Map<string, string>();
  const ballots: BallotBody[] = [];
  const unusedCodes: string[] = [];
  const random = seededRandom(11);
  for (const [i, code] of issued.codes.entries()) {
    const address = `10.251.${i >> 8}.${(i & 255) + 1}`;
    const opened = await call(port, 'POST', '/api/respond/code', { body: { code: code.code }, address });
    const publicKey = (opened.json as { token?: { publicKey: string } } | null)?.token?.publicKey;
    if (publicKey) keys.set(keyClassOf(code), publicKey);
    if (i % 2 === 0 || !publicKey) {
      unusedCodes.push(code.code);
      continue;
    }
    const request = fastBlind(publicKey);
    const answer = await call(port, 'POST', '/api/tokens', {
      body: { code: code.code, blindedMessage: request.blindedMessage },
      address,
    });
    const body = answer.json as { keyClass: string; blindSignature: string } | null;
    if (answer.status !== 200 || !body) {
      print(`  setup: exchanging a code answered ${answer.status} ${answer.text.slice(0, 200)}`);
      continue;
    }
    const token = {
      keyClass: body.keyClass,
      message: Buffer.from(request.prepared).toString('base64url'),
      signature: Buffer.from(request.finalize(body.blindSignature)).toString('base64url'),
    };
    ballots.push(codeBallot(campaign, code, token, random));
  }
  const blinded = [...keys.values()].flatMap((key) => Array.from({ length: 8 }, () => fastBlind(key).blindedMessage));
  return { unusedCodes, blinded, ballots };
}

/** Objects a guarded write goes to instead: a draft campaign, a unit, a category, a questionnaire, a user. */
async function standIns(port: number, admin: Session, cityId: number, demoCampaignId: number): Promise<Stand> {
  const post = async (path: string, body: unknown) =>
    (await must(call(port, 'POST', path, { token: admin.token, body }), `creating ${path}`)).json as Record<
      string,
      unknown
    >;
  const idOf = (json: Record<string, unknown>, key: string) =>
    Number((json[key] as { id?: number } | undefined)?.id ?? json.id);
  const campaign = await post('/api/campaigns', {
    slug: 'fuzz-stand-in',
    name: '模糊测试替身活动',
    nameEn: 'Fuzz stand-in campaign',
    startsAt: '2026-12-01T00:00:00.000Z',
    endsAt: '2027-01-31T00:00:00.000Z',
  });
  const unit = await post('/api/units', {
    code: 'FZ-STAND',
    name: '模糊测试单位',
    level: 'department',
    parentId: cityId,
  });
  const category = await post('/api/categories', { code: 'fz-stand', name: '模糊测试类别' });
  const questionnaire = await post('/api/questionnaires', {
    template: 'recipient',
    raterType: 'recipient',
    title: '模糊测试问卷',
  });
  const user = await post('/api/users', { username: 'fuzz-stand-in', displayName: '模糊测试替身', role: 'leader' });
  const batch = await post(`/api/campaigns/${demoCampaignId}/code-batches`, {
    raterType: 'superior',
    count: 1,
  });
  return {
    campaign: idOf(campaign, 'campaign'),
    unit: idOf(unit, 'unit'),
    category: idOf(category, 'category'),
    questionnaire: idOf(questionnaire, 'questionnaire'),
    user: idOf(user, 'user'),
    batch: Number(batch.batchId),
  };
}

async function definitions(port: number, admin: Session, questionnaires: { id: number }[]): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const { id } of questionnaires.slice(0, 3)) {
    const json = (await call(port, 'GET', `/api/questionnaires/${id}`, { token: admin.token })).json as {
      definition?: unknown;
    } | null;
    if (json?.definition) out.push(json.definition);
  }
  return out;
}

async function importFiles(port: number, admin: Session): Promise<{ filename: string; contentBase64: string }[]> {
  const files = [];
  for (const [path, filename] of [
    ['/api/units/export.csv', 'units.csv'],
    ['/api/units/export.xlsx', 'units.xlsx'],
    ['/api/units/import-template.xlsx', 'template.xlsx'],
  ] as const) {
    const res = await fetch(`http://127.0.0.1:${port}${path}`, {
      headers: { cookie: `pingyi_session=${admin.token}` },
    });
    if (res.ok) files.push({ filename, contentBase64: Buffer.from(await res.arrayBuffer()).toString('base64') });
  }
  return files;
}

async function assetPaths(port: number): Promise<string[]> {
  const html = await (await fetch(`http://127.0.0.1:${port}/`)).text();
  return [...new Set([...html.matchAll(/\/assets\/[^"'\s>]+/g)].map((m) => m[0]))];
}

// ---------------------------------------------------------------------------------------------------------
// Valid values from the OpenAPI schemas, with the ids and material the server really has.

/** JSON text a JSON.stringify cannot write: NaN, 1e999, duplicate keys, 100,000 levels of nesting. */
class RawJson {
  constructor(readonly text: string) {}
}

/** encodeURIComponent that takes lone surrogates too: as the bytes a CESU-8 encoder would send. */
function encode(text: string): string {
  return text
    .split(/([\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff])/)
    .map((part, i) =>
      i % 2
        ? `%ED%${(0xa0 + ((part.charCodeAt(0) >> 6) & 0x1f)).toString(16).toUpperCase()}%80`
        : encodeURIComponent(part),
    )
    .join('');
}

function jsonText(value: unknown): string {
  if (value instanceof RawJson) return value.text;
  if (Array.isArray(value)) return `[${value.map(jsonText).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value)
      .map(([key, item]) => `${JSON.stringify(key)}:${jsonText(item)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  // Plain assignment of "__proto__" would set the prototype instead of sending the key.
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function resolveSchema(ctx: Ctx, schema: JsonSchema | undefined, depth = 0): JsonSchema {
  if (!schema || depth > 12) return {};
  if (schema.$ref) return resolveSchema(ctx, ctx.components[schema.$ref.split('/').pop() ?? ''], depth + 1);
  if (schema.allOf) {
    const parts = schema.allOf.map((part) => resolveSchema(ctx, part, depth + 1));
    return {
      type: 'object',
      properties: Object.assign({}, ...parts.map((part) => part.properties ?? {})),
      required: parts.flatMap((part) => part.required ?? []),
    };
  }
  return schema;
}

function sample(ctx: Ctx, schema: JsonSchema | undefined, rng: Rng, name: string, depth = 0): unknown {
  const s = resolveSchema(ctx, schema);
  if (s.const !== undefined) return s.const;
  if (s.enum?.length) return rng.pick(s.enum);
  const variants = s.anyOf ?? s.oneOf;
  if (variants?.length) return sample(ctx, rng.pick(variants), rng, name, depth);
  const types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
  const concrete = types.filter((type) => type !== 'null');
  if (types.includes('null') && (concrete.length === 0 || rng.chance(0.15))) return null;
  const type = concrete.length ? rng.pick(concrete) : s.properties ? 'object' : s.items ? 'array' : 'any';
  const hinted = hint(ctx, rng, name, type);
  if (hinted !== undefined) return hinted;
  if (type === 'object') return sampleObject(ctx, s, rng, depth);
  if (type === 'array') {
    const min = s.minItems ?? 0;
    const count = rng.int(min, Math.max(min, Math.min(s.maxItems ?? 3, min + 3)));
    return Array.from({ length: depth > 6 ? min : count }, () => sample(ctx, s.items, rng, name, depth + 1));
  }
  if (type === 'integer' || type === 'number') return sampleNumber(s, rng, type === 'integer');
  if (type === 'boolean') return rng.chance(0.5);
  if (type === 'any') return rng.pick([1, 'x', true, null, {}]);
  return sampleString(s, rng);
}

function sampleObject(ctx: Ctx, s: JsonSchema, rng: Rng, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, property] of Object.entries(s.properties ?? {})) {
    if (s.required?.includes(key) || (depth < 6 && rng.chance(0.6)))
      setOwn(out, key, sample(ctx, property, rng, key, depth + 1));
  }
  return out;
}

function sampleNumber(s: JsonSchema, rng: Rng, integer: boolean): number {
  const lo = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + (integer ? 1 : 0.01) : 0);
  const hi = Math.min(s.maximum ?? lo + 100, lo + 1000);
  return integer ? rng.int(Math.ceil(lo), Math.floor(hi)) : Math.round((lo + rng.next() * (hi - lo)) * 100) / 100;
}

function sampleString(s: JsonSchema, rng: Rng): string {
  if (s.format === 'uuid') return rng.uuid();
  if (s.format === 'date-time') return new Date(Date.UTC(2026, 11, rng.int(1, 31), rng.int(0, 23))).toISOString();
  if (s.format === 'email') return `fz${rng.alnum(6)}@example.com`;
  if (s.format === 'uri' || s.format === 'url') return `https://example.com/${rng.alnum(6)}`;
  const min = s.minLength ?? 1;
  const max = Math.min(s.maxLength ?? min + 12, min + 12);
  const length = rng.int(min, Math.max(min, max));
  switch (s.pattern) {
    case undefined:
      return rng.chance(0.3) ? `评议${rng.alnum(Math.max(0, length - 2))}` : rng.alnum(length);
    case '^[a-z0-9]+(-[a-z0-9]+)*$':
      return `fz-${rng.alnum(Math.max(1, length - 3))}`;
    case '^[A-Za-z0-9_-]+$':
      return rng.chars(Math.max(min, length), 'ABCDEFabcdef0123456789_-');
    default:
      // Unit, category and user codes: a letter, then letters and digits.
      return typeof s.example === 'string' && rng.chance(0.2) ? s.example : `fz${rng.alnum(Math.max(1, length - 2))}`;
  }
}

function hint(ctx: Ctx, rng: Rng, name: string, type: string): unknown {
  const p = ctx.pools;
  if (type === 'integer') {
    if (name === 'campaignId') return rng.maybe(p.campaignIds);
    if (name === 'questionnaireId') return rng.maybe(p.questionnaireIds);
    if (/^(unitId|raterUnitId|targetUnitId|parentId|excludeUnitId|id)$/.test(name)) return rng.maybe(p.unitIds);
    if (name === 'categoryId') return rng.maybe(p.categoryIds);
    if (name === 'count') return rng.int(1, 12);
    if (name === 'version') return rng.int(1, 3);
  }
  if (type === 'array') {
    if (name === 'unitIds') return p.unitIds.filter(() => rng.chance(0.5));
    if (name === 'unrankedCategoryIds') return p.categoryIds.filter(() => rng.chance(0.3));
    if (name === 'phones') return ['13800138000', '+8613900139000'].slice(0, rng.int(1, 2));
  }
  if (type === 'string') {
    if (name === 'username') return `fz${rng.alnum(8)}`;
    if (name === 'submissionId') return rng.uuid();
    if (name === 'deviceId') return rng.alnum(32);
    if (name === 'blindedMessage') return rng.maybe(p.blinded);
  }
  return undefined;
}

function freshBallot(ctx: Ctx, rng: Rng): unknown {
  const byCode = rng.chance(0.5) && ctx.pools.ballots.length > 0;
  const base = rng.maybe(byCode ? ctx.pools.ballots : ctx.pools.openBallots);
  if (!base) return {};
  return { ...base, submissionId: rng.uuid(), ...(byCode ? {} : { deviceId: rng.alnum(32) }) };
}

/** A valid body for the operations whose schema alone cannot make one (a code, a token, a definition). */
function exampleBody(ctx: Ctx, op: Operation, rng: Rng): unknown {
  const p = ctx.pools;
  const raterType = rng.pick(['superior', 'peer', 'recipient']);
  switch (op.key) {
    case 'POST /api/respond/code':
      return { code: rng.maybe(p.codes) ?? 'ABCD-EFGH' };
    case 'POST /api/tokens':
      return { code: rng.maybe(p.codes) ?? 'ABCD-EFGH', blindedMessage: rng.maybe(p.blinded) ?? 'AAAA' };
    case 'POST /api/ballots':
      return freshBallot(ctx, rng);
    case 'POST /api/units/import':
      return rng.maybe(p.importFiles);
    case 'POST /api/questionnaires/import':
      return rng.maybe(p.definitions);
    case 'PUT /api/questionnaires/{id}':
      return {
        definition: rng.maybe(p.definitions) ?? {},
        ...(rng.chance(0.5) ? { title: `模糊 ${rng.alnum(4)}` } : {}),
      };
    case 'POST /api/questionnaires':
      return rng.chance(0.5)
        ? { template: raterType, raterType, title: `模糊 ${rng.alnum(4)}` }
        : { definition: rng.maybe(p.definitions) ?? {}, raterType, title: `模糊 ${rng.alnum(4)}` };
    case 'POST /api/questionnaires/{id}/preview':
      return { answers: (rng.maybe(p.ballots) ?? rng.maybe(p.openBallots))?.answers ?? {} };
    case 'POST /api/auth/login':
      return { username: rng.pick(['nobody', 'leader07', `fz${rng.alnum(6)}`]), password: rng.alnum(14) };
    case 'PATCH /api/campaigns/{id}':
      return rng.chance(0.5) ? { settings: p.settings } : undefined;
    default:
      return undefined;
  }
}

function validBody(ctx: Ctx, op: Operation, rng: Rng): unknown {
  if (!op.body) return undefined;
  if (rng.chance(0.8)) {
    const example = exampleBody(ctx, op, rng);
    if (example !== undefined) return example;
  }
  return sample(ctx, op.body, rng, 'body');
}

/** A path parameter the server knows, by the resource its path names. */
function validPathValue(ctx: Ctx, template: string, name: string, rng: Rng): string {
  const p = ctx.pools;
  const before = template.split(`{${name}}`)[0]!.split('/').filter(Boolean).pop() ?? '';
  const pick = (values: readonly (string | number)[], fallback: string) => String(rng.maybe(values) ?? fallback);
  if (name === 'unitId') return pick(p.unitIds, '1');
  if (name === 'campaign') return pick(p.campaignSlugs, 'demo-2026');
  if (name === 'unit') return pick(p.unitCodes, 'D01');
  if (name === 'slug') return pick(p.publicationSlugs.length ? p.publicationSlugs : p.campaignSlugs, 'demo-2026');
  if (name === 'version') return String(rng.int(1, 2));
  const pools: Record<string, readonly (string | number)[]> = {
    campaigns: p.campaignIds,
    units: p.unitIds,
    categories: p.categoryIds,
    questionnaires: p.questionnaireIds,
    users: p.userIds,
    'code-batches': p.batchIds,
  };
  if (before === 'ballots') return pick(p.ballotIds, rng.uuid());
  return pick(pools[before] ?? p.campaignIds, '1');
}

function validQuery(ctx: Ctx, op: Operation, rng: Rng): [string, string][] {
  const pairs: [string, string][] = [];
  for (const param of op.params.filter((p) => p.in === 'query')) {
    if (!param.required && rng.chance(0.4)) continue;
    let value: string;
    if (param.name === 'units') value = ctx.pools.unitIds.slice(0, rng.int(1, 5)).join(',');
    else if (param.name === 'limit') value = String(rng.int(1, 100));
    else if (param.name === 'family') value = rng.pick(['recipient-default', 'peer-default', 'superior-default']);
    else value = String(sample(ctx, param.schema, rng, param.name));
    pairs.push([encode(param.name), encode(value)]);
  }
  return pairs;
}

// ---------------------------------------------------------------------------------------------------------
// One fuzz case: a request as it goes on the wire.

interface FuzzRequest {
  index: number;
  kind: string;
  op: string | null;
  method: string;
  target: string;
  headers: [string, string][];
  body: Buffer | null;
  /** Bytes appended after the body (large bodies share one buffer instead of building 3 MB each). */
  fill: number;
  chunked: boolean;
  /** Complete request bytes for a plain socket: framing node:http would refuse to send. */
  raw: Buffer | null;
  /** A parser-level refusal (the server closing without an answer) is expected, not a failure. */
  tolerant: boolean;
  probe: boolean;
}

interface Parts {
  pathValues: Record<string, string>;
  query: [string, string][];
  body: unknown;
  session: Session | null;
}

function targetOf(template: string, pathValues: Record<string, string>, query: [string, string][]): string {
  const path = template.replace(/\{(\w+)\}/g, (_, name: string) => pathValues[name] ?? '1');
  return query.length ? `${path}?${query.map(([k, v]) => (v === '' ? k : `${k}=${v}`)).join('&')}` : path;
}

const READS = ['GET', 'HEAD', 'OPTIONS'];

function baseHeaders(ctx: Ctx, session: Session | null, rng: Rng, hasBody: boolean): [string, string][] {
  const headers: [string, string][] = [
    ['host', ctx.host],
    ['user-agent', 'pingyi-fuzz/1'],
    ['accept', 'application/json'],
  ];
  if (session) headers.push(['cookie', `pingyi_session=${session.token}`]);
  if (hasBody) headers.push(['content-type', 'application/json']);
  // Spread over many forwarded addresses, so per-address limits do not answer everything with 429.
  if (rng.chance(0.6)) headers.push(['x-forwarded-for', rng.ipv4()]);
  return headers;
}

function makeRequest(
  ctx: Ctx,
  index: number,
  kind: string,
  op: Operation | null,
  method: string,
  template: string,
  parts: Parts,
  rng: Rng,
): FuzzRequest {
  const body = parts.body === undefined ? null : Buffer.from(jsonText(parts.body), 'utf8');
  return {
    index,
    kind,
    op: op?.key ?? null,
    method,
    target: targetOf(template, parts.pathValues, parts.query),
    headers: baseHeaders(ctx, parts.session, rng, body !== null || (parts.session !== null && !READS.includes(method))),
    body,
    fill: 0,
    chunked: false,
    raw: null,
    tolerant: false,
    probe: false,
  };
}

function validParts(ctx: Ctx, op: Operation, rng: Rng, session: Session | null): Parts {
  const pathValues: Record<string, string> = {};
  for (const param of op.params.filter((p) => p.in === 'path')) {
    pathValues[param.name] = encode(validPathValue(ctx, op.path, param.name, rng));
  }
  return { pathValues, query: validQuery(ctx, op, rng), body: validBody(ctx, op, rng), session };
}

function pickSession(ctx: Ctx, rng: Rng): Session | null {
  const role = rng.weighted<Session['role'] | null>([
    [null, 30],
    ['admin', 45],
    ['leader', 10],
    ['staff', 15],
  ]);
  return role ? (ctx.sessions[role] ?? null) : null;
}

function pickOp(ctx: Ctx, rng: Rng, accept: (op: Operation) => boolean = () => true): Operation {
  const ops = ctx.ops.filter(accept);
  return rng.weighted(ops.map((op) => [op, op.weight] as const));
}

// ---------------------------------------------------------------------------------------------------------
// What goes wrong on purpose: values, bodies, parameters, headers, paths and framing.

const LONG = [256, 1000, 4096, 4096, 65_536, 65_536, 200_000];

function weirdString(rng: Rng): string {
  switch (rng.int(0, 21)) {
    case 0:
      return '';
    case 1:
      return ' '.repeat(rng.int(1, 10));
    case 2:
      return 'a'.repeat(rng.pick(LONG));
    case 3:
      return '评'.repeat(rng.pick(LONG) >> 2);
    case 4:
      return '😀👩‍👩‍👧‍👦🏳️‍🌈'.repeat(rng.int(1, 2000));
    case 5:
      return `a\u0000b${'\u0000'.repeat(rng.int(0, 5))}`;
    case 6:
      return '\u202eRTL\u202dLTR\u200f\u061c';
    case 7:
      return '\u200b\ufeff\u2028\u2029';
    case 8:
      return 'e\u0301\u0302\u0303'.repeat(rng.int(1, 500));
    case 9:
      return '../../../../etc/passwd';
    case 10:
      return "'; DROP TABLE units; --";
    case 11:
      return '<script>alert(1)</script>';
    case 12:
      return '%00%ff%ZZ%';
    case 13:
      return String(rng.pick([-1, 0, 2 ** 31, 1e21, 1.5, 'NaN']));
    case 14:
      return rng.pick([
        '2026-13-45T99:99:99.999Z',
        '0000-00-00T00:00:00Z',
        '+275760-09-13T00:00:00.001Z',
        '2026-12-01',
      ]);
    case 15:
      return rng.pick(['null', 'undefined', 'true', '[]', '{}']);
    case 16:
      return '\r\n\t\b\f\v';
    case 17:
      return '\ud800x\udfff';
    case 18:
      return '${7*7}{{7*7}}%s%n';
    case 19:
      return rng.pick(['__proto__', 'constructor', 'toString', 'hasOwnProperty']);
    case 20:
      return 'ＡＢＣ１２３' + '\u0130\u0131ß';
    default:
      return '9'.repeat(rng.int(20, 400));
  }
}

function weirdNumber(rng: Rng): unknown {
  return rng.pick<unknown>([
    -1,
    0,
    1.5,
    -0.0001,
    2 ** 31 - 1,
    2 ** 31,
    2 ** 32,
    2 ** 53,
    Number.MAX_SAFE_INTEGER,
    Number.MIN_VALUE,
    1e308,
    -1e308,
    new RawJson('9007199254740993'),
    new RawJson('123456789012345678901234567890'),
    new RawJson('1e999'),
    new RawJson('-1e999'),
    new RawJson('1e-400'),
    new RawJson('-0'),
    new RawJson('NaN'),
    new RawJson('Infinity'),
    new RawJson('-Infinity'),
    new RawJson('0x10'),
    new RawJson('1.'),
    new RawJson('.5'),
    new RawJson('01'),
  ]);
}

function deepNesting(rng: Rng): RawJson {
  const depth = rng.pick([64, 512, 5000, 50_000, 200_000]);
  if (rng.chance(0.5)) return new RawJson('['.repeat(depth) + ']'.repeat(depth));
  return new RawJson('{"a":'.repeat(depth) + '1' + '}'.repeat(depth));
}

function weirdValue(rng: Rng): unknown {
  switch (rng.int(0, 11)) {
    case 0:
    case 1:
    case 2:
      return weirdString(rng);
    case 3:
    case 4:
      return weirdNumber(rng);
    case 5:
      return rng.pick([null, true, false, [], {}, [[]], [null], { '': '' }]);
    case 6:
      return deepNesting(rng);
    case 7:
      return Array.from({ length: rng.pick([100, 1000, 10_000, 100_000]) }, (_, i) => i);
    case 8:
      return Object.fromEntries(Array.from({ length: rng.pick([100, 1000, 5000, 20_000]) }, (_, i) => [`k${i}`, i]));
    case 9:
      return new RawJson('{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}}}');
    case 10:
      return [weirdString(rng), weirdNumber(rng), { x: weirdString(rng) }];
    default:
      return new RawJson(`"${'\\u0000'.repeat(rng.int(1, 50))}"`);
  }
}

function cloneTree(value: unknown): unknown {
  if (value instanceof RawJson || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(cloneTree);
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) setOwn(out, key, cloneTree(item));
  return out;
}

type Container = Record<string, unknown> | unknown[];
interface Slot {
  parent: Container;
  key: string | number;
}

function slotsOf(holder: Record<string, unknown>, limit = 400): Slot[] {
  const slots: Slot[] = [];
  const queue: Container[] = [holder];
  while (queue.length && slots.length < limit) {
    const node = queue.shift()!;
    const keys: (string | number)[] = Array.isArray(node) ? node.map((_, i) => i) : Object.keys(node);
    for (const key of keys) {
      slots.push({ parent: node, key });
      const child = (node as Record<string | number, unknown>)[key];
      if (child !== null && typeof child === 'object' && !(child instanceof RawJson)) queue.push(child as Container);
    }
  }
  return slots;
}

function typeFlip(value: unknown, rng: Rng): unknown {
  if (typeof value === 'number') return rng.chance(0.5) ? String(value) : [value];
  if (typeof value === 'string') return rng.pick<unknown>([Number(value) || 1, [value], { value }, true]);
  if (typeof value === 'boolean') return rng.pick<unknown>([String(value), Number(value), null]);
  if (Array.isArray(value)) return rng.chance(0.5) ? Object.fromEntries(value.map((v, i) => [i, v])) : value[0];
  if (value && typeof value === 'object') return Object.values(value);
  return rng.pick<unknown>(['null', 0, false]);
}

const EXTRA_KEYS = [
  'extra',
  '__proto__',
  'constructor',
  'prototype',
  '',
  ' ',
  'id',
  'role',
  'isAdmin',
  '😀',
  '\u0000',
  'a'.repeat(5000),
];

/** One to three edits anywhere in a valid body: a weird value, a missing field, an extra one, a type. */
function mutateTree(body: unknown, rng: Rng): unknown {
  const holder: Record<string, unknown> = { root: cloneTree(body) };
  for (let n = rng.int(1, 3); n > 0; n--) {
    const slot = rng.pick(slotsOf(holder));
    const parent = slot.parent as Record<string | number, unknown>;
    const current = parent[slot.key];
    const op = rng.int(0, 6);
    if (op === 0 && parent !== holder && !Array.isArray(parent)) delete parent[slot.key];
    else if (op === 1) parent[slot.key] = typeFlip(current, rng);
    else if (op === 2) parent[slot.key] = [current];
    else if (
      op === 3 &&
      current &&
      typeof current === 'object' &&
      !Array.isArray(current) &&
      !(current instanceof RawJson)
    ) {
      setOwn(current as Record<string, unknown>, rng.pick(EXTRA_KEYS), weirdValue(rng));
    } else if (op === 4 && typeof current === 'number') parent[slot.key] = weirdNumber(rng);
    else parent[slot.key] = weirdValue(rng);
  }
  return holder.root;
}

/** JSON that is not JSON, or JSON in a shape JSON.parse takes differently than a schema expects. */
function malformed(text: string, rng: Rng): Buffer {
  const cut = rng.int(0, Math.max(0, text.length - 1));
  switch (rng.int(0, 17)) {
    case 0:
      return Buffer.from(text.slice(0, cut));
    case 1:
      return Buffer.from(`${text.slice(0, -1)},}`);
    case 2:
      return Buffer.from(text.replace(/"/g, "'"));
    case 3:
      return Buffer.from(`\ufeff${text}`);
    case 4:
      return Buffer.from(`/* comment */${text}// trailing`);
    case 5:
      return Buffer.concat([
        Buffer.from(text.slice(0, cut)),
        Buffer.from([0xff, 0xfe, 0xc0, 0xaf, 0xed, 0xa0, 0x80]),
        Buffer.from(text.slice(cut)),
      ]);
    case 6:
      return Buffer.from(text, 'utf16le');
    case 7:
      return Buffer.from(text.startsWith('{') ? `{"a":1,"a":2,${text.slice(1)}` : text);
    case 8:
      return Buffer.from(rng.pick(['', ' ', '\n', 'null', '0', '"x"', '[]', 'true', '{}', '{', '}', ']', '[', ',']));
    case 9:
      return Buffer.from(`${text}${text}`);
    case 10:
      return Buffer.from(`${text}\u0000`);
    case 11:
      return Buffer.from(text.replace(/:/g, '='));
    case 12:
      return Buffer.from(`{"x":"${'\\'.repeat(rng.int(1, 3))}`);
    case 13:
      return Buffer.from(`{"x":"\t\n\u0001"}`);
    case 14:
      return Buffer.from(`{"x":${'1'.repeat(rng.int(400, 100_000))}}`);
    case 15:
      return Buffer.from(text.replace(/[{}]/g, (c) => (c === '{' ? '[' : ']')));
    case 16:
      return Buffer.from(`{"x":"\\ud800\\u${rng.pick(['zzzz', 'd800', '00'])}"}`);
    default:
      return Buffer.from(encode(text));
  }
}

const CONTENT_TYPES = [
  'text/plain',
  'text/plain;charset=UTF-8',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=----fz',
  'multipart/form-data',
  'application/json; charset=utf-16',
  'application/json;charset=latin1',
  'application/json; charset=utf-8; boundary=x',
  'application/jsonx',
  'application/json-patch+json',
  'application/ld+json',
  'APPLICATION/JSON',
  ' application/json',
  'application/json;;;',
  'application/*',
  '*/*',
  '',
  'json',
  'application/xml',
  `application/json; x=${'a'.repeat(3000)}`,
  'application/octet-stream',
];

const WEIRD_IDS = [
  '0',
  '-1',
  '1.5',
  '1e3',
  '1e400',
  'NaN',
  'Infinity',
  '-Infinity',
  '2147483647',
  '2147483648',
  '4294967296',
  '9007199254740993',
  '99999999999999999999999',
  '0x10',
  '0b1',
  '0o7',
  '+1',
  ' 2',
  '2 ',
  '02',
  '1,2',
  '1;2',
  'null',
  'undefined',
  'true',
  '[]',
  '{}',
  '',
  '%',
  '%ZZ',
  '%00',
  '%2e%2e',
  '..',
  '.',
  '1%2F2',
  '١٢٣',
  '１',
  '😀',
  'constructor',
  '__proto__',
  "1' OR '1'='1",
  '1/../2',
  '%E0%A4%A',
  '%C0%AE',
];

function weirdPathValue(rng: Rng): string {
  if (rng.chance(0.1)) return 'a'.repeat(rng.pick([300, 5000]));
  if (rng.chance(0.1)) return weirdString(rng).slice(0, 2000);
  return rng.pick(WEIRD_IDS);
}

/** Encoded as a browser would, or sent as it is (then over a plain socket when node:http refuses it). */
function placeInPath(value: string, rng: Rng): string {
  return rng.chance(0.5) ? encode(value) : value;
}

function mutateQuery(pairs: [string, string][], rng: Rng): [string, string][] {
  const out = [...pairs];
  const name = out[0]?.[0] ?? rng.pick(['format', 'unitId', 'limit', 'dryRun', 'raterType']);
  switch (rng.int(0, 11)) {
    case 0:
      out.push([name, 'json'], [name, 'csv']);
      break;
    case 1:
      out.splice(0, 1);
      break;
    case 2:
      out.push(['x', '1'], ['__proto__', '1'], ['constructor[prototype][x]', '1']);
      break;
    case 3:
      out.push([name, encode(weirdString(rng).slice(0, 10_000))]);
      break;
    case 4:
      out.push([`${name}[]`, '1'], [`${name}[a]`, 'b']);
      break;
    case 5:
      out.push([name, '']);
      break;
    case 6:
      out.push(['', ''], ['', '=']);
      break;
    case 7:
      for (let i = 0; i < 500; i++) out.push([`p${i}`, String(i)]);
      break;
    case 8:
      out.push([name, '%ZZ'], ['%', '%']);
      break;
    case 9:
      out.push([name, encode(rng.pick(WEIRD_IDS))]);
      break;
    case 10:
      out.push([name, 'a+b%20c%2Bd']);
      break;
    default:
      out.push([name, String(rng.pick([-1, 0, 2 ** 31, 1e21, 0.5]))]);
  }
  return out;
}

function weirdHost(rng: Rng, port: number): string {
  const n = rng.int(1, 10_000);
  return rng.pick([
    'a'.repeat(n),
    `${'x'.repeat(Math.min(n, 9990))}:${port}`,
    `${'a.'.repeat(Math.min(n, 4990))}com`,
    `127.0.0.1:${port}:${port}`,
    `[::1]:${port}`,
    '[zz]',
    `[${'f'.repeat(300)}]`,
    'evil.example',
    `evil.example@127.0.0.1:${port}`,
    '127.0.0.1:99999',
    '127.0.0.1:-1',
    '127.0.0.1:0',
    ':80',
    '',
    ' ',
    '..',
    'host/path',
    'host?x=1',
    'host#frag',
    'user:pass@host',
    'EXAMPLE.COM',
    'localhost',
    `sub.localhost:${port}`,
    'localhost.',
    'évil.example',
    '中文.example',
    'a\tb',
    'a b',
    '%00',
    '127.0.0.1%2f',
    'xn--',
    'xn--a.example',
    '999.1.1.1',
    '1.2.3.08',
    '0x100000000',
    '-a-.example',
    '0x7f.1',
    '127.1',
    '2130706433',
    '[::ffff:127.0.0.1]',
    '\\\\host',
    `127.0.0.1:${port}/../..`,
  ]);
}

const FORWARDED_FOR = [
  'unknown',
  '',
  ',',
  ' , , ',
  '1.2.3.4, 5.6.7.8',
  '999.999.999.999',
  '::1',
  '::ffff:1.2.3.4',
  'fe80::1%eth0',
  '[::1]:80',
  '1.2.3.4:8080',
  '2001:db8::1, 10.0.0.1',
  'a'.repeat(8000),
  Array.from({ length: 1000 }, () => '1.1.1.1').join(','),
  '0.0.0.0',
  '255.255.255.255',
  '1.2.3',
  '01.02.03.04',
  '0x7f000001',
  '-1.-1.-1.-1',
  '2001:0db8::ff00:42:8329/64',
  '1.2.3.4\t',
  'ä',
  '"1.2.3.4"',
  'for=1.2.3.4',
  '::',
  'ffff::ffff::ffff',
];

const FORWARDED_OTHER: [string, string[]][] = [
  ['x-forwarded-host', ['evil.example', 'a'.repeat(5000), ',,', 'evil.example, localhost', '[::1', '']],
  ['x-forwarded-proto', ['https', 'HTTPS', 'https, http', 'http, https', 'javascript', '', 'h'.repeat(3000), 'ftp']],
  ['forwarded', ['for=1.2.3.4;proto=https', 'for="[::1]";host=evil', ';;;', 'for=unknown, for=_hidden']],
  ['x-real-ip', ['1.2.3.4', 'garbage']],
];

const ACCEPT_ENCODINGS = [
  'gzip',
  'deflate',
  'br',
  'zstd',
  'gzip, deflate, br',
  '*',
  '*;q=0',
  'identity;q=0',
  'identity;q=0, *;q=0',
  'gzip;q=0',
  'gzip;q=1.5',
  'gzip;q=abc',
  ',,,',
  'x'.repeat(4000),
  'GZIP',
  'gzip, gzip, gzip',
  'compress',
  'deflate;q=0.5, gzip;q=0.5',
  '',
];

const RANGES = [
  'bytes=0-0',
  'bytes=0-',
  'bytes=-1',
  'bytes=-0',
  'bytes=5-1',
  'bytes=999999999-',
  'bytes=0-999999999',
  'bytes=0-1,2-3,4-5',
  `bytes=${Array.from({ length: 500 }, (_, i) => `${i}-${i}`).join(',')}`,
  'bytes=-',
  'bytes=a-b',
  'items=0-1',
  'bytes=18446744073709551616-',
  'bytes=0-1, 0-1',
  'bytes =0-1',
  '',
  'bytes=-99999999999999999999',
  'bytes=1-0,0-1',
];

function weirdCookie(ctx: Ctx, rng: Rng): string {
  const real = rng.maybe(Object.values(ctx.sessions).map((s) => s.token)) ?? 'x';
  const random = rng.chars(43, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_');
  return rng.pick([
    `pingyi_session=${random}`,
    `pingyi_session=${'a'.repeat(199)}`,
    `pingyi_session=${'a'.repeat(200)}`,
    `pingyi_session=${'a'.repeat(rng.int(1000, 9000))}`,
    `pingyi_session=${real}; pingyi_session=${random}`,
    `pingyi_session=${random}; pingyi_session=${real}`,
    `pingyi_session="${real}"`,
    `pingyi_session=${real.slice(0, -1)}`,
    `pingyi_session=${real}x`,
    `pingyi_session=${real.toUpperCase()}`,
    'pingyi_session=%ZZ',
    'pingyi_session=%00',
    `pingyi_session=${encode('😀评议')}`,
    'pingyi_session=',
    'pingyi_session',
    ';;;;',
    '=',
    ' ',
    Array.from({ length: 300 }, (_, i) => `c${i}=${i}`).join('; '),
    `a=${'b'.repeat(rng.int(1000, 12_000))}`,
    `pingyi_session=${real}; ${'x=y; '.repeat(500)}`,
    `PINGYI_SESSION=${real}`,
    ...ctx.endedTokens.map((token) => `pingyi_session=${token}`),
  ]);
}

function setHeader(headers: [string, string][], name: string, value: string | null): void {
  const kept = headers.filter(([key]) => key.toLowerCase() !== name);
  headers.length = 0;
  headers.push(...kept);
  if (value !== null) headers.push([name, value]);
}

function mutateHeaders(ctx: Ctx, req: FuzzRequest, rng: Rng): void {
  for (let n = rng.int(1, 3); n > 0; n--) {
    switch (rng.int(0, 13)) {
      case 0:
      case 1:
        setHeader(req.headers, 'host', weirdHost(rng, ctx.port));
        break;
      case 2:
        setHeader(req.headers, 'x-forwarded-for', rng.pick(FORWARDED_FOR));
        break;
      case 3: {
        const [name, values] = rng.pick(FORWARDED_OTHER);
        setHeader(req.headers, name, rng.pick(values));
        break;
      }
      case 4:
        setHeader(req.headers, 'accept-encoding', rng.pick(ACCEPT_ENCODINGS));
        break;
      case 5:
        setHeader(
          req.headers,
          'sec-fetch-site',
          rng.pick(['cross-site', 'same-site', 'none', 'same-origin', 'CROSS-SITE', '']),
        );
        break;
      case 6:
        setHeader(req.headers, 'origin', rng.pick(['https://evil.example', 'null', '', `http://${ctx.host}`]));
        break;
      case 7:
        setHeader(req.headers, 'accept', rng.pick(['*/*', 'text/html', '', 'application/json;q=0', 'x'.repeat(3000)]));
        break;
      case 8:
        setHeader(req.headers, 'range', rng.pick(RANGES));
        break;
      case 9:
        setHeader(
          req.headers,
          'user-agent',
          rng.pick(['', 'a'.repeat(8000), 'Mozilla/5.0 (iPhone) MicroMessenger/8.0']),
        );
        break;
      case 10:
        for (let i = 0; i < rng.pick([50, 200]); i++) req.headers.push([`x-fz-${i}`, String(i)]);
        break;
      case 11:
        req.headers.push(['cookie', weirdCookie(ctx, rng)]);
        break;
      case 12:
        setHeader(req.headers, 'if-none-match', rng.pick(['*', 'W/"x"', '"', 'x'.repeat(2000)]));
        break;
      default:
        setHeader(req.headers, 'x-fz', weirdString(rng).slice(0, 2000));
    }
  }
}

function unknownPath(rng: Rng): string {
  return rng.pick([
    '/assets/../../package.json',
    '/assets/..%2f..%2fpackage.json',
    '/assets/%2e%2e/%2e%2e/package.json',
    '/assets/%252e%252e/%252e%252e/package.json',
    '/api/../package.json',
    '/..%5c..%5cpackage.json',
    '/assets/....//....//etc/passwd',
    '/%2e%2e/%2e%2e/etc/passwd',
    '/assets/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd',
    '/assets/index.html%00.js',
    '//etc/passwd',
    '/api//units',
    '/API/units',
    '/api/units/',
    '/api/units?',
    '/api/%75nits',
    '/api/units/%',
    '/api/units/%E0%A4%A',
    '/api/units/1;jsessionid=x',
    '/api/campaigns/1/../../users',
    `/${'a/'.repeat(rng.int(10, 1500))}`,
    `/api/${'x'.repeat(rng.int(100, 8000))}`,
    `/api/${rng.alnum(8)}/${rng.alnum(4)}`,
    `/${rng.alnum(6)}.php`,
    '/.env',
    '/.git/config',
    '/server/main.ts',
    '/dist/client/index.html',
    '/assets/',
    '/assets',
    '/api',
    '/api/',
    '/api/docs',
    '/api/docs/',
    '/api/docs/../openapi.json',
    '/api/openapi.json/',
    '/index.html',
    '/favicon.ico',
    '/r/demo-2026/D01',
    `/r/${encode(weirdString(rng).slice(0, 500))}`,
    '/api/health?x=%ZZ',
    '/%',
    '/%ff',
    '/a%00b',
    '/😀',
    '/a b',
    '/..',
    '/\\..\\..\\etc\\passwd',
    '/api/units\\..\\users',
  ]);
}

// ---------------------------------------------------------------------------------------------------------
// The kinds of case, each a function of (case index, its generator).

const ODD_METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'TRACE', 'PROPFIND', 'FOO', 'CONNECT'];

function kindValid(ctx: Ctx, index: number, rng: Rng): FuzzRequest {
  const op = pickOp(ctx, rng);
  return makeRequest(ctx, index, 'valid', op, op.method, op.path, validParts(ctx, op, rng, pickSession(ctx, rng)), rng);
}

function kindBody(ctx: Ctx, index: number, rng: Rng): FuzzRequest {
  const op = pickOp(ctx, rng, (o) => o.body !== null);
  const parts = validParts(ctx, op, rng, pickSession(ctx, rng));
  parts.body = mutateTree(parts.body ?? {}, rng);
  return makeRequest(ctx, index, 'body', op, op.method, op.path, parts, rng);
}

function kindParam(ctx: Ctx, index: number, rng: Rng): FuzzRequest {
  const op = pickOp(ctx, rng, (o) => o.params.some((p) => p.in === 'path'));
  const parts = validParts(ctx, op, rng, pickSession(ctx, rng));
  for (const [i, name] of Object.keys(parts.pathValues).entries()) {
    if (i === 0 || rng.chance(0.5)) parts.pathValues[name] = placeInPath(weirdPathValue(rng), rng);
  }
  return makeRequest(ctx, index, 'param', op, op.method, op.path, parts, rng);
}

function kindQuery(ctx: Ctx, index: number, rng: Rng): FuzzRequest {
  const op = pickOp(ctx, rng, (o) => rng.chance(0.3) || o.params.some((p) => p.in === 'query'));
  const parts = validParts(ctx, op, rng, pickSession(ctx, rng));
  parts.query = mutateQuery(parts.query, rng);
  return makeRequest(ctx, index, 'query', op, op.method, op.path, parts, rng);
}

function kindHeaders(ctx: Ctx, index: number, rng: Rng): FuzzRequest {
  const req = kindValid(ctx, index, rng);
  req.kind = 'headers';
  mutateHeaders(ctx, req, rng);
  return req;
}

function kindCookie(ctx: Ctx, index: number, rng: Rng): FuzzRequest {
  const req = kindValid(ctx, index, rng);
  req.kind = 'cookie';
  setHeader(req.headers, 'cookie', weirdCookie(ctx, rng));
  if (rng.chance(0.3)) req.headers.push(['cookie', weirdCookie(ctx, rng)]);
  if (req.method !== 'GET' && rng.chance(0.3)) setHeader(req.headers, 'sec-fetch-site', 'cross-site');
  return req;
}

function kindContentType(ctx: Ctx, index: number, rng: Rng): FuzzRequest {
  const op = pickOp(ctx, rng, (o) => o.method !== 'GET');
  const parts = validParts(ctx, op, rng, rng.chance(0.7) ? (ctx.sessions.admin ?? null) : pickSession(ctx, rng));
  const req = makeRequest(ctx, index, 'content', op, op.method, op.path, parts, rng);
  const text = req.body?.toString('utf8') ?? '{}';
  if (rng.chance(0.5)) req.body = malformed(text, rng);
  else req.body = rng.chance(0.2) ? null : Buffer.from(rng.chance(0.5) ? text : `a=1&b=${encode(text)}`);
  if (rng.chance(0.6)) setHeader(req.headers, 'content-type', rng.pick(CONTENT_TYPES));
  if (rng.chance(0.15)) setHeader(req.headers, 'content-type', null);
  if (rng.chance(0.1)) setHeader(req.headers, 'content-encoding', rng.pick(['gzip', 'br', 'identity', 'x']));
  return req;
}

function kindMethod(ctx: Ctx, index: number, rng: Rng): FuzzRequest {
  const op = pickOp(ctx, rng);
  const method = rng.pick(ODD_METHODS);
  const same = ctx.ops.find((o) => o.path === op.path && o.method === method) ?? null;
  const parts = validParts(ctx, same ?? op, rng, pickSession(ctx, rng));
  if (!same && method !== 'GET' && method !== 'HEAD') parts.body = rng.chance(0.5) ? {} : parts.body;
  if (method === 'GET' || method === 'HEAD') parts.body = rng.chance(0.8) ? undefined : parts.body;
  const req = makeRequest(ctx, index, 'method', same, method, op.path, parts, rng);
  req.tolerant = !['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'].includes(method);
  return req;
}

function kindPath(ctx: Ctx, index: number, rng: Rng): FuzzRequest {
  const method = rng.weighted([
    ['GET', 6],
    ['POST', 2],
    ['HEAD', 1],
    ['OPTIONS', 1],
    ['DELETE', 1],
  ] as const);
  const session = pickSession(ctx, rng);
  const parts: Parts = { pathValues: {}, query: [], body: method === 'POST' ? {} : undefined, session };
  return makeRequest(ctx, index, 'path', null, method, unknownPath(rng), parts, rng);
}

function kindStatic(ctx: Ctx, index: number, rng: Rng): FuzzRequest {
  const path = rng.pick([
    ...ctx.pools.assets,
    '/',
    '/index.html',
    '/assets/none.js',
    '/favicon.ico',
    '/api/openapi.json',
  ]);
  const method = rng.weighted([
    ['GET', 8],
    ['HEAD', 2],
  ] as const);
  const req = makeRequest(
    ctx,
    index,
    'static',
    null,
    method,
    path,
    { pathValues: {}, query: [], body: undefined, session: null },
    rng,
  );
  setHeader(req.headers, 'accept', '*/*');
  if (rng.chance(0.8)) setHeader(req.headers, 'range', rng.pick(RANGES));
  if (rng.chance(0.7)) setHeader(req.headers, 'accept-encoding', rng.pick(ACCEPT_ENCODINGS));
  if (rng.chance(0.3))
    setHeader(req.headers, 'if-range', rng.pick(['"x"', 'Thu, 01 Jan 1970 00:00:00 GMT', 'garbage']));
  if (rng.chance(0.3)) {
    setHeader(
      req.headers,
      'if-modified-since',
      rng.pick(['garbage', 'Thu, 01 Jan 1970 00:00:00 GMT', 'Sat, 01 Jan 10000 00:00:00 GMT']),
    );
  }
  if (rng.chance(0.2)) setHeader(req.headers, 'if-none-match', rng.pick(['*', 'W/"x"', '"', 'x'.repeat(2000)]));
  return req;
}

function kindLarge(ctx: Ctx, index: number, rng: Rng): FuzzRequest {
  const op = pickOp(ctx, rng, (o) => o.method !== 'GET');
  const parts = validParts(ctx, op, rng, rng.chance(0.5) ? (ctx.sessions.admin ?? null) : null);
  parts.body = undefined;
  const req = makeRequest(ctx, index, 'large', op, op.method, op.path, parts, rng);
  setHeader(req.headers, 'content-type', 'application/json');
  req.body = Buffer.from(rng.pick(['{"filename":"big.csv","contentBase64":"', '{"answers":{"x":"', '["', '"']));
  req.fill = rng.int(BODY_LIMIT / 2, 3 * BODY_LIMIT);
  req.chunked = rng.chance(0.3);
  return req;
}

function kindProbe(ctx: Ctx, index: number, rng: Rng): FuzzRequest {
  const req = kindLarge(ctx, index, rng);
  req.kind = 'probe';
  req.probe = true;
  return req;
}

// Kinds sent over a plain socket: framing and characters node:http will not send.

function rawBytes(head: string[], body: Buffer | string = ''): Buffer {
  return Buffer.concat([
    Buffer.from(`${head.join('\r\n')}\r\n\r\n`, 'utf8'),
    Buffer.isBuffer(body) ? body : Buffer.from(body),
  ]);
}

function rawCase(ctx: Ctx, rng: Rng): { raw: Buffer; label: string } {
  const host = `Host: ${ctx.host}`;
  const json = '{"code":"ABCD-EFGH"}';
  const post = (extra: string[], body: string) =>
    rawBytes(
      ['POST /api/respond/code HTTP/1.1', host, 'Content-Type: application/json', ...extra, 'Connection: close'],
      body,
    );
  const cases: [string, () => Buffer][] = [
    [
      'host with control characters',
      () => rawBytes(['GET /api/health HTTP/1.1', `Host: 127.0.0.1\u0001\u007f`, 'Connection: close']),
    ],
    [
      'host in unicode',
      () => rawBytes(['GET /api/campaigns/1/posters HTTP/1.1', `Host: 评议.example:${ctx.port}`, 'Connection: close']),
    ],
    ['host with spaces', () => rawBytes(['GET /api/health HTTP/1.1', 'Host: a b c', 'Connection: close'])],
    ['no host', () => rawBytes(['GET /api/health HTTP/1.1', 'Connection: close'])],
    ['two hosts', () => rawBytes(['GET /api/health HTTP/1.1', host, 'Host: evil.example', 'Connection: close'])],
    ['HTTP/1.0 without host', () => rawBytes(['GET /api/health HTTP/1.0'])],
    ['HTTP/2.0 request line', () => rawBytes(['GET /api/health HTTP/2.0', host, 'Connection: close'])],
    ['HTTP/9.9 request line', () => rawBytes(['GET /api/health HTTP/9.9', host, 'Connection: close'])],
    ['extra words in request line', () => rawBytes(['GET /api/health HTTP/1.1 extra', host, 'Connection: close'])],
    ['double space in request line', () => rawBytes(['GET  /api/health HTTP/1.1', host, 'Connection: close'])],
    ['lower-case method', () => rawBytes(['get /api/health HTTP/1.1', host, 'Connection: close'])],
    ['unknown method', () => rawBytes(['FOO /api/health HTTP/1.1', host, 'Connection: close'])],
    ['CONNECT', () => rawBytes([`CONNECT 127.0.0.1:${ctx.port} HTTP/1.1`, host, 'Connection: close'])],
    ['TRACE', () => rawBytes(['TRACE /api/health HTTP/1.1', host, 'Connection: close'])],
    ['HTTP/2 preface', () => Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n')],
    [
      'absolute-form target',
      () => rawBytes([`GET http://127.0.0.1:${ctx.port}/api/health HTTP/1.1`, host, 'Connection: close']),
    ],
    [
      'absolute-form other host',
      () => rawBytes(['GET http://evil.example/api/campaigns/1/posters HTTP/1.1', host, 'Connection: close']),
    ],
    ['OPTIONS *', () => rawBytes(['OPTIONS * HTTP/1.1', host, 'Connection: close'])],
    ['target with spaces', () => rawBytes(['GET /api/units/1 2 HTTP/1.1', host, 'Connection: close'])],
    ['target in raw UTF-8', () => rawBytes(['GET /api/respond/open/评议/单位 HTTP/1.1', host, 'Connection: close'])],
    ['target with NUL', () => rawBytes(['GET /api/units/1\u0000 HTTP/1.1', host, 'Connection: close'])],
    ['target with fragment', () => rawBytes(['GET /api/units/1#x HTTP/1.1', host, 'Connection: close'])],
    ['target not starting with /', () => rawBytes(['GET api/health HTTP/1.1', host, 'Connection: close'])],
    ['header without colon', () => rawBytes(['GET /api/health HTTP/1.1', host, 'NoColonHere', 'Connection: close'])],
    ['header name with space', () => rawBytes(['GET /api/health HTTP/1.1', host, 'Bad Name: x', 'Connection: close'])],
    ['obs-fold', () => rawBytes(['GET /api/health HTTP/1.1', host, 'X-A: a', ' folded', 'Connection: close'])],
    ['header with NUL', () => rawBytes(['GET /api/health HTTP/1.1', host, 'X-A: a\u0000b', 'Connection: close'])],
    [
      'cookie in raw UTF-8',
      () => rawBytes(['GET /api/auth/me HTTP/1.1', host, 'Cookie: pingyi_session=评议😀', 'Connection: close']),
    ],
    ['bare LF line endings', () => Buffer.from(`GET /api/health HTTP/1.1\n${host}\nConnection: close\n\n`)],
    [
      'Content-Length and Transfer-Encoding',
      () => post(['Content-Length: 20', 'Transfer-Encoding: chunked'], `14\r\n${json}\r\n0\r\n\r\n`),
    ],
    ['two Content-Lengths', () => post(['Content-Length: 20', 'Content-Length: 5'], json)],
    ['negative Content-Length', () => post(['Content-Length: -1'], json)],
    ['non-numeric Content-Length', () => post(['Content-Length: abc'], json)],
    ['Content-Length shorter than body', () => post(['Content-Length: 5'], `${json}GET / HTTP/1.1\r\n\r\n`)],
    ['Transfer-Encoding gzip', () => post(['Transfer-Encoding: gzip'], json)],
    ['bad chunk size', () => post(['Transfer-Encoding: chunked'], 'zz\r\nabc\r\n0\r\n\r\n')],
    ['chunk extension', () => post(['Transfer-Encoding: chunked'], `14;${'x'.repeat(2000)}\r\n${json}\r\n0\r\n\r\n`)],
    ['chunked with trailers', () => post(['Transfer-Encoding: chunked'], `14\r\n${json}\r\n0\r\nX-T: 1\r\n\r\n`)],
    ['Expect 100-continue', () => post(['Expect: 100-continue', `Content-Length: ${json.length}`], json)],
    ['Expect garbage', () => post(['Expect: fz', `Content-Length: ${json.length}`], json)],
    [
      'Upgrade websocket',
      () =>
        rawBytes([
          'GET /api/health HTTP/1.1',
          host,
          'Upgrade: websocket',
          'Connection: Upgrade',
          'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
          'Sec-WebSocket-Version: 13',
        ]),
    ],
    [
      'Upgrade h2c',
      () =>
        rawBytes([
          'GET /api/health HTTP/1.1',
          host,
          'Upgrade: h2c',
          'Connection: Upgrade, HTTP2-Settings',
          'HTTP2-Settings: AAMAAABkAAQAAP__',
        ]),
    ],
    [
      'pipelined requests',
      () =>
        Buffer.from(
          `GET /api/health HTTP/1.1\r\n${host}\r\n\r\nGET /api/deployment HTTP/1.1\r\n${host}\r\nConnection: close\r\n\r\n`,
        ),
    ],
    [
      '2,000 headers',
      () =>
        rawBytes([
          'GET /api/health HTTP/1.1',
          host,
          ...Array.from({ length: 2000 }, (_, i) => `X-${i}: ${i}`),
          'Connection: close',
        ]),
    ],
    [
      'cookie-carrying write with a Latin-1 content type',
      () =>
        post(
          ['Cookie: pingyi_session=x', 'Content-Type: application/json\u00e9', `Content-Length: ${json.length}`],
          json,
        ),
    ],
    ['empty line first', () => Buffer.from(`\r\nGET /api/health HTTP/1.1\r\n${host}\r\nConnection: close\r\n\r\n`)],
  ];
  const [label, build] = rng.pick(cases);
  return { raw: build(), label };
}

function kindRaw(ctx: Ctx, index: number, rng: Rng): FuzzRequest {
  const { raw, label } = rawCase(ctx, rng);
  const firstLine = raw
    .subarray(0, Math.max(0, raw.indexOf('\n')))
    .toString('utf8')
    .trim();
  const [method = '?', target = '?'] = firstLine.split(' ');
  return { ...emptyRequest(index, `raw: ${label}`), method, target, raw, tolerant: true };
}

function kindOversized(ctx: Ctx, index: number, rng: Rng): FuzzRequest {
  const req = kindValid(ctx, index, rng);
  req.kind = 'oversized headers';
  req.headers.push(['cookie', `a=${'b'.repeat(rng.int(17_000, 60_000))}`]);
  req.tolerant = true;
  return req;
}

function emptyRequest(index: number, kind: string): FuzzRequest {
  return {
    index,
    kind,
    op: null,
    method: 'GET',
    target: '/',
    headers: [],
    body: null,
    fill: 0,
    chunked: false,
    raw: null,
    tolerant: false,
    probe: false,
  };
}

type Kind = (ctx: Ctx, index: number, rng: Rng) => FuzzRequest;

const KINDS: [Kind, number][] = [
  [kindValid, 10],
  [kindBody, 28],
  [kindParam, 13],
  [kindQuery, 7],
  [kindHeaders, 10],
  [kindCookie, 5],
  [kindContentType, 8],
  [kindMethod, 5],
  [kindPath, 5],
  [kindStatic, 3],
  [kindRaw, 3],
  [kindLarge, 0.3],
  [kindProbe, 0.12],
  [kindOversized, 0.1],
];

// ---------------------------------------------------------------------------------------------------------
// Guarding the run's own footing: a write that would end a session or the open demo campaign goes to a
// stand-in instead (phase C does those things on purpose, at the end).

function idIn(segment: string | undefined, ids: Set<number>): boolean {
  if (segment === undefined) return false;
  let decoded = segment;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    // left as it is: the server sees it so too
  }
  // The server coerces with Number(): "01", " 1", "0x1" and "1e0" all name id 1.
  const n = Number(decoded.trim());
  return ids.has(n) || ids.has(Number.parseInt(decoded, 10));
}

/** Writes that would change or end what the run stands on, by resource and what follows the id. */
function guardRules(ctx: Ctx): [string, Set<number>, number, (method: string, rest: string) => boolean][] {
  const g = ctx.guarded;
  const changes = (method: string) => ['PUT', 'PATCH', 'DELETE'].includes(method);
  return [
    [
      'campaigns',
      g.campaigns,
      ctx.stand.campaign,
      (m, rest) => changes(m) || /^(open|close|archive|publish|units|categories|rater-types)\b/.test(rest),
    ],
    ['units', g.units, ctx.stand.unit, changes],
    ['categories', g.categories, ctx.stand.category, changes],
    ['questionnaires', g.questionnaires, ctx.stand.questionnaire, changes],
    ['users', g.users, ctx.stand.user, (m) => m !== 'GET'],
    ['code-batches', g.batches, ctx.stand.batch, (m) => m !== 'GET'],
  ];
}

function guard(ctx: Ctx, req: FuzzRequest): void {
  if (req.raw || ['GET', 'HEAD', 'OPTIONS'].includes(req.method)) return;
  const [pathPart, query] = splitTarget(req.target);
  const routed = routedSegments(pathPart);
  for (const [resource, ids, stand, applies] of guardRules(ctx)) {
    if (routed[1] !== 'api' || routed[2] !== resource || !idIn(routed[3], ids)) continue;
    const rest = routed.slice(4).join('/');
    if (!applies(req.method.toUpperCase(), rest)) continue;
    let tail = '';
    try {
      tail = rest ? `/${encodeURI(rest)}` : '';
    } catch {
      // a lone surrogate: the stand-in's bare path will do
    }
    req.target = `/api/${resource}/${stand}${tail}${query === undefined ? '' : `?${query}`}`;
  }
  if (/^\/api\/+auth\/+logout/i.test(req.target)) {
    for (const header of req.headers) {
      if (header[0].toLowerCase() !== 'cookie') continue;
      for (const session of Object.values(ctx.sessions))
        header[1] = header[1].split(session.token).join(`fz${session.token.slice(2)}`);
    }
  }
  if (req.op === 'POST /api/auth/login' && req.body) {
    const text = req.body.toString('utf8').toLowerCase();
    if ([...ctx.guarded.usernames].some((name) => text.includes(`"${name}"`))) {
      req.body = Buffer.from('{"username":"nobody","password":"x"}');
    }
  }
}

/** The path as the server routes it: dot segments resolved (node-server), then percent-decoded (Hono). */
function routedSegments(pathPart: string): string[] {
  let path = pathPart;
  try {
    path = new URL(pathPart, 'http://h').pathname;
  } catch {
    // not a URL path: routed as it is
  }
  try {
    path = decodeURI(path);
  } catch {
    // malformed escapes: Hono leaves them too
  }
  return path.split('/');
}

function splitTarget(target: string): [string, string | undefined] {
  const at = target.indexOf('?');
  return at === -1 ? [target, undefined] : [target.slice(0, at), target.slice(at + 1)];
}

// ---------------------------------------------------------------------------------------------------------
// Sending: node:http with keep-alive for what it can send, a plain socket for the rest.

interface Outcome {
  status: number | null;
  /** An error before a complete answer: a reset, a timeout, a close without an answer. */
  error: string | null;
  /** An error after the answer was read (writing the rest of a refused body, say). */
  after: string | null;
  reused: boolean;
  /** The cases this socket carried before, oldest first (the last few). */
  previous: number[];
  contentType: string;
  body: Buffer;
  ms: number;
  statuses: number[];
}

const INVALID_PATH = /[^\u0021-\u00ff]/;
const INVALID_VALUE = /[^\t\u0020-\u007e\u0080-\u00ff]/;
const TOKEN = /^[\^_`a-zA-Z\-0-9!#$%&'*+.|~]+$/;

function needsRawSocket(req: FuzzRequest): boolean {
  return (
    INVALID_PATH.test(req.target) ||
    !TOKEN.test(req.method) ||
    req.headers.some(([name, value]) => !TOKEN.test(name) || INVALID_VALUE.test(value))
  );
}

function bodyLength(req: FuzzRequest): number {
  return (req.body?.length ?? 0) + req.fill;
}

function wireHeaders(req: FuzzRequest): [string, string][] {
  const headers = [...req.headers];
  const has = (name: string) => headers.some(([key]) => key.toLowerCase() === name);
  if (req.chunked) setHeader(headers, 'transfer-encoding', 'chunked');
  else if ((req.body || req.fill) && !has('content-length')) headers.push(['content-length', String(bodyLength(req))]);
  return headers;
}

/** A request node:http would refuse to send, as bytes: utf-8 throughout, one answer, then close. */
function toRaw(req: FuzzRequest, filler: Buffer): Buffer {
  const headers = wireHeaders(req).filter(([name]) => name.toLowerCase() !== 'transfer-encoding');
  if (req.chunked && !headers.some(([name]) => name === 'content-length'))
    headers.push(['content-length', String(bodyLength(req))]);
  const head = [`${req.method} ${req.target} HTTP/1.1`, ...headers.map(([k, v]) => `${k}: ${v}`), 'connection: close'];
  return rawBytes(head, Buffer.concat([req.body ?? Buffer.alloc(0), filler.subarray(0, req.fill)]));
}

const socketHistory = new WeakMap<net.Socket, number[]>();

function sendHttp(req: FuzzRequest, port: number, agent: http.Agent, filler: Buffer): Promise<Outcome> {
  return new Promise((resolve) => {
    const started = performance.now();
    const outcome = emptyOutcome();
    let settled = false;
    const finish = () => {
      if (settled) return;
      settled = true;
      outcome.ms = performance.now() - started;
      resolve(outcome);
    };
    let ended = false;
    const fail = (error: Error & { code?: string }) => {
      const text = error.code ?? error.message;
      if (ended) outcome.after ??= text;
      else if (outcome.status !== null) outcome.error ??= `${text} while the answer's body was arriving`;
      else outcome.error ??= text;
      // A cut-off answer may still emit its end: wait for it a little, never forever.
      if (!ended) setTimeout(finish, outcome.status === null ? 0 : 2000);
    };
    let request: http.ClientRequest;
    try {
      request = http.request({
        host: '127.0.0.1',
        port,
        method: req.method,
        path: req.target,
        headers: wireHeaders(req).flat(),
        agent,
        setHost: false,
        timeout: REQUEST_TIMEOUT_MS,
      });
    } catch (error) {
      outcome.error = `client refused to send: ${(error as Error).message}`;
      return finish();
    }
    request.on('socket', (socket) => {
      outcome.reused = request.reusedSocket;
      const history = socketHistory.get(socket) ?? [];
      outcome.previous = [...history];
      socketHistory.set(socket, [...history.slice(-7), req.index]);
    });
    request.on('timeout', () => request.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })));
    request.on('error', fail);
    request.on('response', (res) => {
      outcome.status = res.statusCode ?? null;
      outcome.contentType = String(res.headers['content-type'] ?? '');
      const chunks: Buffer[] = [];
      let kept = 0;
      res.on('data', (chunk: Buffer) => {
        if (kept < 65_536) chunks.push(chunk);
        kept += chunk.length;
      });
      res.on('end', () => {
        ended = true;
        outcome.body = Buffer.concat(chunks);
        decodeBody(outcome, String(res.headers['content-encoding'] ?? ''));
        finish();
      });
      res.on('error', fail);
      res.on('aborted', () => fail(Object.assign(new Error('aborted'), { code: 'ABORTED' })));
    });
    writeBody(request, req, filler);
  });
}

function writeBody(request: http.ClientRequest, req: FuzzRequest, filler: Buffer): void {
  if (req.body) request.write(req.body);
  if (req.chunked) {
    for (let at = 0; at < req.fill; at += 256 * 1024)
      request.write(filler.subarray(at, Math.min(req.fill, at + 256 * 1024)));
  } else if (req.fill) request.write(filler.subarray(0, req.fill));
  request.end();
}

function decodeBody(outcome: Outcome, encoding: string): void {
  try {
    if (encoding === 'gzip') outcome.body = gunzipSync(outcome.body);
    else if (encoding === 'deflate') outcome.body = inflateSync(outcome.body);
    else if (encoding === 'br') outcome.body = brotliDecompressSync(outcome.body);
  } catch {
    // truncated at 64 KiB: the prefix is enough for a report
  }
}

function emptyOutcome(): Outcome {
  return {
    status: null,
    error: null,
    after: null,
    reused: false,
    previous: [],
    contentType: '',
    body: Buffer.alloc(0),
    ms: 0,
    statuses: [],
  };
}

/**
 * One request over its own socket. It is not half-closed (node:http aborts a request whose client sent
 * FIN); the answer is complete when the server closes, or 500 ms after the last byte when it keeps the
 * connection (an upgrade, a pipelined pair).
 */
function sendRaw(bytes: Buffer, port: number): Promise<Outcome> {
  return new Promise((resolve) => {
    const started = performance.now();
    const outcome = emptyOutcome();
    const chunks: Buffer[] = [];
    let size = 0;
    let idle: NodeJS.Timeout | undefined;
    let failure: string | null = null;
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.setTimeout(RAW_TIMEOUT_MS, () => socket.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })));
    socket.on('connect', () => socket.write(bytes));
    socket.on('data', (chunk: Buffer) => {
      if (size < 262_144) chunks.push(chunk);
      size += chunk.length;
      clearTimeout(idle);
      idle = setTimeout(() => socket.destroy(), 500);
    });
    socket.on('error', (error: Error & { code?: string }) => (failure ??= error.code ?? error.message));
    socket.on('close', () => {
      clearTimeout(idle);
      const text = Buffer.concat(chunks).toString('latin1');
      outcome.statuses = [...text.matchAll(/(?:^|\r\n)HTTP\/1\.[01] (\d{3})/g)].map((m) => Number(m[1]));
      outcome.status = outcome.statuses.find((status) => status >= 200) ?? outcome.statuses[0] ?? null;
      outcome.contentType = /\r\ncontent-type: ([^\r\n]*)/i.exec(text)?.[1] ?? '';
      outcome.body = Buffer.from(text.slice(text.indexOf('\r\n\r\n') + 4), 'latin1');
      if (outcome.status === null) outcome.error = failure ?? 'closed without an answer';
      else outcome.after = failure;
      outcome.ms = performance.now() - started;
      resolve(outcome);
    });
  });
}

// ---------------------------------------------------------------------------------------------------------
// Counting.

interface WireRecord {
  index: number;
  kind: string;
  method: string;
  path: string;
  bytes: number;
  status: number | null;
  start: number;
  end: number;
}

interface Finding {
  index: number;
  what: string;
  request: FuzzRequest;
  outcome: Outcome;
}

class Tally {
  sent = 0;
  byStatus = new Map<number, number>();
  before = new Map<string, number>();
  after = new Map<string, number>();
  refusals = new Map<string, number>();
  /** Failures by kind, with their first few cases. */
  groups = new Map<string, { count: number; examples: Finding[] }>();
  fivexx = 0;
  failures = 0;
  shape = new Map<string, { count: number; examples: Map<string, number> }>();
  perOp = new Map<string, { n: number; ok: number; client: number; server: number; none: number; ms: number }>();
  probe = { sent: 0, sameSocket: 0, newSocket: 0, failed: 0 };
  fuzzerErrors: string[] = [];
  /** When each case was on the wire, to find the case behind a server log line. */
  timeline: WireRecord[] = [];
  byIndex = new Map<number, WireRecord>();
  /** Resets on kept-alive sockets, by what the socket's previous request was and how it was answered. */
  resetCauses = new Map<string, number>();
  timeByKind = new Map<string, number>();

  record(req: FuzzRequest, outcome: Outcome): void {
    // A 100 Continue is part of its request's answer, not an answer of its own.
    const final = outcome.statuses.filter((status) => status >= 200);
    const statuses = outcome.statuses.length ? final : outcome.status === null ? [] : [outcome.status];
    this.sent += Math.max(1, statuses.length);
    for (const status of statuses) this.byStatus.set(status, (this.byStatus.get(status) ?? 0) + 1);
    const kind = req.kind.replace(/^raw: .*/, 'raw');
    this.timeByKind.set(kind, (this.timeByKind.get(kind) ?? 0) + outcome.ms);
    const end = Date.now();
    const wire: WireRecord = {
      index: req.index,
      kind: req.kind,
      method: req.method,
      path: splitTarget(req.target)[0],
      bytes: bodyLength(req),
      status: outcome.status,
      start: end - outcome.ms,
      end,
    };
    this.timeline.push(wire);
    if (!this.byIndex.has(req.index)) this.byIndex.set(req.index, wire);
    if (outcome.after) bump(this.after, `${outcome.after} (${req.kind})`);
    if (req.op) this.countOp(req.op, outcome);
    if (statuses.some((status) => status >= 500)) {
      this.fivexx++;
      this.finding(req, outcome, `${outcome.status} answer`, fiveHundredGroup(req, outcome));
    }
    if (outcome.error) this.connectionError(req, outcome);
    else this.checkShape(req, outcome);
  }

  private connectionError(req: FuzzRequest, outcome: Outcome): void {
    bump(this.before, outcome.error!);
    if (req.tolerant) return void bump(this.refusals, `${req.kind}: ${outcome.error}`);
    // The socket's culprit: its latest earlier request with a body the server may have left unread.
    const earlier = outcome.previous.map((index) => this.byIndex.get(index)).filter((w) => w !== undefined);
    const now = Date.now();
    const culprit =
      [...earlier].reverse().find((w) => w.bytes > 65_536 && now - w.end < 2000) ?? earlier[earlier.length - 1];
    if (!outcome.reused || !culprit) {
      const group = `${outcome.error} on ${outcome.reused ? 'a kept-alive' : 'a new'} connection (${req.kind})`;
      return this.finding(req, outcome, `${outcome.error} before an answer`, group);
    }
    const bucket =
      culprit.bytes === 0
        ? 'no body'
        : culprit.bytes <= 65_536
          ? 'a body ≤ 64 KiB'
          : culprit.bytes <= BODY_LIMIT
            ? 'a body of 64 KiB–1 MiB'
            : 'a body > 1 MiB';
    const cause = `an earlier ${culprit.method} with ${bucket} → ${culprit.status ?? 'no answer'}`;
    bump(this.resetCauses, cause);
    const what = `${outcome.error} on a kept-alive socket, ${Math.round(outcome.ms)} ms after it was sent; the socket carried case #${culprit.index}, answered ${Date.now() - culprit.end} ms before the reset (${culprit.kind}: ${culprit.method} ${clip(culprit.path, 80)}, ${culprit.bytes} body bytes → ${culprit.status ?? 'no answer'})`;
    this.finding(req, outcome, what, `${outcome.error} on a kept-alive socket after ${cause}`);
  }

  private finding(req: FuzzRequest, outcome: Outcome, what: string, group: string): void {
    this.failures++;
    const row = this.groups.get(group) ?? { count: 0, examples: [] };
    row.count++;
    if (row.examples.length < 3) row.examples.push({ index: req.index, what, request: req, outcome });
    this.groups.set(group, row);
  }

  private countOp(op: string, outcome: Outcome): void {
    const row = this.perOp.get(op) ?? { n: 0, ok: 0, client: 0, server: 0, none: 0, ms: 0 };
    row.n++;
    row.ms += outcome.ms;
    const status = outcome.status;
    if (status === null) row.none++;
    else if (status < 400) row.ok++;
    else if (status < 500) row.client++;
    else row.server++;
    this.perOp.set(op, row);
  }

  /** Every API refusal should be the one error shape, {"error":{"code","message"}}. */
  private checkShape(req: FuzzRequest, outcome: Outcome): void {
    const status = outcome.status ?? 0;
    if (status < 400 || status >= 500 || req.method === 'HEAD' || !/^\/api(\/|$|\?)/i.test(req.target)) return;
    // Answers read off a plain socket are not decoded (chunked, gzip); framing refusals are Node's anyway.
    if (req.raw) return;
    const text = outcome.body.toString('utf8', 0, 200);
    if (text.startsWith('{"error":{"code":')) return;
    const key = `${status} ${outcome.contentType.split(';')[0] || '(no content type)'} ${JSON.stringify(text.slice(0, 70))}`;
    const row = this.shape.get(key) ?? { count: 0, examples: new Map<string, number>() };
    row.count++;
    const what = req.op ?? req.kind;
    if (!row.examples.has(what) && row.examples.size < 6) row.examples.set(what, req.index);
    this.shape.set(key, row);
  }
}

/** 5xx answers by cause as far as the request shows it: an odd Host header is one cause across every route. */
function fiveHundredGroup(req: FuzzRequest, outcome: Outcome): string {
  const host = req.headers.find(([name]) => name.toLowerCase() === 'host')?.[1];
  if (host !== undefined && !/^127\.0\.0\.1:\d+$/.test(host))
    return `${outcome.status} answers with Host: ${clip(host, 60)} (any route)`;
  return `${outcome.status} answers to ${req.op ?? req.kind}`;
}

function bump(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

function clip(text: string, max: number): string {
  const printable = JSON.stringify(text).slice(1, -1);
  return printable.length > max ? `${printable.slice(0, max)}… (${text.length} chars)` : printable;
}

function describe(req: FuzzRequest, outcome: Outcome | null): string {
  const lines = [
    `case #${req.index} [${req.kind}${req.op ? ` · ${req.op}` : ''}] — replay: npx tsx bench/fuzz.ts --seed ${SEED} --only ${req.index}`,
  ];
  if (req.raw) {
    lines.push(`  raw bytes (${req.raw.length}): ${clip(req.raw.toString('latin1'), 600)}`);
  } else {
    lines.push(
      `  ${req.method} ${clip(req.target, 400)}${req.probe ? '  (then GET /api/health on the same kept-alive connection)' : ''}`,
    );
    for (const [name, value] of req.headers) lines.push(`    ${name}: ${clip(value, 120)}`);
    const body = req.body ? clip(req.body.toString('utf8', 0, 300), 300) : '(none)';
    lines.push(
      `  body ${bodyLength(req)} bytes${req.chunked ? ', chunked' : ''}${req.fill ? ` (${req.fill} filler bytes after the prefix)` : ''}: ${body}`,
    );
  }
  if (outcome) {
    lines.push(
      `  → ${outcome.status ?? 'no answer'}${outcome.error ? ` · ${outcome.error}` : ''}${outcome.after ? ` · after the answer: ${outcome.after}` : ''} · ${outcome.ms.toFixed(0)} ms · ${clip(outcome.body.toString('utf8', 0, 300), 300)}`,
    );
  }
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------------------
// The run: phase B (systematic, then random) with guards, then phase C: writes to the open campaign,
// its closing and publication, reads of what that made, and the sessions' ends.

interface Plan {
  systematic: ((index: number) => FuzzRequest)[];
  phaseB: number;
  openWrites: number;
  lifecycle: ((index: number) => FuzzRequest)[];
  afterwards: number;
  endings: ((index: number) => FuzzRequest)[];
}

function systematicCases(ctx: Ctx): ((index: number) => FuzzRequest)[] {
  const cases: ((index: number) => FuzzRequest)[] = [];
  for (const op of ctx.ops) {
    for (const role of [null, 'admin', 'leader', 'staff'] as const) {
      cases.push((index) => {
        const rng = rngFor(SEED, index);
        const session = role ? (ctx.sessions[role] ?? null) : null;
        return makeRequest(
          ctx,
          index,
          'valid (every operation)',
          op,
          op.method,
          op.path,
          validParts(ctx, op, rng, session),
          rng,
        );
      });
    }
  }
  for (const path of [...new Set(ctx.ops.map((op) => op.path))]) {
    for (const method of ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD']) {
      for (const role of [null, 'admin'] as const) {
        cases.push((index) => {
          const rng = rngFor(SEED, index);
          const op = ctx.ops.find((o) => o.path === path && o.method === method) ?? null;
          const template = op ?? ctx.ops.find((o) => o.path === path)!;
          const parts = validParts(ctx, template, rng, role ? (ctx.sessions[role] ?? null) : null);
          if (!op) parts.body = method === 'GET' || method === 'HEAD' ? undefined : {};
          return makeRequest(ctx, index, 'method (every path)', op, method, path, parts, rng);
        });
      }
    }
  }
  return cases;
}

function fixedRequest(
  ctx: Ctx,
  index: number,
  method: string,
  target: string,
  session: Session | null,
  body?: unknown,
): FuzzRequest {
  const rng = rngFor(SEED, index);
  const parts: Parts = { pathValues: {}, query: [], body, session };
  const op = ctx.ops.find(
    (o) => o.method === method && new RegExp(`^${o.path.replace(/\{\w+\}/g, '[^/]+')}(\\?|$)`).test(target),
  );
  const req = makeRequest(ctx, index, 'lifecycle', op ?? null, method, target, parts, rng);
  setHeader(req.headers, 'x-forwarded-for', rng.ipv4());
  return req;
}

function lifecycleCases(ctx: Ctx): ((index: number) => FuzzRequest)[] {
  const id = ctx.demo.campaignId;
  const admin = () => ctx.sessions.admin ?? null;
  const slug = () => ctx.pools.publicationSlugs[0] ?? ctx.demo.slug;
  const steps: [string, () => string, () => Session | null, ((rng: Rng) => unknown)?][] = [
    ['GET', () => `/api/campaigns/${id}/results`, admin],
    ['POST', () => `/api/campaigns/${id}/results/verify`, admin],
    ['GET', () => `/api/campaigns/${id}/participation`, admin],
    ['POST', () => '/api/ballots', () => null, (rng) => freshBallot(ctx, rng)],
    ['POST', () => `/api/campaigns/${id}/close`, admin],
    ['POST', () => `/api/campaigns/${id}/close`, admin],
    ['POST', () => '/api/ballots', () => null, (rng) => freshBallot(ctx, rng)],
    ['POST', () => '/api/respond/code', () => null, (rng) => ({ code: rng.maybe(ctx.pools.codes) ?? 'X' })],
    ['GET', () => `/api/respond/open/${ctx.demo.slug}/${ctx.demo.unitCode}`, () => null],
    ['POST', () => `/api/campaigns/${id}/results/verify`, admin],
    ['GET', () => `/api/campaigns/${id}/results`, admin],
    ['POST', () => `/api/campaigns/${id}/publish`, admin],
    ['POST', () => `/api/campaigns/${id}/publish`, admin],
    ['GET', () => `/api/campaigns/${id}/publications`, admin],
    ['GET', () => `/api/publications/${slug()}`, () => null],
    ['GET', () => `/api/publications/${slug()}/versions/1`, () => null],
    ['GET', () => `/api/publications/${slug()}/versions/1/export.xlsx`, () => null],
    ['GET', () => `/api/reports/${slug()}/units/${ctx.demo.unitId}`, () => ctx.sessions.staff ?? null],
    ['GET', () => `/api/campaigns/${id}/posters`, admin],
    ['POST', () => `/api/campaigns/${id}/archive`, admin],
    ['POST', () => `/api/campaigns/${id}/archive`, admin],
    ['GET', () => `/api/campaigns/${id}/results`, admin],
    ['POST', () => `/api/campaigns/${id}/open`, admin],
    ['POST', () => `/api/campaigns/${id}/code-batches`, admin, () => ({ raterType: 'superior', count: 1 })],
    ['GET', () => `/api/publications/${slug()}`, () => null],
  ];
  return steps.map(
    ([method, target, session, body]) =>
      (index) =>
        fixedRequest(ctx, index, method, target(), session(), body?.(rngFor(SEED, index))),
  );
}

function endingCases(ctx: Ctx): ((index: number) => FuzzRequest)[] {
  const s = ctx.sessions;
  const adminId = [...ctx.guarded.users][0] ?? 1;
  const steps: [string, string, Session | undefined, unknown?][] = [
    ['POST', '/api/auth/logout', s.staff, undefined],
    ['GET', '/api/auth/me', s.staff],
    ['POST', '/api/auth/logout-everywhere', s.leader, undefined],
    [
      'POST',
      '/api/auth/password',
      s.leader,
      { currentPassword: NEW_PASSWORD, newPassword: 'Another-Long-Passphrase-1' },
    ],
    ['POST', `/api/users/${adminId}/reset-password`, s.admin],
    ['GET', '/api/auth/me', s.admin],
    ['POST', '/api/auth/logout', s.admin, undefined],
    ['POST', '/api/auth/logout-everywhere', undefined],
  ];
  return steps.map(
    ([method, target, session, body]) =>
      (index) =>
        fixedRequest(ctx, index, method, target, session ?? null, body),
  );
}

function makePlan(ctx: Ctx): Plan {
  const systematic = systematicCases(ctx);
  const lifecycle = lifecycleCases(ctx);
  const endings = endingCases(ctx);
  const openWrites = Math.floor(CASES * 0.01);
  const afterwards = Math.floor(CASES * 0.01);
  const phaseB = Math.max(systematic.length, CASES - openWrites - lifecycle.length - afterwards - endings.length);
  return { systematic, phaseB, openWrites, lifecycle, afterwards, endings };
}

/** Case i, from (seed, i) and what the run knows. */
function generate(ctx: Ctx, plan: Plan, index: number): FuzzRequest {
  const rng = rngFor(SEED, index);
  let at = index;
  if (at < plan.systematic.length) return guarded(ctx, plan.systematic[at]!(index));
  if (at < plan.phaseB) return guarded(ctx, rng.weighted(KINDS)(ctx, index, rng));
  at -= plan.phaseB;
  if (at < plan.openWrites) return openWrite(ctx, index, rng);
  at -= plan.openWrites;
  if (at < plan.lifecycle.length) return plan.lifecycle[at]!(index);
  at -= plan.lifecycle.length;
  if (at < plan.afterwards) return afterwards(ctx, index, rng);
  at -= plan.afterwards;
  return plan.endings[at]!(index);
}

function guarded(ctx: Ctx, req: FuzzRequest): FuzzRequest {
  guard(ctx, req);
  return req;
}

/** Writes to the open demo campaign and what it uses, unguarded: refusals of an open campaign's changes. */
function openWrite(ctx: Ctx, index: number, rng: Rng): FuzzRequest {
  const op = pickOp(ctx, rng, (o) => o.method !== 'GET' && /\{id\}/.test(o.path) && !/users|auth/.test(o.path));
  const parts = validParts(ctx, op, rng, ctx.sessions.admin ?? null);
  const resource = op.path.split('/')[2];
  const pool: Record<string, Set<number>> = {
    campaigns: ctx.guarded.campaigns,
    units: ctx.guarded.units,
    categories: ctx.guarded.categories,
    questionnaires: ctx.guarded.questionnaires,
  };
  const ids = [...(pool[resource ?? ''] ?? ctx.guarded.campaigns)];
  parts.pathValues.id = String(rng.maybe(ids) ?? ctx.demo.campaignId);
  if (rng.chance(0.6) && parts.body !== undefined) parts.body = mutateTree(parts.body, rng);
  return makeRequest(ctx, index, 'open-campaign write', op, op.method, op.path, parts, rng);
}

/** After publication: reads of results, publications, reports, and ballots for a closed campaign. */
function afterwards(ctx: Ctx, index: number, rng: Rng): FuzzRequest {
  const op = pickOp(ctx, rng, (o) =>
    /publications|reports|results|participation|posters|qr\.svg|respond|ballots|code-batches/.test(o.path),
  );
  const kind = rng.weighted<Kind>([
    [kindValid, 4],
    [kindParam, 3],
    [kindBody, 3],
    [kindHeaders, 2],
  ]);
  const base = kind(ctx, index, rng);
  if (base.op === op.key || rng.chance(0.5)) return guarded(ctx, { ...base, kind: `after publication: ${base.kind}` });
  const parts = validParts(ctx, op, rng, pickSession(ctx, rng));
  return guarded(ctx, makeRequest(ctx, index, 'after publication: valid', op, op.method, op.path, parts, rng));
}

const NODE_MAX_HEADER_BYTES = 16 * 1024;

async function send(ctx: Ctx, req: FuzzRequest, agent: http.Agent, filler: Buffer, tally: Tally): Promise<Outcome> {
  // Past Node's header limit the server answers 431 and drops the connection: a refusal by design.
  const head = req.target.length + req.headers.reduce((n, [name, value]) => n + name.length + value.length + 4, 0);
  if (head > NODE_MAX_HEADER_BYTES) req.tolerant = true;
  const useRaw = req.raw !== null || needsRawSocket(req);
  if (useRaw && !req.raw) req.raw = toRaw(req, filler);
  if (useRaw) {
    const outcome = await sendRaw(req.raw!, ctx.port);
    tally.record(req, outcome);
    return outcome;
  }
  if (!req.probe) {
    const outcome = await sendHttp(req, ctx.port, agent, filler);
    tally.record(req, outcome);
    return outcome;
  }
  // The same connection, kept alive, after a refused large body: it must answer the next request properly.
  const own = new http.Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const first = await sendHttp(req, ctx.port, own, filler);
    tally.record(req, first);
    const next = {
      ...emptyRequest(req.index, 'probe: next request on the connection'),
      target: '/api/health',
      headers: [['host', ctx.host]] as [string, string][],
    };
    const second = await sendHttp(next, ctx.port, own, filler);
    tally.record(next, second);
    tally.probe.sent++;
    const fine = second.status === 200 && second.body.toString('utf8').includes('"status"');
    if (!fine) tally.probe.failed++;
    else if (second.reused) tally.probe.sameSocket++;
    else tally.probe.newSocket++;
    if (!fine && !second.error && (second.status ?? 0) < 500) {
      tally.groups.set('next request on the connection after a refused large body answered wrongly', {
        count: tally.probe.failed,
        examples: [{ index: req.index, what: `answered ${second.status}`, request: req, outcome: second }],
      });
    }
    return first;
  } finally {
    own.destroy();
  }
}

async function checkSessions(ctx: Ctx, near: number): Promise<void> {
  for (const session of Object.values(ctx.sessions)) {
    const me = await call(ctx.port, 'GET', '/api/auth/me', { token: session.token });
    if (me.status !== 401) continue;
    ctx.relogins.push(`${session.role} session ended near case #${near}`);
    try {
      const again = await signIn(ctx.port, session.role, session.username, session.password, session.address);
      session.token = again.token;
    } catch (error) {
      ctx.relogins.push(`  could not sign ${session.username} in again: ${(error as Error).message.slice(0, 200)}`);
    }
  }
}

async function runRange(
  ctx: Ctx,
  plan: Plan,
  from: number,
  to: number,
  concurrency: number,
  tally: Tally,
  filler: Buffer,
  progress: Progress,
  watchSessions: boolean,
): Promise<void> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency, maxFreeSockets: concurrency });
  let next = from;
  let checking: Promise<void> | null = null;
  const worker = async () => {
    while (next < to) {
      const index = next++;
      try {
        const req = generate(ctx, plan, index);
        afterSend(ctx, req, await send(ctx, req, agent, filler, tally));
      } catch (error) {
        // A bug in the fuzzer itself: counted and shown, never taken for the server's.
        tally.fuzzerErrors.push(`case #${index}: ${(error as Error).stack?.split('\n').slice(0, 3).join(' ← ')}`);
      }
      progress.done++;
      if (progress.done % 5000 === 0) {
        progress.report(tally);
        if (watchSessions) {
          checking ??= checkSessions(ctx, index).finally(() => (checking = null));
          await checking;
        }
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  agent.destroy();
}

/** What the lifecycle learns from its answers: the publication's slug. */
function afterSend(ctx: Ctx, req: FuzzRequest, outcome: Outcome): void {
  if (req.kind !== 'lifecycle' || !/\/publish$/.test(req.target) || (outcome.status ?? 500) >= 300) return;
  try {
    const url = (JSON.parse(outcome.body.toString('utf8')) as { url?: string }).url ?? '';
    const slug = /\/p(?:ublications)?\/([^/?#]+)/.exec(url)?.[1] ?? ctx.demo.slug;
    if (!ctx.pools.publicationSlugs.includes(slug)) ctx.pools.publicationSlugs.push(decodeURIComponent(slug));
  } catch {
    ctx.pools.publicationSlugs.push(ctx.demo.slug);
  }
}

class Progress {
  done = 0;
  constructor(
    readonly total: number,
    readonly started: number,
  ) {}
  report(tally: Tally): void {
    const seconds = (performance.now() - this.started) / 1000;
    print(
      `  ${this.done.toLocaleString('en').padStart(9)} / ${this.total.toLocaleString('en')} cases · ${Math.round(tally.sent / seconds).toLocaleString('en')} req/s · 5xx ${tally.fivexx} · failures ${tally.failures} · ${seconds.toFixed(0)} s`,
    );
  }
}

// ---------------------------------------------------------------------------------------------------------
// The report.

interface LoggedError {
  time: string;
  method?: string;
  path?: string;
  error?: string;
  message?: string;
}

/** The cases on the wire when the server logged a line for their method and path. */
function casesBehind(tally: Tally, line: LoggedError): number[] {
  const at = Date.parse(line.time);
  const samePath = (path: string) => {
    if (path === line.path) return true;
    try {
      return decodeURIComponent(new URL(path, 'http://h').pathname) === decodeURIComponent(line.path ?? '');
    } catch {
      return false;
    }
  };
  return tally.timeline
    .filter((t) => t.start - 20 <= at && at <= t.end + 20 && t.method.toUpperCase() === line.method && samePath(t.path))
    .sort((a, b) => Number((b.status ?? 0) >= 500) - Number((a.status ?? 0) >= 500))
    .map((t) => t.index);
}

/** Error lines grouped by their first line, each with the cases that were on the wire when it was logged. */
function printErrorLines(tally: Tally, log: ServerLog, regenerate: (index: number) => FuzzRequest): void {
  if (!log.errorLines.length) return;
  const groups = new Map<string, { count: number; lines: LoggedError[] }>();
  for (const raw of log.errorLines) {
    let line: LoggedError;
    try {
      line = JSON.parse(raw) as LoggedError;
    } catch {
      line = { time: '', message: raw };
    }
    const key = `${line.message ?? ''}: ${(line.error ?? '').split('\n')[0]!.replace(/https?:\/\/\S+/, 'URL')}`;
    const group = groups.get(key) ?? { count: 0, lines: [] };
    group.count++;
    group.lines.push(line);
    groups.set(key, group);
  }
  print(`\n  server error lines (${log.errorCount}; the first ${log.errorLines.length} grouped):`);
  for (const [key, group] of groups) {
    const first = group.lines[0]!;
    print(`\n  ✗ ${group.count} × ${key}`);
    print(
      `    e.g. ${first.time} ${first.method} ${first.path}\n      ${(first.error ?? '').split('\n').slice(0, 14).join('\n      ')}`,
    );
    for (const line of group.lines.slice(0, 3)) {
      const cases = casesBehind(tally, line);
      print(
        `    logged ${line.time} for ${line.method} ${line.path}: on the wire then: ${cases.length ? cases.map((i) => `#${i}`).join(', ') : 'no matching case'}`,
      );
      if (cases[0] !== undefined) print(describe(regenerate(cases[0]), null).replace(/^/gm, '      '));
    }
  }
}

function summarize(
  ctx: Ctx,
  tally: Tally,
  log: ServerLog,
  seconds: number,
  total: number,
  regenerate: (index: number) => FuzzRequest,
): void {
  const classes = new Map<string, number>();
  for (const [status, n] of tally.byStatus) {
    const name = `${Math.floor(status / 100)}xx`;
    classes.set(name, (classes.get(name) ?? 0) + n);
  }
  const list = <K extends string | number>(map: Map<K, number>) =>
    [...map]
      .sort((a, b) => (a[0] < b[0] ? -1 : 1))
      .map(([k, v]) => `${k}×${v.toLocaleString('en')}`)
      .join(' · ');
  print(
    `\n${'='.repeat(100)}\nSummary — seed ${SEED}, ${total.toLocaleString('en')} cases, concurrency ${CONCURRENCY}, TRUST_PROXY=${cli['trust-proxy']}`,
  );
  print(
    `  requests sent: ${tally.sent.toLocaleString('en')} in ${seconds.toFixed(1)} s → ${Math.round(tally.sent / seconds).toLocaleString('en')} requests/s`,
  );
  print(`  by class:  ${list(classes)}`);
  print(`  by status: ${list(tally.byStatus)}`);
  print(`  5xx answers: ${tally.fivexx}`);
  print(`  connection errors before an answer: ${list(tally.before) || 'none'}`);
  print(
    `    of which parser-level refusals of garbage framing (expected, not failures): ${list(tally.refusals) || 'none'}`,
  );
  print(`  resets on kept-alive sockets, by the socket's previous request:`);
  for (const [cause, n] of [...tally.resetCauses].sort((a, b) => b[1] - a[1]))
    print(`    ${String(n).padStart(6)} × ${cause}`);
  print(`  connection errors after a complete answer: ${list(tally.after) || 'none'}`);
  print(
    `  keep-alive after a refused large body: ${tally.probe.sent} probes · next request answered on the same socket ${tally.probe.sameSocket} · on a new socket (server closed) ${tally.probe.newSocket} · failed ${tally.probe.failed}`,
  );
  print(`  fuzzer errors (cases not sent): ${tally.fuzzerErrors.length}`);
  for (const line of tally.fuzzerErrors.slice(0, 10)) print(`    ${line}`);
  print(
    `  server log: ${log.errorCount} "level":"error" lines · ${log.warnCount} warn lines · ${log.otherCount} other non-JSON lines`,
  );
  print(`  sessions that ended during the guarded phase: ${ctx.relogins.length ? ctx.relogins.join('; ') : 'none'}`);
  print('\n  by operation — cases: answers <400 · 4xx · 5xx · none — mean ms:');
  for (const op of ctx.ops) {
    const row = tally.perOp.get(op.key) ?? { n: 0, ok: 0, client: 0, server: 0, none: 0, ms: 0 };
    const counts = `${row.ok} · ${row.client} · ${row.server} · ${row.none}`;
    print(
      `    ${op.key.padEnd(64)} ${String(row.n).padStart(6)}: ${counts.padEnd(22)} ${(row.ms / Math.max(1, row.n)).toFixed(0).padStart(5)} ms`,
    );
  }
  const byKind = [...tally.timeByKind].sort((a, b) => b[1] - a[1]);
  print(
    `\n  time on the wire by kind of case (sum over ${CONCURRENCY} sockets): ${byKind.map(([kind, ms]) => `${kind} ${(ms / 1000).toFixed(0)} s`).join(' · ')}`,
  );
  const shapes = [...tally.shape].sort((a, b) => b[1].count - a[1].count);
  print(`\n  API 4xx answers not in the one error shape: ${shapes.reduce((n, [, row]) => n + row.count, 0)}`);
  for (const [key, row] of shapes.slice(0, 25)) {
    const examples = [...row.examples].map(([what, index]) => `${what} #${index}`).join(', ');
    print(`    ${String(row.count).padStart(6)} × ${key} — e.g. ${examples}`);
  }
  print(
    `\n  failures (5xx, resets, timeouts, closes without an answer): ${tally.failures}, in ${tally.groups.size} groups`,
  );
  for (const [group, row] of [...tally.groups].sort((a, b) => b[1].count - a[1].count)) {
    print(`\n  ✗ ${row.count} × ${group}`);
    for (const finding of row.examples.slice(0, 2)) {
      print(`    ${finding.what}\n${describe(finding.request, finding.outcome).replace(/^/gm, '      ')}`);
    }
  }
  printErrorLines(tally, log, regenerate);
  if (log.otherLines.length) print(`\n  other server output (first ${log.otherLines.length} of ${log.otherCount}):`);
  for (const line of log.otherLines) print(`    ${line}`);
}

async function replay(ctx: Ctx, plan: Plan, indexes: number[], filler: Buffer, log: ServerLog): Promise<void> {
  const tally = new Tally();
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  for (const index of indexes) {
    const req = generate(ctx, plan, index);
    const outcome = await send(ctx, req, agent, filler, tally);
    print(`\n${describe(req, outcome)}`);
  }
  agent.destroy();
  await new Promise((resolve) => setTimeout(resolve, 300));
  // Replays are few: every error line in full (NODE_OPTIONS=--stack-trace-limit=100 deepens the stacks).
  for (const line of log.errorLines) print(`\nserver: ${line.replace(/\\n/g, '\n    ')}`);
}

async function main(): Promise<number> {
  const started = performance.now();
  const dir = mkdtempSync(join(tmpdir(), 'pingyi-fuzz-'));
  let server: RunningServer | null = null;
  try {
    server = await startServer(dir);
    print(
      `server: pid ${server.child.pid} on 127.0.0.1:${server.port}, SQLite in ${dir} (${((performance.now() - started) / 1000).toFixed(1)} s)`,
    );
    const ctx = await setUp(server);
    const plan = makePlan(ctx);
    const total = plan.phaseB + plan.openWrites + plan.lifecycle.length + plan.afterwards + plan.endings.length;
    print(
      `setup: ${ctx.ops.length} operations · sessions ${Object.keys(ctx.sessions).join(', ')} · ${ctx.pools.codes.length} unused codes · ${ctx.pools.ballots.length} ballots with tokens · ${ctx.pools.assets.length} assets (${((performance.now() - started) / 1000).toFixed(1)} s)`,
    );
    const filler = Buffer.alloc(3 * BODY_LIMIT + 1, 'A');
    if (ONLY) {
      await replay(ctx, plan, ONLY, filler, server.log);
      return 0;
    }
    const tally = new Tally();
    const fuzzStarted = performance.now();
    const progress = new Progress(total, fuzzStarted);
    print(
      `fuzzing: ${total.toLocaleString('en')} cases (${plan.systematic.length} systematic, then random; phase C: ${plan.openWrites} open-campaign writes, ${plan.lifecycle.length} lifecycle steps, ${plan.afterwards} reads after publication, ${plan.endings.length} session endings)`,
    );
    let at = 0;
    for (const [count, concurrency, watchSessions] of [
      [plan.phaseB, CONCURRENCY, true],
      [plan.openWrites, CONCURRENCY, true],
      [plan.lifecycle.length, 1, false],
      [plan.afterwards, CONCURRENCY, false],
      [plan.endings.length, 1, false],
    ] as const) {
      await runRange(ctx, plan, at, at + count, concurrency, tally, filler, progress, watchSessions);
      at += count;
      if (server.child.exitCode !== null)
        throw new Error(`the server exited with ${server.child.exitCode} during the run`);
    }
    const seconds = (performance.now() - fuzzStarted) / 1000;
    await new Promise((resolve) => setTimeout(resolve, 500));
    summarize(ctx, tally, server.log, seconds, total, (index) => generate(ctx, plan, index));
    const failed = tally.failures > 0 || server.log.errorCount > 0;
    print(
      `\n${failed ? 'FAILED' : 'PASSED'}: ${tally.fivexx} 5xx, ${tally.failures - tally.fivexx} connection failures, ${server.log.errorCount} error log lines · elapsed ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    return failed ? 1 : 0;
  } finally {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

process.exit(await main());
