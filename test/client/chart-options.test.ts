import { describe, expect, it } from 'vitest';
import { chartTable, scoreRange, type ChartData, type ChartSpec } from '../../client/src/shared/charts/chart-data.ts';
import {
  chartHeight,
  chartOption,
  labelWidth,
  legendRows,
  rowsShared,
  tooltipText,
  valueTicks,
} from '../../client/src/shared/charts/chart-options.ts';

// The shared chart module (issue 13): options and text alternatives built from the same plain data.

const scores: ChartData = {
  rowHeader: '单位',
  rows: ['市公安局', '市<b>局', '市财政局'],
  decimals: 2,
  series: [
    {
      name: '上级领导评',
      color: '#0072b2',
      symbol: 'triangle',
      values: [91.5, null, 80],
      notes: [null, '不足5份，不显示', null],
    },
    { name: '综合得分', color: '#b71c1c', symbol: 'diamond', values: [90.25, 70, null] },
  ],
};

const counts: ChartData = {
  rowHeader: '单位',
  rows: ['甲', '乙'],
  decimals: 0,
  series: [{ name: '服务对象评份数', color: '#a36b00', values: [3, 12], hollow: [true, false] }],
  reference: { value: 5, label: '匿名保护下限' },
};

describe('the text alternative', () => {
  it('lists every row with each series, saying why a value is missing', () => {
    expect(chartTable(scores)).toEqual({
      columns: ['单位', '上级领导评', '综合得分'],
      rows: [
        ['市公安局', '91.50', '90.25'],
        ['市<b>局', '不足5份，不显示', '70.00'],
        ['市财政局', '80.00', '—'],
      ],
      note: null,
    });
  });

  it('names the reference line', () => {
    expect(chartTable(counts).note).toBe('匿名保护下限: 5');
    expect(chartTable(counts).rows).toEqual([
      ['甲', '3'],
      ['乙', '12'],
    ]);
  });
});

describe('dot plots', () => {
  const spec: ChartSpec = { kind: 'dots', data: scores, min: 65, max: 95 };
  const option = chartOption(spec, 360);
  const series = option.series as Array<Record<string, unknown>>;

  it('draws a dot only where there is a value, at its row', () => {
    expect(series.map((s) => s.data)).toEqual([
      [
        [91.5, 0],
        [80, 2],
      ],
      [
        [90.25, 0],
        [70, 1],
      ],
    ]);
    expect(series.map((s) => s.type)).toEqual(['scatter', 'scatter']);
    // 65 to 95 on a phone: steps of 10 from 60, so no label crowds the next.
    expect(option.xAxis).toMatchObject({ type: 'value', min: 60, max: 100, interval: 10 });
    expect(chartOption(spec, 1280).xAxis).toMatchObject({ min: 65, max: 95, interval: 5 });
    expect(chartOption(spec, 1280).xAxis).not.toHaveProperty('scale');
  });

  it('sets dots of one row apart when series share it, and writes no value labels then', () => {
    expect(rowsShared(scores)).toBe(true);
    expect(series.map((s) => (s.symbolOffset as number[])[1])).toEqual([-3.5, 3.5]);
    expect(series.every((s) => (s.label as { show: boolean }).show === false)).toBe(true);
    const single: ChartData = { ...scores, series: [scores.series[0]!] };
    const alone = chartOption({ kind: 'dots', data: single }, 360).series as Array<Record<string, unknown>>;
    expect((alone[0]!.symbolOffset as number[])[1]).toBe(0);
    expect((alone[0]!.label as { show: boolean }).show).toBe(true);
  });

  it('shows a legend with each series marker only when there are several series', () => {
    expect(option.legend).toMatchObject({
      data: [
        { name: '上级领导评', icon: 'triangle' },
        { name: '综合得分', icon: 'diamond' },
      ],
    });
    expect(chartOption({ kind: 'bars', data: counts }, 360).legend).toEqual({ show: false });
  });

  it('finds the row of a hovered dot from its value, and escapes the names', () => {
    const formatter = (option.tooltip as { formatter: (p: unknown) => string }).formatter;
    // The second dot of the second series is the unit on row 1.
    expect(formatter({ seriesIndex: 1, dataIndex: 1, value: [70, 1] })).toBe('市&lt;b&gt;局<br/>综合得分: 70.00');
    expect(tooltipText(scores, 0, 1)).toBe('');
  });

  it('keeps unit names to a good third of a phone, at most 200 px on a desk', () => {
    expect(labelWidth(360)).toBe(130);
    expect(labelWidth(1280)).toBe(200);
    expect(labelWidth(150)).toBe(72);
    expect((option.yAxis as { axisLabel: { width: number } }).axisLabel.width).toBe(130);
  });
});

describe('bars', () => {
  it('draws counts below their target hollow and the target as a line', () => {
    const option = chartOption({ kind: 'bars', data: counts }, 360);
    const [series] = option.series as Array<Record<string, unknown>>;
    expect(series!.data).toEqual([
      { value: 3, itemStyle: { color: '#fff', borderColor: '#a36b00', borderWidth: 2 } },
      12,
    ]);
    expect(series!.markLine).toMatchObject({ data: [{ xAxis: 5 }], label: { formatter: '匿名保护下限 5' } });
    expect(option.xAxis).toMatchObject({ min: 0, minInterval: 1 });
  });

  it('stacks parts of one whole', () => {
    const parts: ChartData = {
      rowHeader: '评议主体',
      rows: ['上级领导评'],
      decimals: 0,
      series: [
        { name: '已使用', color: '#007a5a', values: [9] },
        { name: '未使用', color: '#e4dfda', textColor: '#1f1f1f', values: [3] },
      ],
    };
    const series = chartOption({ kind: 'bars', data: parts, stacked: true }, 800).series as Array<
      Record<string, unknown>
    >;
    expect(series.map((s) => s.stack)).toEqual(['total', 'total']);
    expect(series.map((s) => (s.label as { color: string }).color)).toEqual(['#fff', '#1f1f1f']);
  });
});

describe('sizes', () => {
  it('gives every row the same height, so twenty units never squeeze', () => {
    const few = chartHeight({ kind: 'bars', data: counts }, 360);
    const more = chartHeight({ kind: 'bars', data: { ...counts, rows: [...counts.rows, '丙', '丁'] } }, 360);
    expect(more - few).toBe(2 * 26);
  });

  it('wraps the legend on a phone and keeps it on one line on a desk', () => {
    const names = ['上级领导评', '同级部门评', '服务对象评', '综合得分'];
    expect(legendRows(names, 320)).toBe(2);
    expect(legendRows(names, 1000)).toBe(1);
    expect(legendRows(['一个'], 100)).toBe(0);
    expect(chartHeight({ kind: 'dots', data: scores }, 120)).toBeGreaterThan(
      chartHeight({ kind: 'dots', data: scores }, 1000),
    );
  });
});

describe('score axes', () => {
  it('ticks in round steps, fewer on a phone', () => {
    expect(valueTicks(55, 95, 360)).toEqual({ min: 50, max: 100, interval: 10 });
    expect(valueTicks(55, 95, 1280)).toEqual({ min: 55, max: 95, interval: 5 });
    expect(valueTicks(80, 100, 360)).toEqual({ min: 80, max: 100, interval: 5 });
    expect(valueTicks(0, 5, 360)).toEqual({ min: 0, max: 5, interval: 1 });
  });

  it('holds every score with room, in steps of 5, within 0 to 100', () => {
    expect(scoreRange([58.77, 92.66, null])).toEqual({ min: 55, max: 95 });
    expect(scoreRange([84, 100])).toEqual({ min: 80, max: 100 });
    expect(scoreRange([0.5, 3])).toEqual({ min: 0, max: 5 });
    expect(scoreRange([100])).toEqual({ min: 95, max: 100 });
    expect(scoreRange([null])).toBeUndefined();
  });
});
