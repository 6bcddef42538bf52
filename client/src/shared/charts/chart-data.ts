// What a chart shows, as plain data: rows (units, rater types, items) in display order and one or more
// series with a value per row. The chart's ECharts option and its text alternative (a table a screen
// reader reads instead of the picture) are both built from it, so the two can never disagree.
import type { ChartSymbol } from './palette.ts';

export interface ChartSeries {
  name: string;
  color: string;
  symbol?: ChartSymbol;
  /** One value per row; null where there is none to draw. */
  values: ReadonlyArray<number | null>;
  /** Per row, what the table says where the value is null (e.g. "不足5份，不显示"); '—' otherwise. */
  notes?: ReadonlyArray<string | null>;
  /** Per row, whether the bar is drawn hollow (a count still below its target): shape, not hue, tells. */
  hollow?: ReadonlyArray<boolean>;
  /** The colour of the figures written inside stacked bars (white unless the bar is light). */
  textColor?: string;
}

export interface ChartData {
  /** The heading of the rows in the text alternative, e.g. "单位". */
  rowHeader: string;
  rows: readonly string[];
  series: readonly ChartSeries[];
  /** Decimals a value shows with: 2 for scores, 0 for counts. */
  decimals: number;
  /** A line across the chart, e.g. the anonymity minimum, named in the text alternative. */
  reference?: { value: number; label: string };
}

/** Scores on a dot plot (no zero baseline needed), counts as bars from zero (stacked: parts of one whole). */
export type ChartSpec =
  { kind: 'dots'; data: ChartData; min?: number; max?: number } | { kind: 'bars'; data: ChartData; stacked?: boolean };

export interface ChartTable {
  columns: string[];
  rows: string[][];
  note: string | null;
}

export function formatValue(value: number, decimals: number): string {
  return value.toFixed(decimals);
}

/** The chart as a table: a row per chart row, a column per series; what a missing value means, in words. */
export function chartTable(data: ChartData): ChartTable {
  return {
    columns: [data.rowHeader, ...data.series.map((s) => s.name)],
    rows: data.rows.map((row, i) => [
      row,
      ...data.series.map((s) => {
        const value = s.values[i];
        return value === null || value === undefined ? (s.notes?.[i] ?? '—') : formatValue(value, data.decimals);
      }),
    ]),
    note: data.reference ? `${data.reference.label}: ${formatValue(data.reference.value, data.decimals)}` : null,
  };
}

/**
 * An axis for scores out of 100 that holds every value with a little room: from the nearest 5 below the
 * lowest to the nearest 5 above the highest, never past 0 or 100. Charts shown side by side take the same
 * range, so the same distance means the same difference in both.
 */
export function scoreRange(values: Iterable<number | null>): { min: number; max: number } | undefined {
  let low = Infinity;
  let high = -Infinity;
  for (const value of values) {
    if (value === null) continue;
    low = Math.min(low, value);
    high = Math.max(high, value);
  }
  if (low > high) return undefined;
  const min = Math.max(0, Math.floor((low - 1) / 5) * 5);
  const max = Math.min(100, Math.ceil((high + 1) / 5) * 5);
  return { min, max: Math.max(max, min + 5) };
}
