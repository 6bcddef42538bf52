import { beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../support/test-db.ts';
import { createAnonymityCampaign, type AnonymityCampaign } from './anonymity-campaign.ts';

/**
 * The office reads its own screens around one named person's vote (decision 011, threat 2): it issues a
 * one-code batch labelled with a leader's name, reads results and participation, waits until that batch
 * shows its code used, reads again and subtracts. Also the n−1 attack: it first casts k−1 ballots it
 * knows, so the k-th is the target's. While voting runs no figure is shown to anyone, so the subtraction
 * recovers nothing: every difference between the two readings is a count.
 */
describeEachDialect('anonymity: reading live screens around one vote gives nothing away', (database) => {
  let campaign: AnonymityCampaign;

  beforeAll(async () => {
    campaign = await createAnonymityCampaign(database());
    // Some earlier ballots, so the figures are not empty.
    for (let i = 0; i < 4; i++) {
      const [code] = await campaign.issue({ raterType: 'superior', count: 1 });
      await campaign.voteWithCode(code!, (unit) => (unit % 2 ? 'A' : 'B'));
    }
    for (let i = 0; i < 6; i++) {
      await campaign.voteOpen('D05', { attitude: 4, efficiency: 5, serviceRules: 'all', overall: 4 });
    }
  });

  /** Every path to a number in an answer, with the number. */
  const numbers = (value: unknown, path = ''): Map<string, number> => {
    const found = new Map<string, number>();
    const visit = (node: unknown, at: string) => {
      if (typeof node === 'number') found.set(at, node);
      else if (Array.isArray(node)) node.forEach((child, index) => visit(child, `${at}[${index}]`));
      else if (node && typeof node === 'object')
        for (const [key, child] of Object.entries(node)) visit(child, `${at}.${key}`);
    };
    visit(value, path);
    return found;
  };

  const read = async () => {
    const { admin, id } = campaign;
    const results = await (await admin.get(`/api/campaigns/${id}/results`)).json();
    const participation = await (await admin.get(`/api/campaigns/${id}/participation`)).json();
    const publicView = await (await campaign.app.request(`/api/campaigns/${id}/results`)).json();
    return { results, participation, publicView };
  };

  /** What may change when one more leader votes: counts, and the time of the computation. */
  const COUNT = /(ballots|totalBallots|received|spent|waiting|flagged|computedAt)(\]|$)|\.n$|raterTypeBallots/;

  it('subtracts two readings around a named leader’s vote and recovers no rating', async () => {
    const [code] = await campaign.issue({ raterType: 'superior', count: 1, label: '王市长' });
    const before = await read();
    const batchBefore = before.participation.batches.find((b: { label: string }) => b.label === '王市长');
    expect(batchBefore.spent).toBe(0);
    // The target grades every unit; their answers are what the office would like to learn.
    const target = (unit: number, item: string) => (['A', 'B', 'C', 'D'] as const)[(unit + item.length) % 4]!;
    await campaign.voteWithCode(code!, target);
    await campaign.deps.mixer.flush();
    const after = await read();
    expect(after.participation.batches.find((b: { label: string }) => b.label === '王市长').spent).toBe(1);

    const changed: string[] = [];
    for (const key of ['results', 'participation', 'publicView'] as const) {
      const a = numbers(before[key]);
      const b = numbers(after[key]);
      for (const path of new Set([...a.keys(), ...b.keys()]))
        if (a.get(path) !== b.get(path)) changed.push(`${key}${path}`);
    }
    const figures = changed.filter((path) => !COUNT.test(path));
    expect(figures).toEqual([]);
    // And there is no figure to subtract at all: scores, means, composites, ranks and grades are hidden.
    for (const unit of after.results.units as Array<Record<string, unknown>>) {
      expect(unit).toMatchObject({ composite: null, rank: null, grade: null });
    }
    expect(after.results.scoresHidden).toBe(true);
  });

  it('refuses the recount while voting runs, whose differences would name figures', async () => {
    const recount = await campaign.admin.post(`/api/campaigns/${campaign.id}/results/verify`);
    expect(recount.status).toBe(409);
  });

  it('gives nothing to the n−1 attack either: k−1 known ballots, then the target’s', async () => {
    const readings = [];
    for (let i = 0; i < 2; i++) {
      const [code] = await campaign.issue({ raterType: 'superior', count: 1, label: `评议办自投 ${i}` });
      await campaign.voteWithCode(code!, () => 'D');
      readings.push(await read());
    }
    const [code] = await campaign.issue({ raterType: 'superior', count: 1, label: '目标' });
    await campaign.voteWithCode(code!, () => 'A');
    await campaign.deps.mixer.flush();
    readings.push(await read());
    for (const reading of readings) {
      for (const unit of reading.results.units as Array<{ groups: Array<Record<string, unknown>> }>) {
        for (const group of unit.groups) expect(group).toMatchObject({ score: null, mean: null, items: [] });
      }
    }
  });
});
