// One chart per category of the published notice: its units' composites, best first, drawn from the
// published figures only (a unit without a composite has no dot, only its reason in the table).
import type { ChartSpec } from '../../shared/charts/chart-data.ts';
import { COMPOSITE_COLOR } from '../../shared/charts/palette.ts';
import { t, type Lang } from '../../shared/i18n.ts';
import type { RankedUnit } from '../results-types.ts';

export function categoryChart(lang: Lang, members: readonly RankedUnit[]): ChartSpec {
  return {
    kind: 'dots',
    data: {
      rowHeader: t(lang, '单位', 'Unit'),
      rows: members.map((unit) => t(lang, unit.name, unit.nameEn)),
      decimals: 2,
      series: [
        {
          name: t(lang, '综合得分', 'Composite'),
          color: COMPOSITE_COLOR,
          symbol: 'diamond',
          values: members.map((unit) => unit.composite),
          notes: members.map((unit) => (unit.composite === null ? t(lang, '未计分', 'not scored') : null)),
        },
      ],
    },
  };
}
