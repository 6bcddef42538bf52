import { t, useLang } from '../shared/i18n.ts';
import { BALLOT_COUNT_LABEL, RATER_LABEL } from '../shared/labels.ts';
import type { RankedUnit } from './results-types.ts';

/** A published unit row: the live row plus the lines of "how this was computed" (format 3 on). */
export type ExplainedUnit = RankedUnit & { explanation?: { zh: string[]; en: string[] } };

const percent = (weight: number) => `${Math.round(weight * 10000) / 100}%`;

/**
 * "How this was computed" for one published unit, folded away until asked for: each rater type's score,
 * its counted ballots, the weight as configured and as used, its part of the composite; then the server's frozen lines — the sum with its rounding, the grade
 * band and any quota, 末位 or veto step, the rank — the same lines as the Word appendix and the workbook.
 * A group below its minimum shows words only, never a figure (decision 011).
 */
export function UnitExplanation({ unit }: { unit: ExplainedUnit }) {
  const lang = useLang();
  const label = (key: keyof typeof BALLOT_COUNT_LABEL) => t(lang, ...BALLOT_COUNT_LABEL[key]);
  const weights = unit.weights ?? [];
  return (
    <details className="unit-explain" data-testid={`explain-${unit.code}`}>
      <summary>{t(lang, '计算过程', 'How this was computed')}</summary>
      <table className="data explain-table">
        <thead>
          <tr>
            <th>{t(lang, '评议主体', 'Rater type')}</th>
            <th className="num">{t(lang, '得分', 'Score')}</th>
            <th className="num">{label('counted')}</th>
            <th className="num" title={t(lang, '设定权重 → 实际使用的权重', 'Weight set → weight used')}>
              {t(lang, '权重', 'Weight')}
            </th>
            <th className="num">{t(lang, '加权得分', 'Weighted')}</th>
          </tr>
        </thead>
        <tbody>
          {unit.groups.map((group) => {
            const weight = weights.find((w) => w.raterType === group.raterType);
            const shown = group.status === 'ok' && group.score !== null;
            return (
              <tr key={group.raterType}>
                <td>{t(lang, ...(RATER_LABEL[group.raterType] ?? [group.raterType, group.raterType]))}</td>
                <td className="num">
                  {shown
                    ? group.score!.toFixed(2)
                    : group.status === 'missing'
                      ? '—'
                      : t(lang, `不足${group.minCount}人，不公布`, `under ${group.minCount}: not published`)}
                </td>
                <td className="num">{group.status === 'suppressed' ? '—' : group.ballots}</td>
                <td className="num">
                  {!weight
                    ? '—'
                    : weight.used === weight.configured
                      ? percent(weight.used)
                      : `${percent(weight.configured)} → ${percent(weight.used)}`}
                </td>
                <td className="num">{shown && weight ? (weight.used * group.score!).toFixed(4) : '—'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {/* The lines say what became of the other ballots (received, excluded, only 不了解). */}
      <ul className="explain-lines">
        {(unit.explanation?.[lang] ?? []).map((line, index) => (
          <li key={index}>{line}</li>
        ))}
      </ul>
    </details>
  );
}
