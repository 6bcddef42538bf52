// The unit report's chart, from the report exactly as the API gives it: the mean of each item per rater
// type, for the groups and items the API shows (a suppressed group or item has no dot, only its reason).
import type { api, ResponseOf } from '../../shared/api.ts';
import { scoreRange, type ChartSpec } from '../../shared/charts/chart-data.ts';
import { RATER_STYLE } from '../../shared/charts/palette.ts';
import { t, type Lang } from '../../shared/i18n.ts';
import { RATER_LABEL } from '../../shared/labels.ts';

export type UnitReport = ResponseOf<(typeof api.reports)[':slug']['units'][':unitId']['$get']>;

/** An item's label in the page's language (the report's item list carries the English one). */
export function itemLabeller(lang: Lang, report: UnitReport, raterType: string) {
  const english = new Map((report.items[raterType] ?? []).map((item) => [item.item, item.labelEn]));
  return (item: { item: string; label: string }) => t(lang, item.label, english.get(item.item));
}

/** Mean points per item, a row per item (in questionnaire order) and a series per rater type shown. */
export function itemChart(lang: Lang, report: UnitReport): ChartSpec | null {
  const groups = report.unit.groups.filter((group) => !group.suppressed && group.status === 'ok');
  if (groups.length === 0) return null;
  // Rows by the label a reader sees, in questionnaire order: two rater types asking the same question share one.
  const labelled = groups.map((group) => {
    const label = itemLabeller(lang, report, group.raterType);
    return { group, items: new Map(group.items.map((item) => [label(item), item])) };
  });
  const rows = [...new Set(labelled.flatMap(({ items }) => [...items.keys()]))];
  const series = labelled.map(({ group, items }) => ({
    name: t(lang, ...(RATER_LABEL[group.raterType] ?? [group.raterType, group.raterType])),
    color: RATER_STYLE[group.raterType]?.color ?? '#1f1f1f',
    symbol: RATER_STYLE[group.raterType]?.symbol ?? 'circle',
    values: rows.map((row) => {
      const item = items.get(row);
      return item && !item.suppressed ? item.mean : null;
    }),
    notes: rows.map((row) => {
      const item = items.get(row);
      if (!item) return t(lang, '未评此项', 'not asked');
      return item.suppressed || item.mean === null ? t(lang, '份数不足，不显示', 'too few: hidden') : null;
    }),
  }));
  return {
    kind: 'dots',
    ...scoreRange(series.flatMap((s) => s.values)),
    data: { rowHeader: t(lang, '分项', 'Item'), rows, decimals: 1, series },
  };
}
