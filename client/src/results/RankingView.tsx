import { t, useLang, type Lang } from '../shared/i18n.ts';
import type { RankedCategory, RankedGroup, RankedUnit } from './results-types.ts';
import { RATER_LABEL } from '../shared/labels.ts';

function flagText(lang: Lang, flag: RankedUnit['flags'][number]): string {
  const type = RATER_LABEL[String(flag.raterType)]?.[lang === 'zh' ? 0 : 1] ?? '';
  switch (flag.code) {
    case 'raterTypeSuppressed':
      return t(
        lang,
        `${type}不足${String(flag.minimum)}份，权重已分配给其他主体`,
        `${type}: under ${String(flag.minimum)} ballots, weight spread over the others`,
      );
    case 'raterTypeMissing':
      return t(lang, `无${type}评议，权重已分配给其他主体`, `No ${type} ballots; weight spread over the others`);
    case 'vetoed':
      return t(lang, `一票否决：${String(flag.reason)}`, `Vetoed: ${String(flag.reason)}`);
    case 'demotedByQuota':
      return t(
        lang,
        `受名额限制由“${String(flag.from)}”调整为“${String(flag.to)}”`,
        `Moved from ${String(flag.from)} to ${String(flag.to)} by the quota`,
      );
    case 'quotaBoundaryTie':
      return t(lang, '名额边界并列', 'Tied at a quota boundary');
    case 'notScored':
      return t(lang, '无有效评议，不计分', 'No valid ballots: not scored');
    default:
      return flag.code;
  }
}

function groupCell(lang: Lang, group: RankedGroup | undefined) {
  if (!group || group.status === 'missing') return <span className="muted">—</span>;
  if (group.suppressed)
    return (
      <span
        className="muted"
        title={t(lang, '份数低于匿名保护下限，不显示得分', 'Below the anonymity minimum: no score shown')}
      >
        {t(lang, `不足${group.minCount}份`, `< ${group.minCount}`)}
      </span>
    );
  const score = group.score ?? group.mean;
  return (
    <>
      {score?.toFixed(2) ?? '—'} <span className="muted small">n={group.ballots}</span>
    </>
  );
}

/** Ranking per category: composite, per-rater-type scores with n, grade, rank and the plausible rank range. */
export function RankingView({ categories, units }: { categories: RankedCategory[]; units: RankedUnit[] }) {
  const lang = useLang();
  const raterTypes = units[0]?.groups.map((g) => g.raterType) ?? [];
  return (
    <>
      {categories.map((category) => {
        const members = units
          .filter((u) => u.categoryKey === category.key)
          .sort((a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9) || (b.composite ?? -1) - (a.composite ?? -1));
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
            <div className="table-wrap">
              <table className="data ranking-table">
                <thead>
                  <tr>
                    {category.ranked && <th className="num">{t(lang, '名次', 'Rank')}</th>}
                    <th>{t(lang, '单位', 'Unit')}</th>
                    <th className="num">{t(lang, '综合得分', 'Composite')}</th>
                    <th>{t(lang, '等次', 'Grade')}</th>
                    {raterTypes.map((r) => (
                      <th key={r} className="num">
                        {t(lang, ...(RATER_LABEL[r] ?? [r, r]))}
                      </th>
                    ))}
                    {category.ranked && (
                      <th
                        className="num"
                        title={t(
                          lang,
                          '考虑抽样误差后可能的名次范围（95%）',
                          'Ranks the unit could plausibly hold given sampling error (95%)',
                        )}
                      >
                        {t(lang, '名次区间', 'Rank range')}
                      </th>
                    )}
                    <th>{t(lang, '说明', 'Notes')}</th>
                  </tr>
                </thead>
                <tbody>
                  {members.map((unit) => (
                    <tr key={unit.unitId} data-unit={unit.code}>
                      {category.ranked && <td className="num rank">{unit.rank ?? '—'}</td>}
                      <td>{t(lang, unit.name, unit.nameEn)}</td>
                      <td className="num strong">{unit.composite?.toFixed(2) ?? '—'}</td>
                      <td>
                        {unit.grade ? (
                          <span className={`grade grade-${category.ranked ? 'ranked' : 'plain'}`}>{unit.grade}</span>
                        ) : (
                          '—'
                        )}
                      </td>
                      {raterTypes.map((r) => (
                        <td key={r} className="num">
                          {groupCell(
                            lang,
                            unit.groups.find((g) => g.raterType === r),
                          )}
                        </td>
                      ))}
                      {category.ranked && (
                        <td className="num muted">
                          {unit.rankRange
                            ? unit.rankRange.best === unit.rankRange.worst
                              ? unit.rankRange.best
                              : `${unit.rankRange.best}–${unit.rankRange.worst}`
                            : '—'}
                        </td>
                      )}
                      <td className="notes">{unit.flags.map((f) => flagText(lang, f)).join('；')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        );
      })}
    </>
  );
}
