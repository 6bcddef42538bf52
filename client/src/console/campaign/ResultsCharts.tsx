import { useMemo, useState } from 'react';
import type { RankedCategory, RankedUnit } from '../../results/results-types.ts';
import { Chart } from '../../shared/charts/Chart.tsx';
import { t, useLang } from '../../shared/i18n.ts';
import { compositeChart, raterTypeChart } from './results-charts.ts';

/**
 * After close: one category at a time, its units' composites sorted (how they spread) beside each unit's
 * score from each rater type. Shown only with the office's full results: while scores are hidden there
 * is nothing to draw (decision 011).
 */
export function ResultsCharts({ categories, units }: { categories: RankedCategory[]; units: RankedUnit[] }) {
  const lang = useLang();
  const shown = useMemo(
    () => categories.filter((category) => units.some((unit) => unit.categoryKey === category.key)),
    [categories, units],
  );
  const [chosen, setChosen] = useState<string | null>(null);
  const category = shown.find((c) => c.key === chosen) ?? shown[0];
  const composite = useMemo(() => category && compositeChart(lang, category, units), [lang, category, units]);
  const byRaterType = useMemo(() => category && raterTypeChart(lang, category, units), [lang, category, units]);
  if (!category || !composite || !byRaterType) return null;
  const name = t(lang, category.name, category.nameEn);
  return (
    <section className="results-charts" data-testid="results-charts">
      <h3>{t(lang, '图表对比', 'Charts')}</h3>
      {shown.length > 1 && (
        <div className="chart-switch" role="group" aria-label={t(lang, '单位类别', 'Category')}>
          {shown.map((c) => (
            <button key={c.key} type="button" aria-pressed={c.key === category.key} onClick={() => setChosen(c.key)}>
              {t(lang, c.name, c.nameEn)}
            </button>
          ))}
        </div>
      )}
      <div className="chart-pair">
        <Chart
          caption={t(lang, `${name}：综合得分（由高到低）`, `${name}: composite, highest first`)}
          spec={composite}
          testId="chart-composite"
        />
        <Chart
          caption={t(lang, `${name}：各评议主体得分`, `${name}: score by rater type`)}
          spec={byRaterType}
          testId="chart-rater-types"
        />
      </div>
    </section>
  );
}
