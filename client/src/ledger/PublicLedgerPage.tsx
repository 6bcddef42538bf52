import { LedgerOverview } from './LedgerOverview.tsx';
import { UnitLedger } from './UnitLedger.tsx';

/** The public ledger (整改台账, decision 017): /ledger lists the units, /ledger/{unitId} one unit's problems. No sign-in. */
export default function PublicLedgerPage({ unitId }: { unitId: number | null }) {
  return unitId === null ? <LedgerOverview /> : <UnitLedger unitId={unitId} />;
}
