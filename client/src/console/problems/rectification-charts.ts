// The rectification dashboards' figures and charts, from GET /api/problems/stats exactly as it answers:
// nothing here counts problems, it only divides and splits what the server counted. Pure, so the figures
// of the table and of the charts are tested together and cannot disagree.
import type { ChartSpec } from '../../shared/charts/chart-data.ts';
import { t, type Lang } from '../../shared/i18n.ts';
import { percent } from './problem-words.ts';

/** One row of the stats (a unit or a problem type), as the API gives it. */
export interface StatsFigures {
  listed: number;
  filed: number;
  closed: number;
  closedOnTime: number;
  overdue: number;
  explained: number;
  ratings: { satisfied: number; basically_satisfied: number; unsatisfied: number };
  inboxOpen: number;
  inboxOverdue: number;
}

export interface StatsRow extends StatsFigures {
  key: { id: number | null; name: string; nameEn: string };
}

/** The derived figures of a row: what is still open, the on-time and satisfied shares. */
export interface DerivedFigures {
  /** Filed, neither closed nor explained: still to rectify (overdue among them). */
  open: number;
  openOnTime: number;
  rated: number;
  /** Closed on or before the deadline, of the closed; null when none is closed. */
  onTimePercent: number | null;
  /** 满意 or 基本满意, of all ratings; null when nothing is rated. */
  satisfiedPercent: number | null;
}

export function derive(row: StatsFigures): DerivedFigures {
  const open = Math.max(0, row.filed - row.closed - row.explained);
  const rated = row.ratings.satisfied + row.ratings.basically_satisfied + row.ratings.unsatisfied;
  return {
    open,
    openOnTime: Math.max(0, open - row.overdue),
    rated,
    onTimePercent: percent(row.closedOnTime, row.closed),
    satisfiedPercent: percent(row.ratings.satisfied + row.ratings.basically_satisfied, rated),
  };
}

/** How the figures are grouped (the server's `by`). */
export type StatsBy = 'unit' | 'type' | 'unitCategory';

/** The name of the column that holds the group. */
export function groupHeader(lang: Lang, by: StatsBy): string {
  if (by === 'unit') return t(lang, '单位', 'Unit');
  if (by === 'type') return t(lang, '问题类型', 'Type');
  return t(lang, '单位类别', 'Unit category');
}

export function rowName(lang: Lang, row: StatsRow, by: StatsBy): string {
  if (row.key.id === null) {
    if (by === 'type') return t(lang, '未分类', 'No type');
    if (by === 'unitCategory') return t(lang, '未分类单位', 'No category');
  }
  return t(lang, row.key.name, row.key.nameEn);
}

const CLOSED = '#007a5a';
const EXPLAINED = '#5f5f5f';
const ON_TIME = '#0072b2';
const OVERDUE = '#b71c1c';

/** Every filed problem of each row, split: closed, explained, open on time, overdue (they add up to filed). */
export function ledgerChart(lang: Lang, rows: readonly StatsRow[], by: StatsBy): ChartSpec {
  const derived = rows.map(derive);
  return {
    kind: 'bars',
    stacked: true,
    data: {
      rowHeader: groupHeader(lang, by),
      rows: rows.map((row) => rowName(lang, row, by)),
      decimals: 0,
      series: [
        { name: t(lang, '已销号', 'Closed'), color: CLOSED, values: rows.map((r) => r.closed) },
        { name: t(lang, '已解释说明', 'Explained'), color: EXPLAINED, values: rows.map((r) => r.explained) },
        {
          name: t(lang, '整改中（未逾期）', 'Open, on time'),
          color: ON_TIME,
          values: derived.map((d) => d.openOnTime),
        },
        { name: t(lang, '逾期', 'Overdue'), color: OVERDUE, values: rows.map((r) => r.overdue) },
      ],
    },
  };
}

/** The shares: closed on time of the closed, and satisfied of the rated, in per cent (no bar where none). */
export function shareChart(lang: Lang, rows: readonly StatsRow[], by: StatsBy): ChartSpec {
  const derived = rows.map(derive);
  const none = t(lang, '无', 'none');
  return {
    kind: 'bars',
    data: {
      rowHeader: groupHeader(lang, by),
      rows: rows.map((row) => rowName(lang, row, by)),
      decimals: 0,
      series: [
        {
          name: t(lang, '按期销号率（%）', 'Closed on time (%)'),
          color: CLOSED,
          values: derived.map((d) => d.onTimePercent),
          notes: derived.map((d) => (d.onTimePercent === null ? none : null)),
        },
        {
          name: t(lang, '满意率（%）', 'Satisfied (%)'),
          color: ON_TIME,
          values: derived.map((d) => d.satisfiedPercent),
          notes: derived.map((d) => (d.satisfiedPercent === null ? none : null)),
        },
      ],
    },
  };
}
