import { beforeAll, expect, it } from 'vitest';
import { ITEM_COMBINATIONS } from '../../scoring/settings.ts';
import type { ItemCombination } from '../../scoring/settings.ts';
import { PreparedQuestionnaireCache } from '../../server/questionnaires/prepared-cache.ts';
import { computeBothWays } from '../../server/results/results-compute.ts';
import { signInAsAdmin } from '../support/sign-in.ts';
import { createTestApp } from '../support/test-app.ts';
import { describeEachDialect } from '../support/test-db.ts';
import { addTinyBallots, createTinyCampaign, TINY_SCORING, type TinyCampaign } from './results-factory.ts';

// `settings.scoring.itemCombination` (decision 003, "Combining items") through the API: stored by the merge
// patch, refused when unknown, and used by the live figures and the recount alike.

const DAY_MS = 24 * 60 * 60 * 1000;
const inDays = (days: number) => new Date(Date.now() + days * DAY_MS).toISOString();

interface Unit {
  unitId: number;
  composite: number | null;
  groups: { raterType: string; score: number | null }[];
}

describeEachDialect('combining the items of a rater type', (database) => {
  let admin: Awaited<ReturnType<typeof signInAsAdmin>>;
  let campaign: TinyCampaign;

  beforeAll(async () => {
    const { app } = createTestApp(database());
    admin = await signInAsAdmin(app, database().db);
    campaign = await createTinyCampaign(database().db, 'closed');
    await addTinyBallots(database().db, campaign);
  });

  const storeCombination = (combination: ItemCombination | undefined) =>
    database()
      .db.updateTable('campaigns')
      .set({
        settings: JSON.stringify({
          scoring: combination === undefined ? TINY_SCORING : { ...TINY_SCORING, itemCombination: combination },
        }),
      })
      .where('id', '=', campaign.id)
      .execute();

  const u1 = async () => {
    const response = await admin.get(`/api/campaigns/${campaign.id}/results`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { units: Unit[] };
    const unit = body.units.find((u) => u.unitId === campaign.units.U1)!;
    return { composite: unit.composite, recipient: unit.groups.find((g) => g.raterType === 'recipient')!.score };
  };

  it('scores U1 by the stored choice, live and in the recount', async () => {
    // U1's recipients: (attitude 100, overall 100), (80, 60), (100, 不了解). Superiors rated one item: 90.
    // pooled    (100 + 100 + 80 + 60 + 100) ÷ 5 = 88;          composite 0.4 × 90 + 0.6 × 88 = 88.8
    // raterMean (100 + 70 + 100) ÷ 3 = 90;                     composite 90
    // itemMean  attitude 280 ÷ 3, overall 160 ÷ 2 → 86.67;     composite 36 + 52 = 88
    const expected: Record<ItemCombination, { recipient: number; composite: number }> = {
      pooled: { recipient: 88, composite: 88.8 },
      raterMean: { recipient: 90, composite: 90 },
      itemMean: { recipient: (280 / 3 + 80) / 2, composite: 88 },
    };
    for (const combination of ITEM_COMBINATIONS) {
      await storeCombination(combination);
      const shown = await u1();
      expect(shown.recipient).toBeCloseTo(expected[combination].recipient, 10);
      expect(shown.composite).toBe(expected[combination].composite);
      const verify = await admin.post(`/api/campaigns/${campaign.id}/results/verify`, {});
      expect(verify.status).toBe(200);
      expect(await verify.json()).toMatchObject({ equal: true, totalDifferences: 0 });
    }
    // A campaign that says nothing pools, as every campaign stored before the setting did.
    await storeCombination(undefined);
    expect(await u1()).toEqual({ composite: 88.8, recipient: 88 });
  });

  it('echoes the choice in the computed method, from the tallies and from the ratings alike', async () => {
    await storeCombination('raterMean');
    const stored = await database()
      .db.selectFrom('campaigns')
      .selectAll()
      .where('id', '=', campaign.id)
      .executeTakeFirstOrThrow();
    const both = await computeBothWays(database().db, new PreparedQuestionnaireCache(), stored);
    expect(both.live.results.method.itemCombination).toBe('raterMean');
    expect(JSON.stringify(both.live.results)).toBe(JSON.stringify(both.recount.results));
  });

  it('stores the choice through the settings merge patch and refuses one it does not know', async () => {
    const created = await admin.post('/api/campaigns', {
      slug: `item-combination-${database().dialect}`,
      name: '2026年度机关作风三评议',
      nameEn: '2026 work-style evaluation',
      startsAt: inDays(1),
      endsAt: inDays(30),
      settings: { scoring: { weights: { superior: 0.3, peer: 0.2, recipient: 0.5 } } },
    });
    expect(created.status).toBe(201);
    const id = ((await created.json()) as { id: number }).id;
    const accepted = await admin.patch(`/api/campaigns/${id}`, {
      settings: { scoring: { itemCombination: 'itemMean' } },
    });
    expect(accepted.status).toBe(200);
    expect((await accepted.json()).settings.scoring).toMatchObject({ itemCombination: 'itemMean' });

    const refused = await admin.patch(`/api/campaigns/${id}`, { settings: { scoring: { itemCombination: 'median' } } });
    expect(refused.status).toBe(422);
    const { error } = await refused.json();
    expect(error.code).toBe('invalid_settings');
    expect(error.problems[0].path).toEqual(['settings', 'scoring', 'itemCombination']);
    const config = await (await admin.get(`/api/admin/campaigns/${id}`)).json();
    expect(config.settings.scoring.itemCombination).toBe('itemMean');
  });
});
