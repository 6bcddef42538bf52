import { accessCodeHash } from '../access/access-code.ts';
import { CODE_ALPHABET } from '../crypto/random-code.ts';
import { insertBatchWithCodes } from '../access/codes.repository.ts';
import type { Db } from '../db/database.ts';

/**
 * Known codes so a visitor can try the leader and peer flows at once (README lists them). Real campaigns
 * use random codes: these exist only in the demo campaign of a freshly seeded database.
 * Leaders: SJPY-AA22, SJPY-AB22 … (上级评议); peers: TJPY-AA22 rates as the first unit, TJPY-BB22 the second … (同级评议).
 */
export function demoSuperiorCodes(): string[] {
  return Array.from({ length: 12 }, (_, i) => `SJPY-A${CODE_ALPHABET[i]}22`);
}

export function demoPeerCode(unitIndex: number): string {
  const ch = CODE_ALPHABET[unitIndex % CODE_ALPHABET.length];
  return `TJPY-${ch}${ch}22`;
}

export async function issueDemoCodes(
  db: Db,
  secret: string,
  campaignId: number,
  unitIds: number[],
  createdAt: string,
): Promise<void> {
  const hash = (code: string) => accessCodeHash(secret, code.replace('-', ''));
  const superior = demoSuperiorCodes();
  await insertBatchWithCodes(
    db,
    {
      campaignId,
      raterType: 'superior',
      raterUnitId: null,
      targetUnitId: null,
      label: '演示：市领导',
      size: superior.length,
      createdAt,
    },
    superior.map(hash),
  );
  for (const [index, unitId] of unitIds.entries()) {
    await insertBatchWithCodes(
      db,
      {
        campaignId,
        raterType: 'peer',
        raterUnitId: unitId,
        targetUnitId: null,
        label: `演示：同级部门 ${index + 1}`,
        size: 1,
        createdAt,
      },
      [hash(demoPeerCode(index))],
    );
  }
}
