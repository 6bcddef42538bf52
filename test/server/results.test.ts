import { beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../support/test-app.ts';
import { describeEachDialect } from '../support/test-db.ts';
import {
  addBallot,
  addTinyBallots,
  createTinyCampaign,
  postJson,
  signInAdminAndLeader,
  type TinyCampaign,
} from './results-factory.ts';

interface Group {
  raterType: string;
  status: string;
  ballots: number;
  suppressed: boolean;
  score: number | null;
  mean: number | null;
  items: { item: string; n: number; suppressed: boolean; mean: number | null }[];
}
interface Unit {
  unitId: number;
  composite: number | null;
  rank: number | null;
  grade: string | null;
  flags: { code: string; [key: string]: unknown }[];
  groups: Group[];
}

describeEachDialect('live results and the recount check', (database) => {
  let app: ReturnType<typeof createTestApp>['app'];
  let campaign: TinyCampaign;
  let cookies: { admin: string; leader: string };

  const live = async (id = campaign.id) => {
    const response = await app.request(`/api/campaigns/${id}/results`, { headers: { cookie: cookies.admin } });
    expect(response.status).toBe(200);
    return (await response.json()) as {
      totalBallots: number;
      units: Unit[];
      categories: { key: string; ranked: boolean }[];
    };
  };
  const unit = (results: { units: Unit[] }, code: keyof TinyCampaign['units']) =>
    results.units.find((u) => u.unitId === campaign.units[code])!;
  const group = (u: Unit, raterType: string) => u.groups.find((g) => g.raterType === raterType)!;

  beforeAll(async () => {
    app = createTestApp(database()).app;
    cookies = await signInAdminAndLeader(database().db, app);
    campaign = await createTinyCampaign(database().db, 'closed');
    await addTinyBallots(database().db, campaign);
  });

  it('computes the hand-counted figures', async () => {
    const results = await live();
    // Ballots that count: 2 superiors + 11 recipients (the 12th recipient ballot was excluded after review).
    expect(results.totalBallots).toBe(13);

    // U1. Superiors: (100 + 80) / 2 = 90. Recipients, points ÷ valid answers over ballots:
    // (100+100) + (80+60) + 100 (不了解 on overall: no rating) = 440 over 5 answers = 88.
    // Composite = 0.4 × 90 + 0.6 × 88 = 36 + 52.8 = 88.8 → 满意 (≥ 85), rank 1 of the ranked three.
    const u1 = unit(results, 'U1');
    expect(group(u1, 'superior')).toMatchObject({ status: 'ok', ballots: 2, score: 90 });
    expect(group(u1, 'recipient')).toMatchObject({ status: 'ok', ballots: 3, score: 88 });
    expect(u1).toMatchObject({ composite: 88.8, rank: 1, grade: '满意' });
    // Item attitude: 100, 80, 100 → 3 votes, mean 93.33…; item overall: 2 valid votes < 3 → shown as a count only.
    const items = group(u1, 'recipient').items;
    expect(items.find((i) => i.item === 'attitude')).toMatchObject({ n: 3, suppressed: false });
    expect(items.find((i) => i.item === 'attitude')!.mean).toBeCloseTo(280 / 3, 10);
    expect(items.find((i) => i.item === 'overall')).toMatchObject({ n: 2, suppressed: true, mean: null });

    // U2. Superiors (80 + 80) / 2 = 80; recipients (60+60 + 80+80 + 100+100) / 6 = 80, the excluded
    // (0, 0) ballot not counted; composite 0.4 × 80 + 0.6 × 80 = 80 → 比较满意 (75–85), rank 2.
    expect(unit(results, 'U2')).toMatchObject({ composite: 80, rank: 2, grade: '比较满意' });
    expect(group(unit(results, 'U2'), 'recipient')).toMatchObject({ ballots: 3, score: 80 });

    // U4 (unranked category). Superiors (80 + 60) / 2 = 70; recipients (60+80 + 60+60 + 100+100) / 6 = 76.67;
    // composite 0.4 × 70 + 0.6 × 76.67 = 28 + 46 = 74 → 基本满意 (60–75), no rank.
    expect(unit(results, 'U4')).toMatchObject({ composite: 74, rank: null, grade: '基本满意' });
    expect(results.categories.map((c) => c.ranked)).toEqual([true, false]);
  });

  it('shows no score for a rater group below its minimum and moves its weight, flagged', async () => {
    const u3 = unit(await live(), 'U3');
    // Two recipient ballots < 3: the group shows its count and nothing else.
    expect(group(u3, 'recipient')).toEqual({
      raterType: 'recipient',
      status: 'suppressed',
      ballots: 2,
      counts: { received: null, excluded: null, onlyDontKnow: null, counted: 2 },
      minCount: 3,
      suppressed: true,
      score: null,
      mean: null,
      ci: null,
      items: [],
    });
    // Superiors (60 + 40) / 2 = 50 carry the whole composite; 50 < 60 → 不满意, rank 3.
    expect(u3).toMatchObject({ composite: 50, rank: 3, grade: '不满意' });
    expect(u3.flags).toContainEqual({
      code: 'raterTypeSuppressed',
      raterType: 'recipient',
      ballots: 2,
      minimum: 3,
      weightRedistributed: 0.6,
    });
  });

  it('recounts every stored rating and finds it equal to the live figures', async () => {
    const response = await postJson(app, `/api/campaigns/${campaign.id}/results/verify`, cookies.admin);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ equal: true, ballots: 13, differences: [], totalDifferences: 0 });
  });

  it('stays equal to the recount as ballots arrive and are excluded', async () => {
    const other = await createTinyCampaign(database().db, 'closed');
    await addTinyBallots(database().db, other);
    const { U1, U3 } = other.units;
    // A superior who rates only one unit cannot be standardised; one more recipient lifts U3 to its minimum.
    await addBallot(database().db, other, 'superior', [[U1, 'promptness', 60]]);
    await addBallot(database().db, other, 'recipient', [
      [U3, 'attitude', 60],
      [U3, 'serviceRules', 60],
    ]);
    const report = await (await postJson(app, `/api/campaigns/${other.id}/results/verify`, cookies.admin)).json();
    expect(report).toMatchObject({ equal: true, totalDifferences: 0, ballots: 15 });
    const u3 = (await live(other.id)).units.find((u) => u.unitId === U3)!;
    // Recipients now (0+0) + (30+30) + (60+60) = 180 over 6 answers = 30; composite 0.4 × 50 + 0.6 × 30 = 38.
    expect(group(u3, 'recipient')).toMatchObject({ status: 'ok', ballots: 3, score: 30 });
    expect(u3.composite).toBe(38);
  });

  it('shows everyone but the office the counts only', async () => {
    for (const cookie of [null, cookies.leader]) {
      const response = await app.request(
        `/api/campaigns/${campaign.id}/results`,
        cookie ? { headers: { cookie } } : {},
      );
      const results = await response.json();
      expect(results).toMatchObject({ scoresHidden: true, totalBallots: 13 });
      const u1 = unit(results, 'U1');
      expect(u1).toMatchObject({ composite: null, rank: null, grade: null, flags: [] });
      expect(group(u1, 'recipient')).toMatchObject({ ballots: 3, score: null, mean: null, ci: null, items: [] });
    }
  });

  it('shows no figure but counts to anyone while voting runs, the office included, and runs no recount', async () => {
    const running = await createTinyCampaign(database().db, 'open');
    await addTinyBallots(database().db, running);
    for (const cookie of [null, cookies.leader, cookies.admin]) {
      const response = await app.request(`/api/campaigns/${running.id}/results`, cookie ? { headers: { cookie } } : {});
      const results = await response.json();
      expect(results).toMatchObject({ scoresHidden: true, totalBallots: 13 });
      expect(results.raterTypeBallots).toEqual([
        { raterType: 'superior', ballots: 2 },
        { raterType: 'recipient', ballots: 11 },
      ]);
      expect(results.categories.every((c: { gradeCounts: unknown[] }) => c.gradeCounts.length === 0)).toBe(true);
      for (const u of results.units as Unit[]) {
        expect(u).toMatchObject({ composite: null, rank: null, grade: null, flags: [] });
        // Per unit only the recipients' count: a leader's or peer's count per unit would say nothing but who.
        expect(u.groups.map((g) => g.raterType)).toEqual(['recipient']);
        for (const g of u.groups) expect(g).toMatchObject({ score: null, mean: null, items: [] });
      }
    }
    const recount = await postJson(app, `/api/campaigns/${running.id}/results/verify`, cookies.admin);
    expect(recount.status).toBe(409);
    expect((await recount.json()).error.code).toBe('results_after_close');
  });

  it('lets only administrators run the recount', async () => {
    expect((await postJson(app, `/api/campaigns/${campaign.id}/results/verify`, null)).status).toBe(401);
    const refused = await postJson(app, `/api/campaigns/${campaign.id}/results/verify`, cookies.leader);
    expect(refused.status).toBe(403);
    expect((await refused.json()).error.code).toBe('forbidden');
    expect((await postJson(app, '/api/campaigns/987654/results/verify', cookies.admin)).status).toBe(404);
  });

  it('refuses settings the scoring module cannot use, in the one error shape', async () => {
    const broken = await createTinyCampaign(database().db, 'closed');
    const settings = { scoring: { weights: { superior: 0.5, peer: 0, recipient: 0.6 } } };
    await database()
      .db.updateTable('campaigns')
      .set({ settings: JSON.stringify(settings) })
      .where('id', '=', broken.id)
      .execute();
    const response = await app.request(`/api/campaigns/${broken.id}/results`, { headers: { cookie: cookies.admin } });
    expect(response.status).toBe(409);
    expect((await response.json()).error).toMatchObject({
      code: 'scoring_settings_invalid',
      message: expect.stringContaining('sum to 1'),
    });
  });
});
