import { describe, expect, it } from 'vitest';
import {
  categoryRange,
  compositeChart,
  groupScore,
  raterTypeChart,
  unitsByComposite,
} from '../../client/src/console/campaign/results-charts.ts';
import {
  codesChart,
  recipientsChart,
  type Participation,
} from '../../client/src/console/campaign/participation-charts.ts';
import { itemChart, type UnitReport } from '../../client/src/console/reports/report-charts.ts';
import { chartTable } from '../../client/src/shared/charts/chart-data.ts';
import type { RankedCategory, RankedGroup, RankedUnit } from '../../client/src/results/results-types.ts';

// The console's charts take every figure from the API as it comes (issue 13, decision 011): none is
// computed, and a group the API suppressed has no mark, only its reason.

function group(
  raterType: RankedGroup['raterType'],
  score: number | null,
  over: Partial<RankedGroup> = {},
): RankedGroup {
  return {
    raterType,
    status: 'ok',
    ballots: 10,
    minCount: 5,
    suppressed: false,
    score,
    mean: score,
    ci: null,
    items: [],
    ...over,
  };
}

function unit(unitId: number, categoryKey: string, composite: number | null, groups: RankedGroup[]): RankedUnit {
  return {
    unitId,
    code: `D${unitId}`,
    name: `单位${unitId}`,
    nameEn: `Unit ${unitId}`,
    categoryKey,
    composite,
    compositeCi: null,
    rank: null,
    rankRange: null,
    grade: null,
    flags: [],
    groups,
  };
}

const category: RankedCategory = {
  key: 'a',
  code: 'a',
  name: '执法部门',
  nameEn: 'Enforcement',
  ranked: true,
  gradeCounts: [],
};
const units = [
  unit(1, 'a', 81.2, [group('superior', 80), group('recipient', 82)]),
  unit(2, 'a', 93.4, [group('superior', 90), group('recipient', 95)]),
  unit(3, 'b', 99, [group('superior', 99), group('recipient', 99)]),
  unit(4, 'a', null, [
    group('superior', null, { status: 'missing', ballots: 0 }),
    group('recipient', null, { status: 'suppressed', suppressed: true, ballots: 3, mean: null }),
  ]),
  // A suppressed group never shows a figure, even one that reached the client by mistake.
  unit(5, 'a', 70, [
    group('superior', 71),
    group('recipient', 66, { status: 'suppressed', suppressed: true, ballots: 4 }),
  ]),
];

describe('results after close', () => {
  it("sorts a category's units by composite, highest first, units without one last", () => {
    expect(unitsByComposite(category, units).map((u) => u.unitId)).toEqual([2, 1, 5, 4]);
  });

  it("draws each unit's composite and lists the units in the text alternative", () => {
    const spec = compositeChart('zh', category, units);
    expect(spec.data.rows).toEqual(['单位2', '单位1', '单位5', '单位4']);
    expect(chartTable(spec.data).rows).toEqual([
      ['单位2', '93.40'],
      ['单位1', '81.20'],
      ['单位5', '70.00'],
      ['单位4', '未计分'],
    ]);
    expect(compositeChart('en', category, units).data.rows[0]).toBe('Unit 2');
  });

  it('shows each rater type beside the composite, and only what the API shows', () => {
    const spec = raterTypeChart('zh', category, units);
    expect(spec.data.series.map((s) => s.name)).toEqual(['上级领导评', '服务对象评', '综合得分']);
    expect(chartTable(spec.data).rows).toEqual([
      ['单位2', '90.00', '95.00', '93.40'],
      ['单位1', '80.00', '82.00', '81.20'],
      ['单位5', '71.00', '不足5人，不公布', '70.00'],
      ['单位4', '无评议', '不足5人，不公布', '未计分'],
    ]);
    expect(groupScore(units[4]!.groups[1])).toBeNull();
    expect(chartTable(raterTypeChart('en', category, units).data).rows[2]).toEqual([
      'Unit 5',
      '71.00',
      'fewer than 5 raters: not published',
      '70.00',
    ]);
  });

  it("puts a category's two charts on one score axis", () => {
    expect(categoryRange(category, units)).toEqual({ min: 65, max: 100 });
    expect(compositeChart('zh', category, units)).toMatchObject({ min: 65, max: 100 });
    expect(raterTypeChart('zh', category, units)).toMatchObject({ min: 65, max: 100 });
  });
});

describe('participation', () => {
  const participationUnits: Participation['units'] = [
    { unitId: 1, code: 'D1', name: '甲局', recipientBallots: 7, recipientFlagged: 0 },
    { unitId: 2, code: 'D2', name: '乙局', recipientBallots: 2, recipientFlagged: 1 },
    { unitId: 3, code: 'D3', name: '丙局', recipientBallots: 5, recipientFlagged: 0 },
  ];

  it('shows recipients per unit fewest first, hollow below the minimum, the minimum as a line', () => {
    const spec = recipientsChart('zh', participationUnits, 5)!;
    expect(spec.data.rows).toEqual(['乙局', '丙局', '甲局']);
    expect(spec.data.series[0]!.values).toEqual([2, 5, 7]);
    expect(spec.data.series[0]!.hollow).toEqual([true, false, false]);
    expect(spec.data.reference).toEqual({ value: 5, label: '匿名保护下限' });
    expect(recipientsChart('zh', [], 5)).toBeNull();
  });

  it("adds up each rater type's codes: used, and issued but unused (withdrawn ones left out)", () => {
    const batches: Participation['batches'] = [
      { id: 1, raterType: 'superior', label: 'A', size: 12, spent: 9, voided: 1 },
      { id: 2, raterType: 'peer', label: 'B', size: 1, spent: 1, voided: 0 },
      { id: 3, raterType: 'peer', label: 'C', size: 1, spent: 0, voided: 0 },
    ];
    const spec = codesChart('en', batches)!;
    expect(spec).toMatchObject({ kind: 'bars', stacked: true });
    expect(chartTable(spec.data)).toMatchObject({
      columns: ['Rater type', 'Used', 'Not yet used'],
      rows: [
        ['Superiors', '9', '2'],
        ['Peer units', '1', '1'],
      ],
    });
    expect(codesChart('zh', [])).toBeNull();
  });
});

describe("a unit's report", () => {
  const report = {
    unit: unit(1, 'a', 88, [
      group('superior', 88, {
        items: [
          { item: 'duty', label: '担当作为', n: 9, suppressed: false, mean: 91.1 },
          { item: 'speed', label: '马上就办', n: 9, suppressed: false, mean: 87.5 },
        ],
      }),
      group('peer', null, { status: 'suppressed', suppressed: true, items: [] }),
      group('recipient', 90, {
        items: [
          { item: 'attitude', label: '服务态度', n: 10, suppressed: false, mean: 84 },
          { item: 'rare', label: '少见问题', n: 2, suppressed: true, mean: null },
        ],
      }),
    ]),
    items: {
      superior: [
        { item: 'duty', label: '担当作为', labelEn: 'Taking responsibility' },
        { item: 'speed', label: '马上就办', labelEn: null },
      ],
      recipient: [{ item: 'attitude', label: '服务态度', labelEn: 'Service attitude' }],
    },
  } as unknown as UnitReport;

  it('draws the items of the groups shown, in the language of the page', () => {
    const spec = itemChart('en', report)!;
    expect(spec.data.series.map((s) => s.name)).toEqual(['Superiors', 'Service recipients']);
    expect(chartTable(spec.data).rows).toEqual([
      ['Taking responsibility', '91.1', 'not asked'],
      // No English label: the Chinese one rather than a blank.
      ['马上就办', '87.5', 'not asked'],
      ['Service attitude', 'not asked', '84.0'],
      ['少见问题', 'not asked', 'too few: hidden'],
    ]);
    expect(spec).toMatchObject({ min: 80, max: 95 });
  });
});
