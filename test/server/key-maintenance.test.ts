import { expect, it } from 'vitest';
import { KeyMaintenanceError, replaceLostServerKey, rotateServerKey } from '../../server/keys/key-maintenance.ts';
import { keyCheck } from '../../server/startup/server-key.ts';
import { describeEachDialect } from '../support/test-db.ts';
import { createAnonymityCampaign } from '../anonymity/anonymity-campaign.ts';

describeEachDialect('changing the server key', (database) => {
  it('refuses to rotate while a campaign is open, and replaces a lost key by voiding what depended on it', async () => {
    const campaign = await createAnonymityCampaign(database());
    const { db } = database();
    const [unused] = await campaign.issue({ raterType: 'superior', count: 2 });
    expect(unused).toBeDefined();
    const [spent] = await campaign.issue({ raterType: 'superior', count: 1 });
    await campaign.voteWithCode(spent!, () => 'A');
    await expect(rotateServerKey(db)).rejects.toThrow(KeyMaintenanceError);
    await expect(rotateServerKey(db)).rejects.toThrow(/open/);

    const sealedBefore = await db.selectFrom('ballot_inbox').selectAll().execute();
    expect(sealedBefore.length).toBeGreaterThan(0);
    const replaced = await replaceLostServerKey(db);
    expect(replaced.voidedCodes).toBeGreaterThanOrEqual(2);
    expect(replaced.lostSealed).toBe(sealedBefore.length);
    expect(await db.selectFrom('ballot_inbox').selectAll().execute()).toEqual([]);
    expect(await db.selectFrom('token_keys').selectAll().execute()).toEqual([]);
    const check = await db
      .selectFrom('app_settings')
      .select('value')
      .where('key', '=', 'server_key_check')
      .executeTakeFirst();
    expect(check?.value).toBe(keyCheck(replaced.key));
    const audit = await db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'replace_lost_server_key')
      .execute();
    expect(audit).toHaveLength(1);
  });
});
