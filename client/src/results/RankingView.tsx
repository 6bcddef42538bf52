import { t, useLang, type Lang } from '../shared/i18n.ts';
import type { RankedCategory, RankedGroup, RankedUnit } from './results-types.ts';
import { RATER_LABEL, resultFlagText } from '../shared/labels.ts';
import { UnitExplanation, type ExplainedUnit } from './UnitExplanation.tsx';

const flagText = (lang: Lang, flag: RankedUnit['flags'][number]) => resultFlagText(lang, flag);

/** A rater group's figure in words: its score and how many rated, or why there is none. */
function groupCell(lang: Lang, group: RankedGroup | undefined) {
  if (!group || group.status === 'missing') return <span className="muted">—</span>;
  // Below the minimum: the words only, never a figure (decision 011).
  if (group.suppressed)
    return (
      <span className="muted">
        {t(lang, `不足${group.minCount}人，不公布`, `fewer than ${group.minCount} raters: not published`)}
      </span>
    );
  const score = group.score ?? group.mean;
  return (
    <>
      {score?.toFixed(2) ?? '—'}{' '}
      <span className="muted small raters">{t(lang, `${group.ballots}人`, `${group.ballots} raters`)}</span>
    </>
  );
}

function rankRange(unit: RankedUnit): string {
  if (!unit.rankRange) return '—';
  const { best, worst } = unit.rankRange;
  return best === worst ? String(best) : `${best}–${worst}`;
}

/** A category's units, best rank first; unranked ones by composite. */
export function categoryMembers<U extends RankedUnit>(category: RankedCategory, units: readonly U[]): U[] {
  return units
    .filter((u) => u.categoryKey === category.key)
    .sort((a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9) || (b.composite ?? -1) - (a.composite ?? -1));
}

/**
 * One category's ranking: a table on a wide screen and in print, one card per unit on a phone (the CSS
 * chooses), so nothing scrolls sideways. `rankRangeNote` is the id of the footnote saying what a rank
 * range is, where the page has one.
 */
export function CategoryRanking({
  category,
  members,
  raterTypes,
  rankRangeNote,
}: {
  category: RankedCategory;
  members: readonly ExplainedUnit[];
  raterTypes: readonly RankedGroup['raterType'][];
  rankRangeNote?: string;
}) {
  const columns = 4 + raterTypes.length + (category.ranked ? 2 : 0);
  const lang = useLang();
  const typeLabel = (r: string) => t(lang, ...(RATER_LABEL[r] ?? [r, r]));
  const rangeLabel = (
    <>
      {t(lang, '名次区间', 'Rank range')}
      {rankRangeNote && (
        <sup>
          <a href={`#${rankRangeNote}`} aria-label={t(lang, '注释1：名次区间', 'Note 1: rank range')}>
            1
          </a>
        </sup>
      )}
    </>
  );
  const rangeTitle = t(
    lang,
    '考虑参评人数有限带来的误差后，该单位可能处于的名次范围',
    'The ranks the unit could hold, allowing for the error of a limited number of raters',
  );
  const grade = (unit: RankedUnit) =>
    unit.grade ? <span className={`grade grade-${category.ranked ? 'ranked' : 'plain'}`}>{unit.grade}</span> : '—';
  return (
    <>
      <div className="table-wrap ranking-wide">
        <table className="data ranking-table">
          <thead>
            <tr>
              {category.ranked && <th className="num">{t(lang, '名次', 'Rank')}</th>}
              <th>{t(lang, '单位', 'Unit')}</th>
              <th className="num">{t(lang, '综合得分', 'Composite')}</th>
              <th>{t(lang, '等次', 'Grade')}</th>
              {raterTypes.map((r) => (
                <th key={r} className="num">
                  {typeLabel(r)}
                </th>
              ))}
              {category.ranked && (
                <th className="num" title={rangeTitle}>
                  {rangeLabel}
                </th>
              )}
              <th>{t(lang, '备注', 'Notes')}</th>
            </tr>
          </thead>
          <tbody>
            {members.map((unit) => [
              <tr key={unit.unitId} data-unit={unit.code}>
                {category.ranked && <td className="num rank">{unit.rank ?? '—'}</td>}
                <td className="unit-name">{t(lang, unit.name, unit.nameEn)}</td>
                <td className="num strong">{unit.composite?.toFixed(2) ?? '—'}</td>
                <td>{grade(unit)}</td>
                {raterTypes.map((r) => (
                  <td key={r} className="num">
                    {groupCell(
                      lang,
                      unit.groups.find((g) => g.raterType === r),
                    )}
                  </td>
                ))}
                {category.ranked && <td className="num muted">{rankRange(unit)}</td>}
                <td className="notes">{unit.flags.map((f) => flagText(lang, f)).join('；')}</td>
              </tr>,
              unit.explanation && (
                <tr key={`${unit.unitId}-explain`} className="explain-row no-print">
                  <td colSpan={columns}>
                    <UnitExplanation unit={unit} />
                  </td>
                </tr>
              ),
            ])}
          </tbody>
        </table>
      </div>
      <ol className="unit-cards" aria-label={t(lang, category.name, category.nameEn)}>
        {members.map((unit) => (
          <li key={unit.unitId} className="unit-card" data-unit={unit.code}>
            <div className="unit-card-head">
              {category.ranked && (
                <span
                  className="unit-card-rank"
                  aria-label={t(lang, `第${unit.rank ?? '—'}名`, `rank ${unit.rank ?? '—'}`)}
                >
                  {unit.rank ?? '—'}
                </span>
              )}
              <strong className="unit-card-name">{t(lang, unit.name, unit.nameEn)}</strong>
              {grade(unit)}
            </div>
            <dl className="unit-card-figures">
              <div>
                <dt>{t(lang, '综合得分', 'Composite')}</dt>
                <dd className="strong">{unit.composite?.toFixed(2) ?? '—'}</dd>
              </div>
              {raterTypes.map((r) => (
                <div key={r}>
                  <dt>{typeLabel(r)}</dt>
                  <dd>
                    {groupCell(
                      lang,
                      unit.groups.find((g) => g.raterType === r),
                    )}
                  </dd>
                </div>
              ))}
              {category.ranked && (
                <div>
                  <dt>{rangeLabel}</dt>
                  <dd>{rankRange(unit)}</dd>
                </div>
              )}
            </dl>
            {unit.flags.length > 0 && (
              <p className="unit-card-notes">{unit.flags.map((f) => flagText(lang, f)).join('；')}</p>
            )}
            {unit.explanation && <UnitExplanation unit={unit} />}
          </li>
        ))}
      </ol>
    </>
  );
}

/** Ranking per category: composite, per-rater-type scores with how many rated, grade, rank and the plausible rank range. */
export function RankingView({ categories, units }: { categories: RankedCategory[]; units: RankedUnit[] }) {
  const lang = useLang();
  const raterTypes = units[0]?.groups.map((g) => g.raterType) ?? [];
  return (
    <>
      {categories.map((category) => {
        const members = categoryMembers(category, units);
        if (members.length === 0) return null;
        return (
          <section key={category.key} className="ranking" data-testid={`ranking-${category.key}`}>
            <h3>
              {t(lang, category.name, category.nameEn)}
              {!category.ranked && <span className="badge">{t(lang, '只评不排', 'rated, not ranked')}</span>}
              <span className="muted small">
                {category.gradeCounts.map((g) => `${g.grade} ${g.count}`).join(' · ')}
              </span>
            </h3>
            <CategoryRanking category={category} members={members} raterTypes={raterTypes} />
          </section>
        );
      })}
    </>
  );
}
