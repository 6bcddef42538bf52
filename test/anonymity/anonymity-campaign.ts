import { tempEvidenceStore } from '../support/test-evidence.ts';
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { Db } from '../../server/db/database.ts';
import { seedDemoIfEmpty } from '../../server/seed/demo.ts';
import { tokenForCode } from '../support/code-token.ts';
import { signInAsAdmin } from '../support/sign-in.ts';
import { createTestApp, TEST_SECRET } from '../support/test-app.ts';
import type { TestDatabase } from '../support/test-db.ts';

// A fresh campaign over the demo city's 30 departments, set up and opened through the office's API, with
// helpers that vote as the pages do: the attacks of the anonymity tests run against it.

export type Grade = 'A' | 'B' | 'C' | 'D' | 'unknown';

export interface AnonymityCampaign {
  app: ReturnType<typeof createTestApp>['app'];
  deps: ReturnType<typeof createTestApp>['deps'];
  admin: Awaited<ReturnType<typeof signInAsAdmin>>;
  id: number;
  slug: string;
  unitIds: number[];
  unitCodes: Map<number, string>;
  issue(body: Record<string, unknown>): Promise<string[]>;
  /** Votes with a code; `grade(unitId, item)` chooses each answer. Returns the receipt. */
  voteWithCode(code: string, grade: (unitId: number, item: string) => Grade, fillSeconds?: number): Promise<string>;
  /** A service recipient's ballot by QR code. */
  voteOpen(unitCode: string, answers: Record<string, unknown>): Promise<string>;
  close(): Promise<void>;
}

export async function createAnonymityCampaign(
  database: TestDatabase,
  minimums = { superior: 3, peer: 3, recipient: 5 },
): Promise<AnonymityCampaign> {
  const { db } = database;
  await seedDemoIfEmpty(db, new Date(), TEST_SECRET, tempEvidenceStore());
  const { app, deps } = createTestApp(database);
  const admin = await signInAsAdmin(app, db);
  const units = await db
    .selectFrom('units')
    .select(['id', 'code'])
    .where('level', '=', 'department')
    .orderBy('id')
    .execute();
  const questionnaires = await questionnaireIds(db);
  const slug = `anon-${randomUUID().slice(0, 8)}`;
  const created = await admin.post('/api/campaigns', {
    slug,
    name: '匿名性检验',
    nameEn: 'Anonymity check',
    startsAt: new Date(Date.now() - 3_600_000).toISOString(),
    endsAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    settings: {
      scoring: { weights: { superior: 0.3, peer: 0.2, recipient: 0.5 } },
      // Tests send many open ballots from one address.
      access: { openRating: { perAddress: { max: 100_000, windowHours: 1 }, perDevice: { max: 100, windowHours: 1 } } },
    },
  });
  expect(created.status).toBe(201);
  const { id } = (await created.json()) as { id: number };
  const unitIds = units.map((u) => u.id);
  expect((await admin.put(`/api/campaigns/${id}/units`, { unitIds })).status).toBe(200);
  const raterTypes = (['superior', 'peer', 'recipient'] as const).map((raterType) => ({
    raterType,
    questionnaireId: questionnaires[raterType],
    minCount: minimums[raterType],
  }));
  expect((await admin.put(`/api/campaigns/${id}/rater-types`, { raterTypes })).status).toBe(200);
  const opened = await admin.post(`/api/campaigns/${id}/open`);
  expect(opened.status, await opened.clone().text()).toBe(200);

  const post = (path: string, body: unknown) =>
    app.request(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return {
    app,
    deps,
    admin,
    id,
    slug,
    unitIds,
    unitCodes: new Map(units.map((u) => [u.id, u.code])),
    async issue(body) {
      const response = await admin.post(`/api/campaigns/${id}/code-batches`, body);
      expect(response.status).toBe(201);
      return ((await response.json()) as { codes: string[] }).codes;
    },
    async voteWithCode(code, grade, fillSeconds = 300) {
      const { session, token } = await tokenForCode(app, code);
      const response = await post('/api/ballots', {
        campaignId: id,
        questionnaireId: session.questionnaire.id,
        submissionId: randomUUID(),
        token,
        answers: matrixAnswers(session.questionnaire.definition, grade),
        fillSeconds,
      });
      const body = (await response.json()) as { receipt: string };
      expect(response.status, JSON.stringify(body)).toBe(201);
      return body.receipt;
    },
    async voteOpen(unitCode, answers) {
      const session = (await (await app.request(`/api/respond/open/${slug}/${unitCode}`)).json()) as {
        unit: { id: number };
        questionnaire: { id: number };
      };
      const response = await post('/api/ballots', {
        campaignId: id,
        unitId: session.unit.id,
        questionnaireId: session.questionnaire.id,
        submissionId: randomUUID(),
        deviceId: randomUUID(),
        answers,
        fillSeconds: 40,
      });
      const body = (await response.json()) as { receipt: string };
      expect(response.status, JSON.stringify(body)).toBe(201);
      return body.receipt;
    },
    async close() {
      expect((await admin.post(`/api/campaigns/${id}/close`)).status).toBe(200);
    },
  };
}

async function questionnaireIds(db: Db) {
  const rows = await db.selectFrom('questionnaires').select(['id', 'family']).execute();
  const of = (family: string) => rows.find((row) => row.family === family)!.id;
  return { superior: of('superior-default'), peer: of('peer-default'), recipient: of('recipient-default') };
}

/** Answers a unit-matrix questionnaire: every row it offers, every item, as `grade` chooses. */
export function matrixAnswers(definition: Record<string, unknown>, grade: (unitId: number, item: string) => Grade) {
  const pages = definition['pages'] as Array<{ elements: Array<Record<string, unknown>> }>;
  const matrix = pages[0]!.elements.find((e) => e['type'] === 'matrixdropdown') as {
    name: string;
    rows: Array<{ value: number }>;
    columns: Array<{ name: string }>;
  };
  const rows: Record<string, Record<string, string>> = {};
  for (const row of matrix.rows) {
    rows[String(row.value)] = Object.fromEntries(matrix.columns.map((c) => [c.name, grade(row.value, c.name)]));
  }
  return { [matrix.name]: rows };
}
