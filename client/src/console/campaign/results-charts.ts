// The console's result charts, from the live results exactly as the API gives them (after close: the
// office's full view). Nothing here computes a figure: each value drawn is one the API returned, and a
// group the API suppressed has no dot, only its reason in the table.
import type { RankedCategory, RankedGroup, RankedUnit } from '../../results/results-types.ts';
import { scoreRange, type ChartSpec } from '../../shared/charts/chart-data.ts';
import { COMPOSITE_COLOR, RATER_STYLE } from '../../shared/charts/palette.ts';
import { t, type Lang } from '../../shared/i18n.ts';
import { RATER_LABEL } from '../../shared/labels.ts';

/** A category's units, best composite first; units without one last, in the order the API gave them. */
export function unitsByComposite(category: RankedCategory, units: readonly RankedUnit[]): RankedUnit[] {
  return units
    .filter((unit) => unit.categoryKey === category.key)
    .map((unit, order) => ({ unit, order }))
    .sort((a, b) => (b.unit.composite ?? -Infinity) - (a.unit.composite ?? -Infinity) || a.order - b.order)
    .map(({ unit }) => unit);
}

const unitName = (lang: Lang, unit: RankedUnit) => t(lang, unit.name, unit.nameEn);

/** One score axis for both of a category's charts: every composite and every group score shown. */
export function categoryRange(category: RankedCategory, units: readonly RankedUnit[]) {
  const members = units.filter((unit) => unit.categoryKey === category.key);
  return scoreRange(members.flatMap((unit) => [unit.composite, ...unit.groups.map(groupScore)]));
}

/** The composites of one category's units, sorted: how they spread and who leads. */
export function compositeChart(lang: Lang, category: RankedCategory, units: readonly RankedUnit[]): ChartSpec {
  const members = unitsByComposite(category, units);
  return {
    kind: 'dots',
    ...categoryRange(category, units),
    data: {
      rowHeader: t(lang, '单位', 'Unit'),
      rows: members.map((unit) => unitName(lang, unit)),
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

function groupNote(lang: Lang, group: RankedGroup | undefined): string {
  if (!group || group.status === 'missing') return t(lang, '无评议', 'no ballots');
  // The ranking table's words (RankingView), so the chart and the table say the same.
  return t(lang, `不足${group.minCount}人，不公布`, `fewer than ${group.minCount} raters: not published`);
}

/** The score a group weighs into the composite, when the API shows one. */
export function groupScore(group: RankedGroup | undefined): number | null {
  if (!group || group.suppressed || group.status !== 'ok') return null;
  return group.score ?? group.mean;
}

/** Each unit's score from each rater type beside its composite, in the composite chart's order. */
export function raterTypeChart(lang: Lang, category: RankedCategory, units: readonly RankedUnit[]): ChartSpec {
  const members = unitsByComposite(category, units);
  const raterTypes = [...new Set(units.flatMap((unit) => unit.groups.map((group) => group.raterType)))];
  const groupOf = (unit: RankedUnit, raterType: string) => unit.groups.find((group) => group.raterType === raterType);
  return {
    kind: 'dots',
    ...categoryRange(category, units),
    data: {
      rowHeader: t(lang, '单位', 'Unit'),
      rows: members.map((unit) => unitName(lang, unit)),
      decimals: 2,
      series: [
        ...raterTypes.map((raterType) => ({
          name: t(lang, ...(RATER_LABEL[raterType] ?? [raterType, raterType])),
          color: RATER_STYLE[raterType]?.color ?? '#1f1f1f',
          symbol: RATER_STYLE[raterType]?.symbol ?? 'circle',
          values: members.map((unit) => groupScore(groupOf(unit, raterType))),
          notes: members.map((unit) => {
            const group = groupOf(unit, raterType);
            return groupScore(group) === null ? groupNote(lang, group) : null;
          }),
        })),
        {
          name: t(lang, '综合得分', 'Composite'),
          color: COMPOSITE_COLOR,
          symbol: 'diamond' as const,
          values: members.map((unit) => unit.composite),
          notes: members.map((unit) => (unit.composite === null ? t(lang, '未计分', 'not scored') : null)),
        },
      ],
    },
  };
}
