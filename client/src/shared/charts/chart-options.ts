// ECharts options from chart data: pure, so they are tested without a browser. Rows run down the
// chart (long unit names read on a 360 px phone, which a slanted axis under vertical bars does not).
import type { BarSeriesOption, ScatterSeriesOption } from 'echarts/charts';
import type {
  GridComponentOption,
  LegendComponentOption,
  MarkLineComponentOption,
  TooltipComponentOption,
} from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import { formatValue, type ChartData, type ChartSeries, type ChartSpec } from './chart-data.ts';

export type ChartOption = ComposeOption<
  | BarSeriesOption
  | ScatterSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | MarkLineComponentOption
  | TooltipComponentOption
>;

const INK = '#1f1f1f';
const AXIS_TEXT = '#4a4a4a';
const GRID_LINE = '#e4dfda';
const FONT_SIZE = 12;
const LEGEND_ROW = 24;
const LEGEND_ICON = 14;
const AXIS_ROW = 28;
const REFERENCE_ROW = 20;
/** Dots of several series on one row sit this far apart vertically, so equal scores do not hide each other. */
const DOT_SPREAD = 7;

/** Whether some row has values from more than one series (their dots then sit apart). */
export function rowsShared(data: ChartData): boolean {
  return data.rows.some((_, row) => data.series.filter((s) => s.values[row] != null).length > 1);
}

function rowHeight(spec: ChartSpec): number {
  const { series } = spec.data;
  if (spec.kind === 'dots') return rowsShared(spec.data) ? 8 + DOT_SPREAD * series.length : 26;
  return spec.stacked || series.length === 1 ? 26 : 12 * series.length + 12;
}

/** Legend entries as ECharts lays them out, wrapped to the chart's width (CJK characters ~ the font size wide). */
export function legendRows(names: readonly string[], width: number): number {
  if (names.length < 2) return 0;
  let rows = 1;
  let used = 0;
  for (const name of names) {
    const item =
      LEGEND_ICON + 5 + 12 + [...name].reduce((sum, ch) => sum + (ch.charCodeAt(0) > 0x2e80 ? FONT_SIZE : 7), 0);
    if (used > 0 && used + item > width) {
      rows += 1;
      used = 0;
    }
    used += item;
  }
  return rows;
}

const topSpace = (data: ChartData, width: number) =>
  legendRows(
    data.series.map((s) => s.name),
    width,
  ) *
    LEGEND_ROW +
  (data.reference ? REFERENCE_ROW : 8);

/** The chart's height in pixels for this width: a fixed height per row, so twenty units never squeeze. */
export function chartHeight(spec: ChartSpec, width: number): number {
  return topSpace(spec.data, width) + spec.data.rows.length * rowHeight(spec) + AXIS_ROW;
}

/** Unit names take at most a good third of a narrow screen; the full name is in the tooltip and the table. */
export function labelWidth(width: number): number {
  return Math.round(Math.min(200, Math.max(72, width * 0.36)));
}

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] ?? ch,
  );
}

/** The tooltip of one point: the row's full name, the series and the value (names are the office's data: escaped). */
export function tooltipText(data: ChartData, seriesIndex: number, rowIndex: number): string {
  const series = data.series[seriesIndex];
  const value = series?.values[rowIndex];
  if (!series || value === null || value === undefined) return '';
  return `${escapeHtml(data.rows[rowIndex] ?? '')}<br/>${escapeHtml(series.name)}: ${formatValue(value, data.decimals)}`;
}

function baseOption(spec: ChartSpec, width: number): ChartOption {
  const { data } = spec;
  const legend = data.series.length > 1;
  return {
    animation: false,
    textStyle: { fontSize: FONT_SIZE, color: AXIS_TEXT },
    legend: legend
      ? {
          top: 0,
          left: 0,
          itemGap: 12,
          itemWidth: LEGEND_ICON,
          itemHeight: 10,
          data: data.series.map((s) => ({ name: s.name, icon: s.symbol ?? 'roundRect' })),
          textStyle: { color: INK },
        }
      : { show: false },
    tooltip: {
      trigger: 'item',
      confine: true,
      formatter: (params) => {
        const point = Array.isArray(params) ? params[0] : params;
        if (!point) return '';
        // A dot's value is [score, row] (rows without a value have no dot); a bar's index is its row.
        const row = Array.isArray(point.value) ? Number(point.value[1]) : point.dataIndex;
        return tooltipText(data, point.seriesIndex ?? 0, row);
      },
    },
    grid: {
      left: 4,
      right: rowsShared(data) ? 16 : 44,
      top: topSpace(data, width),
      bottom: 4,
      outerBoundsMode: 'same',
      outerBoundsContain: 'axisLabel',
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: [...data.rows],
      axisTick: { show: false },
      axisLine: { lineStyle: { color: GRID_LINE } },
      axisLabel: { width: labelWidth(width), overflow: 'truncate', color: INK, fontSize: FONT_SIZE },
      splitLine: { show: spec.kind === 'dots', lineStyle: { color: GRID_LINE, type: 'dashed' } },
    },
  };
}

function markLine(data: ChartData): MarkLineComponentOption | undefined {
  if (!data.reference) return undefined;
  return {
    silent: true,
    symbol: 'none',
    data: [{ xAxis: data.reference.value }],
    label: {
      formatter: `${data.reference.label} ${formatValue(data.reference.value, data.decimals)}`,
      // The value axis runs across and the rows downwards (inverse): the line starts at the top.
      position: 'start',
      color: INK,
    },
    lineStyle: { color: INK, type: 'dashed', width: 1 },
  };
}

/** Each value written beside its mark, unless marks of several series share a row (the tooltip tells then). */
const valueLabel = (data: ChartData) => ({
  show: !rowsShared(data),
  position: 'right' as const,
  color: INK,
  formatter: (p: { value: unknown }) => {
    const value = Array.isArray(p.value) ? p.value[0] : p.value;
    return typeof value === 'number' ? formatValue(value, data.decimals) : '';
  },
});

const STEPS = [1, 2, 5, 10, 20, 25, 50];

/**
 * Ticks for a fixed value range: a round step giving at most 5 intervals on a phone and 8 on a desk, and
 * the range widened to whole steps, so the first label never crowds the second (65 beside 70).
 */
export function valueTicks(min: number, max: number, width: number): { min: number; max: number; interval: number } {
  const most = width < 480 ? 5 : 8;
  const interval = STEPS.find((step) => (max - min) / step <= most) ?? 100;
  return { min: Math.floor(min / interval) * interval, max: Math.ceil(max / interval) * interval, interval };
}

/** Scores as dots on a scaled axis: close scores stay apart, and no bar pretends to start at zero. */
function dotOption(spec: Extract<ChartSpec, { kind: 'dots' }>, width: number): ChartOption {
  const { data } = spec;
  const spread = rowsShared(data);
  return {
    ...baseOption(spec, width),
    xAxis: {
      type: 'value',
      ...(spec.min !== undefined && spec.max !== undefined
        ? valueTicks(spec.min, spec.max, width)
        : { scale: true, splitNumber: width < 480 ? 3 : 5 }),
      axisLabel: { color: AXIS_TEXT },
      splitLine: { lineStyle: { color: GRID_LINE } },
    },
    series: data.series.map((s, index): ScatterSeriesOption => ({
      type: 'scatter',
      name: s.name,
      symbol: s.symbol ?? 'circle',
      symbolSize: s.symbol === 'diamond' ? 13 : 10,
      symbolOffset: [0, spread ? (index - (data.series.length - 1) / 2) * DOT_SPREAD : 0],
      itemStyle: { color: s.color, borderColor: '#fff', borderWidth: 1 },
      label: valueLabel(data),
      data: points(s),
      ...(index === 0 && markLine(data) ? { markLine: markLine(data) } : {}),
    })),
  };
}

/** A dot per row with a value: [value, row index]; rows without a value have no dot (the table says why). */
function points(series: ChartSeries): Array<[number, number]> {
  return series.values.flatMap((value, row): Array<[number, number]> => (value === null ? [] : [[value, row]]));
}

/** Counts as bars from zero, grouped or stacked. */
function barOption(spec: Extract<ChartSpec, { kind: 'bars' }>, width: number): ChartOption {
  const { data } = spec;
  return {
    ...baseOption(spec, width),
    xAxis: {
      type: 'value',
      min: 0,
      minInterval: 1,
      splitNumber: width < 480 ? 3 : 5,
      axisLabel: { color: AXIS_TEXT },
      splitLine: { lineStyle: { color: GRID_LINE } },
    },
    series: data.series.map((s, index): BarSeriesOption => ({
      type: 'bar',
      name: s.name,
      itemStyle: { color: s.color },
      barMaxWidth: 18,
      ...(spec.stacked ? { stack: 'total' } : {}),
      label: spec.stacked
        ? {
            show: true,
            position: 'inside',
            color: s.textColor ?? '#fff',
            formatter: (p: { value: unknown }) =>
              typeof p.value === 'number' && p.value > 0 ? formatValue(p.value, data.decimals) : '',
          }
        : valueLabel(data),
      data: s.values.map((value, row) =>
        s.hollow?.[row] ? { value, itemStyle: { color: '#fff', borderColor: s.color, borderWidth: 2 } } : value,
      ),
      ...(index === 0 && markLine(data) ? { markLine: markLine(data) } : {}),
    })),
  };
}

/** The ECharts option for a chart this wide. */
export function chartOption(spec: ChartSpec, width: number): ChartOption {
  return spec.kind === 'dots' ? dotOption(spec, width) : barOption(spec, width);
}
