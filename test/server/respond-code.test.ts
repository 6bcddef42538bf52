import { beforeAll, expect, it } from 'vitest';
import { createAnonymityCampaign, type AnonymityCampaign } from '../anonymity/anonymity-campaign.ts';
import { openWithCode } from '../support/code-token.ts';
import { describeEachDialect } from '../support/test-db.ts';

// Opening a rating by code tells a peer which unit they rate as (issue 13): the holder of a peer code
// knows their own unit already, so saying it to them alone weakens nothing; a leader's code names none.

describeEachDialect('POST /respond/code names the unit a peer rates as', (database) => {
  let campaign: AnonymityCampaign;

  beforeAll(async () => {
    campaign = await createAnonymityCampaign(database());
  });

  const unitName = async (id: number) =>
    database().db.selectFrom('units').select(['name', 'name_en']).where('id', '=', id).executeTakeFirstOrThrow();

  it("gives a peer code's holder their own unit, which is not among the units they rate", async () => {
    const own = campaign.unitIds[6]!;
    const [code] = await campaign.issue({ raterType: 'peer', raterUnitId: own, count: 1 });
    const response = await openWithCode(campaign.app, code!);
    expect(response.status).toBe(200);
    const session = (await response.json()) as {
      raterUnit: unknown;
      questionnaire: { definition: { pages: { elements: { rows?: { value: number }[] }[] }[] } };
    };
    const { name, name_en: nameEn } = await unitName(own);
    expect(session.raterUnit).toEqual({ name, nameEn });
    const rows = session.questionnaire.definition.pages[0]!.elements[0]!.rows!.map((row) => row.value);
    expect(rows).not.toContain(own);
  });

  it("names no unit for a leader's code", async () => {
    const [code] = await campaign.issue({ raterType: 'superior', count: 1 });
    const session = (await (await openWithCode(campaign.app, code!)).json()) as Record<string, unknown>;
    expect(session['raterType']).toBe('superior');
    expect(session['raterUnit']).toBeNull();
  });
});
