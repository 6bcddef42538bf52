// The participation charts, from the participation API's counts as they come: recipients per unit
// against the anonymity minimum, and leaders' and peers' codes used against those issued. Counts only,
// the same ones the tables beside them show (decision 011).
import type { api, ResponseOf } from '../../shared/api.ts';
import type { ChartSpec } from '../../shared/charts/chart-data.ts';
import { PROGRESS_COLOR, RATER_STYLE, TRACK_COLOR } from '../../shared/charts/palette.ts';
import { t, type Lang } from '../../shared/i18n.ts';
import { RATER_LABEL } from '../../shared/labels.ts';

export type Participation = ResponseOf<(typeof api.campaigns)[':id']['participation']['$get']>;

/** Recipients per unit, fewest first (the units to look after), hollow while below the minimum. */
export function recipientsChart(lang: Lang, units: Participation['units'], minimum: number): ChartSpec | null {
  if (units.length === 0) return null;
  const sorted = units
    .map((unit, order) => ({ unit, order }))
    .sort((a, b) => a.unit.recipientBallots - b.unit.recipientBallots || a.order - b.order)
    .map(({ unit }) => unit);
  return {
    kind: 'bars',
    data: {
      rowHeader: t(lang, '单位', 'Unit'),
      rows: sorted.map((unit) => unit.name),
      decimals: 0,
      series: [
        {
          name: t(lang, '服务对象评份数', 'Recipient ballots'),
          color: RATER_STYLE.recipient!.color,
          values: sorted.map((unit) => unit.recipientBallots),
          hollow: sorted.map((unit) => unit.recipientBallots < minimum),
        },
      ],
      ...(minimum > 0 ? { reference: { value: minimum, label: t(lang, '匿名保护下限', 'Anonymity minimum') } } : {}),
    },
  };
}

/** Per rater type with codes: used, and issued but not yet used (withdrawn codes count for neither). */
export function codesChart(lang: Lang, batches: Participation['batches']): ChartSpec | null {
  const totals = new Map<string, { used: number; unused: number }>();
  for (const batch of batches) {
    const total = totals.get(batch.raterType) ?? { used: 0, unused: 0 };
    total.used += batch.spent;
    total.unused += Math.max(0, batch.size - batch.spent - batch.voided);
    totals.set(batch.raterType, total);
  }
  if (totals.size === 0) return null;
  const raterTypes = [...totals.keys()];
  const of = (raterType: string) => totals.get(raterType)!;
  return {
    kind: 'bars',
    stacked: true,
    data: {
      rowHeader: t(lang, '评议主体', 'Rater type'),
      rows: raterTypes.map((raterType) => t(lang, ...(RATER_LABEL[raterType] ?? [raterType, raterType]))),
      decimals: 0,
      series: [
        {
          name: t(lang, '已使用', 'Used'),
          color: PROGRESS_COLOR,
          values: raterTypes.map((raterType) => of(raterType).used),
        },
        {
          name: t(lang, '未使用', 'Not yet used'),
          color: TRACK_COLOR,
          textColor: '#1f1f1f',
          values: raterTypes.map((raterType) => of(raterType).unused),
        },
      ],
    },
  };
}
