import { t, useLang } from '../../shared/i18n.ts';
import { Link } from '../../shared/router.ts';
import { Card } from '../ui.tsx';
import { derive, type StatsFigures } from './rectification-charts.ts';

const pct = (value: number | null) => (value === null ? '—' : `${value}%`);

/**
 * A unit's rectification ledger as it stands, beside its scores on its evaluation report: what was listed,
 * closed (on time), is overdue, and how the fixes were rated (the figures of GET /api/problems/stats).
 */
export function UnitLedgerFigures({ ledger, unitId }: { ledger: StatsFigures; unitId: number }) {
  const lang = useLang();
  const d = derive(ledger);
  const items: [string, string][] = [
    [t(lang, '列入台账', 'Listed'), String(ledger.listed)],
    [t(lang, '已销号', 'Closed'), String(ledger.closed)],
    [t(lang, '按期销号率', 'Closed on time'), pct(d.onTimePercent)],
    [t(lang, '逾期', 'Overdue'), String(ledger.overdue)],
    [t(lang, '整改满意率', 'Fixes rated satisfied'), pct(d.satisfiedPercent)],
    [t(lang, '问题反映待答复', 'Inbox to answer'), String(ledger.inboxOpen)],
  ];
  return (
    <Card
      title={t(lang, '整改台账', 'Rectification ledger')}
      actions={
        <>
          <Link to="/console/problems">{t(lang, '查看整改台账', 'Open the ledger')}</Link>
          <a href={`/ledger/${unitId}`}>{t(lang, '公开台账', 'Public ledger')}</a>
        </>
      }
    >
      <div className="report-figures rect-figures" data-testid="report-ledger">
        {items.map(([label, value]) => (
          <div key={label}>
            <span>{label}</span>
            <strong>{value}</strong>
          </div>
        ))}
      </div>
      <p className="muted small">
        {t(
          lang,
          '台账为本单位当前全部问题（不限于本次评议），逾期按法定工作日计算。',
          "The unit's whole ledger now (not only this campaign's problems); overdue counts official working days.",
        )}
      </p>
    </Card>
  );
}
