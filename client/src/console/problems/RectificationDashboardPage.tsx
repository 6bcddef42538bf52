import { useMemo, useState } from 'react';
import { api } from '../../shared/api.ts';
import { Chart } from '../../shared/charts/Chart.tsx';
import { t, useLang } from '../../shared/i18n.ts';
import { Link } from '../../shared/router.ts';
import { Card, ErrorNote, Loading } from '../ui.tsx';
import { useApi } from '../use-api.ts';
import {
  derive,
  groupHeader,
  ledgerChart,
  rowName,
  shareChart,
  type StatsBy,
  type StatsFigures,
  type StatsRow,
} from './rectification-charts.ts';

const GROUPINGS: readonly (readonly [StatsBy, string, string])[] = [
  ['unit', '按单位', 'By unit'],
  ['unitCategory', '按单位类别', 'By unit category'],
  ['type', '按问题类型', 'By problem type'],
];
const TABLE_TITLES: Record<StatsBy, [string, string]> = {
  unit: ['各单位整改情况', 'Per unit'],
  unitCategory: ['各类别单位整改情况', 'Per unit category'],
  type: ['各类问题整改情况', 'Per type'],
};

const pct = (value: number | null) => (value === null ? '—' : `${value}%`);

/**
 * 整改统计: per unit, per problem type or per unit category (单位类别), what is listed, filed, closed (on time), overdue, explained and
 * how the fixes were rated, with the inbox still to answer; bar charts (ECharts, loaded with the first
 * chart) and the same figures as a table. Unit staff see their own unit; the server decides.
 */
export default function RectificationDashboardPage() {
  const lang = useLang();
  const [by, setBy] = useState<StatsBy>('unit');
  const me = useApi(() => api.auth.me.$get(), []);
  const stats = useApi(() => api.problems.stats.$get({ query: { by } }), [by]);
  const rows = useMemo(() => (stats.data?.rows ?? []) as StatsRow[], [stats.data]);
  const ledger = useMemo(() => (rows.length ? ledgerChart(lang, rows, by) : null), [lang, rows, by]);
  const shares = useMemo(() => (rows.length ? shareChart(lang, rows, by) : null), [lang, rows, by]);
  const office = me.data?.role === 'admin';

  return (
    <>
      <Card
        title={t(lang, '整改统计', 'Rectification figures')}
        actions={
          office && (
            <Link to="/console/rectification/settings" className="button-secondary">
              {t(lang, '整改设置', 'Settings')}
            </Link>
          )
        }
      >
        <div className="chart-switch" role="group" aria-label={t(lang, '统计口径', 'Figures by')}>
          {GROUPINGS.map(([key, zh, en]) => (
            <button key={key} type="button" aria-pressed={by === key} onClick={() => setBy(key)}>
              {t(lang, zh, en)}
            </button>
          ))}
        </div>
        {stats.error && <ErrorNote error={stats.error} />}
        {!stats.data && !stats.error && <Loading />}
        {stats.data && <Totals figures={stats.data.total} today={stats.data.today} />}
      </Card>
      {stats.data && rows.length === 0 && (
        <Card>
          <p className="muted">{t(lang, '还没有列入台账的问题。', 'Nothing is on the ledger yet.')}</p>
        </Card>
      )}
      {ledger && shares && (
        <Card title={t(lang, '图表', 'Charts')}>
          <div className="chart-pair">
            <Chart
              caption={t(
                lang,
                '已备案问题：销号、解释说明、整改中、逾期',
                'Filed problems: closed, explained, open, overdue',
              )}
              spec={ledger}
              testId="chart-ledger"
            />
            <Chart
              caption={t(lang, '按期销号率与满意率（%）', 'Closed on time and satisfied (%)')}
              spec={shares}
              testId="chart-shares"
            />
          </div>
        </Card>
      )}
      {stats.data && rows.length > 0 && (
        <Card title={t(lang, ...TABLE_TITLES[by])}>
          <StatsTable rows={rows} by={by} total={stats.data.total} />
        </Card>
      )}
    </>
  );
}

/** The headline figures of everything the user may see. */
function Totals({ figures, today }: { figures: StatsFigures; today: string }) {
  const lang = useLang();
  const d = derive(figures);
  const items: [string, string][] = [
    [t(lang, '列入清单', 'Listed'), String(figures.listed)],
    [t(lang, '审核备案', 'Filed'), String(figures.filed)],
    [t(lang, '已销号', 'Closed'), String(figures.closed)],
    [t(lang, '按期销号率', 'Closed on time'), pct(d.onTimePercent)],
    [t(lang, '逾期', 'Overdue'), String(figures.overdue)],
    [t(lang, '满意率', 'Satisfied'), pct(d.satisfiedPercent)],
    [t(lang, '问题反映待答复', 'Inbox to answer'), String(figures.inboxOpen)],
    [t(lang, '问题反映逾期未答复', 'Inbox overdue'), String(figures.inboxOverdue)],
  ];
  return (
    <>
      <div className="report-figures rect-figures" data-testid="rect-totals">
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
          `截至 ${today}。逾期按法定工作日计算；满意率为“满意”和“基本满意”占全部评价的比例。`,
          `As of ${today}. Overdue counts official working days; satisfied is "satisfied" and "basically satisfied" of all ratings.`,
        )}
      </p>
    </>
  );
}

function StatsTable({ rows, by, total }: { rows: readonly StatsRow[]; by: StatsBy; total: StatsFigures }) {
  const lang = useLang();
  const line = (name: string, figures: StatsFigures, key: string, isTotal = false) => {
    const d = derive(figures);
    return (
      <tr key={key} className={isTotal ? 'total-row' : undefined}>
        <th scope="row">{name}</th>
        <td className="num">{figures.listed}</td>
        <td className="num">{figures.filed}</td>
        <td className="num">{figures.closed}</td>
        <td className="num">
          {figures.closedOnTime}
          {t(lang, `（${pct(d.onTimePercent)}）`, ` (${pct(d.onTimePercent)})`)}
        </td>
        <td className={figures.overdue > 0 ? 'num overdue-cell' : 'num'}>{figures.overdue}</td>
        <td className="num">{figures.explained}</td>
        <td className="num">
          {figures.ratings.satisfied} / {figures.ratings.basically_satisfied} / {figures.ratings.unsatisfied}
        </td>
        <td className="num">{pct(d.satisfiedPercent)}</td>
        {by !== 'type' && (
          <td className="num">
            {figures.inboxOpen} / {figures.inboxOverdue}
          </td>
        )}
      </tr>
    );
  };
  return (
    <div className="table-scroll">
      <table className="data" data-testid="stats-table">
        <thead>
          <tr>
            <th scope="col">{groupHeader(lang, by)}</th>
            <th scope="col" className="num">
              {t(lang, '列入', 'Listed')}
            </th>
            <th scope="col" className="num">
              {t(lang, '备案', 'Filed')}
            </th>
            <th scope="col" className="num">
              {t(lang, '销号', 'Closed')}
            </th>
            <th scope="col" className="num">
              {t(lang, '按期销号', 'On time')}
            </th>
            <th scope="col" className="num">
              {t(lang, '逾期', 'Overdue')}
            </th>
            <th scope="col" className="num">
              {t(lang, '解释说明', 'Explained')}
            </th>
            <th scope="col" className="num">
              {t(lang, '满意/基本满意/不满意', 'Satisfied / basically / not')}
            </th>
            <th scope="col" className="num">
              {t(lang, '满意率', 'Satisfied')}
            </th>
            {by !== 'type' && (
              <th scope="col" className="num">
                {t(lang, '问题反映 待答复/逾期', 'Inbox open / overdue')}
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => line(rowName(lang, row, by), row, `${row.key.id ?? 'none'}`))}
          {rows.length > 1 && line(t(lang, '合计', 'Total'), total, 'total', true)}
        </tbody>
      </table>
    </div>
  );
}
