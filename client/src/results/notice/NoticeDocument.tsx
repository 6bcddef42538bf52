import { useMemo, type CSSProperties } from 'react';
import type { api, ResponseOf } from '../../shared/api.ts';
import { Chart } from '../../shared/charts/Chart.tsx';
import { t, useLang } from '../../shared/i18n.ts';
import { CategoryRanking, categoryMembers } from '../RankingView.tsx';
import type { RankedCategory, RankedUnit } from '../results-types.ts';
import type { ExplainedUnit } from '../UnitExplanation.tsx';
import { categoryChart } from './notice-charts.ts';
import { chinaDay, noticeDate, partNumber } from './notice-text.ts';

export type Publication = ResponseOf<(typeof api.publications)[':slug']['$get']>;

const RANK_RANGE_NOTE = 'note-rank-range';

/**
 * The notice (通报) as the office issued it: the red head with the issuing office, the 文号 and the red
 * rule, the title, the addressee, the method in plain words, one part per category (a chart, then the
 * table, cards on a phone), the signature and the date, the rank-range footnote. A version published
 * before notices existed has no head, method or signature: its title, tables and publication date only.
 */
export function NoticeDocument({ publication }: { publication: Publication }) {
  const lang = useLang();
  const { notice, method: methods } = publication;
  const method = methods?.[lang] ?? null;
  const raterTypes = publication.units[0]?.groups.map((g) => g.raterType) ?? [];
  const parts = publication.categories
    .map((category) => ({ category, members: categoryMembers(category, publication.units) }))
    .filter((part) => part.members.length > 0);
  const title =
    lang === 'zh' && notice
      ? notice.title
      : t(lang, `关于${publication.campaign.name}结果的通报`, `Results of ${publication.campaign.nameEn}`);
  const date = noticeDate(lang, notice?.date ?? chinaDay(publication.publishedAt));
  const noteId = method?.rankRange ? RANK_RANGE_NOTE : undefined;

  return (
    <article className="notice-doc" lang={lang === 'zh' ? 'zh-CN' : 'en'}>
      {notice && (
        <header className="notice-head">
          <p
            className="notice-issuer"
            style={{ '--issuer-length': Math.max([...notice.issuer].length, 1) } as CSSProperties}
          >
            {notice.issuer}
          </p>
          {notice.documentNumber && <p className="notice-number">{notice.documentNumber}</p>}
        </header>
      )}
      <h1 className="notice-title">{title}</h1>
      {notice?.addressee && lang === 'zh' && <p className="notice-addressee">{notice.addressee}：</p>}
      {method && (
        <>
          <p className="notice-text">{method.intro}</p>
          <h2 className="notice-h2">{t(lang, '一、评议方法', '1. How the units were rated')}</h2>
          {method.method.map((paragraph, index) => (
            <p key={index} className="notice-text">
              {paragraph}
              {index === method.method.length - 1 && method.rankRange && (
                <>
                  {lang === 'zh' ? '' : ' '}
                  {method.rankRange.lead}
                  <sup>
                    <a href={`#${RANK_RANGE_NOTE}`} id="ref-rank-range" aria-label={t(lang, '注释1', 'note 1')}>
                      1
                    </a>
                  </sup>
                  {lang === 'zh' ? '。' : '.'}
                </>
              )}
            </p>
          ))}
          <h2 className="notice-h2">{t(lang, '二、评议结果', '2. Results')}</h2>
        </>
      )}
      {parts.map(({ category, members }, index) => (
        <NoticePart
          key={category.key}
          number={index + 1}
          category={category}
          members={members}
          raterTypes={raterTypes}
          rankRangeNote={noteId}
        />
      ))}
      <div className="notice-signature">
        {notice && <p>{notice.signature}</p>}
        <p>{date}</p>
      </div>
      {method?.rankRange && (
        <aside className="notice-footnotes">
          <p id={RANK_RANGE_NOTE}>
            <sup>1</sup> {method.rankRange.note}
          </p>
        </aside>
      )}
    </article>
  );
}

function NoticePart({
  number,
  category,
  members,
  raterTypes,
  rankRangeNote,
}: {
  number: number;
  category: RankedCategory;
  members: ExplainedUnit[];
  raterTypes: RankedUnit['groups'][number]['raterType'][];
  rankRangeNote: string | undefined;
}) {
  const lang = useLang();
  const name = t(lang, category.name, category.nameEn);
  const spec = useMemo(() => categoryChart(lang, members), [lang, members]);
  return (
    <section className="notice-part ranking" data-testid={`ranking-${category.key}`}>
      <h3 className="notice-h3">
        {partNumber(lang, number)}
        {name}
        {!category.ranked && t(lang, '（只评不排）', ' (rated, not ranked)')}
      </h3>
      {category.gradeCounts.length > 0 && (
        <p className="notice-text notice-grades">
          {t(lang, '等次分布：', 'Grades: ')}
          {category.gradeCounts
            .map((g) => t(lang, `“${g.grade}”${g.count}个`, `${g.grade} ${g.count}`))
            .join(t(lang, '，', ', '))}
          {t(lang, '。', '.')}
        </p>
      )}
      <Chart
        className="notice-chart no-print"
        caption={t(lang, `图${number}：${name}各单位综合得分`, `Figure ${number}. ${name}: composite scores`)}
        spec={spec}
        testId={`notice-chart-${category.key}`}
      />
      <CategoryRanking category={category} members={members} raterTypes={raterTypes} rankRangeNote={rankRangeNote} />
    </section>
  );
}
