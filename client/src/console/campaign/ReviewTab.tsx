import { useState } from 'react';
import { api, call, type ResponseOf } from '../../shared/api.ts';
import { t, useLang, type Lang } from '../../shared/i18n.ts';
import { Card, ErrorNote, Loading } from '../ui.tsx';
import { useApi } from '../use-api.ts';
import type { CampaignConfig } from './campaign-types.ts';
import { FLAG_LABEL, RATER_LABEL } from '../../shared/labels.ts';
import { answerRows, questionsOf } from './review-answers.ts';
import { FilterReviewActions } from './FilterReviewActions.tsx';
import { filterQuery, NO_FILTER, ReviewFilterBar, type ReviewFilterState } from './ReviewFilterBar.tsx';

type FlaggedPage = ResponseOf<(typeof api.campaigns)[':id']['flagged-ballots']['$get']>;
type Flagged = FlaggedPage['ballots'][number];
type Thresholds = NonNullable<FlaggedPage['thresholds']>;
type Decision = 'accepted' | 'excluded';

const PAGE_SIZE = 50;

/** The fill time as the server keeps it: seconds under a minute, whole minutes up to ten, then "ten or more". */
export function fillTimeText(lang: Lang, seconds: number | null): string {
  if (seconds === null) return t(lang, '未记录', 'not recorded');
  if (seconds < 60) return t(lang, `${seconds} 秒`, `${seconds} s`);
  if (seconds >= 600) return t(lang, '10 分钟以上', '10 min or more');
  const minutes = Math.floor(seconds / 60);
  return t(lang, `${minutes}–${minutes + 1} 分钟`, `${minutes}–${minutes + 1} min`);
}

/** Why a flag was raised, with this campaign's threshold, in the page's language. */
function flagReason(lang: Lang, flag: string, ballot: Flagged, limits: Thresholds | null): string {
  const fill = fillTimeText(lang, ballot.fillSeconds);
  switch (flag) {
    case 'too_fast': {
      const minimum = ballot.limits?.minFillSeconds ?? limits?.minFillSeconds;
      return minimum !== undefined
        ? t(
            lang,
            `用时 ${fill}，少于此问卷的最短用时 ${minimum} 秒（按所答题数计算）`,
            `took ${fill}, under this questionnaire's minimum of ${minimum} s (from the questions answered)`,
          )
        : t(lang, `用时 ${fill}`, `took ${fill}`);
    }
    case 'fill_time_missing':
      return t(
        lang,
        '提交时没有附带填写用时（本系统的页面总会附带，多为脚本提交）',
        "sent without a fill time (this system's pages always send one: usually a script)",
      );
    case 'identical_pattern':
      return t(lang, '每个单位每一项都给了相同评分', 'every unit got the same grade on every item');
    case 'repeated_answers': {
      const repeats = ballot.limits?.repeatLimit ?? limits?.repeatLimit;
      return limits && repeats !== undefined && repeats !== null
        ? t(
            lang,
            `${limits.burstWindowMinutes} 分钟内同一单位收到超过 ${repeats} 份完全相同的答卷（含意见；按这份答卷的题数与答案，诚实评议很少这样重复）`,
            `more than ${repeats} identical answers (comment included) for the unit within ${limits.burstWindowMinutes} min (rare for honest raters, given these answers)`,
          )
        : t(lang, '短时间内多份完全相同的答卷', 'identical answers several times in a short time');
    }
    case 'burst':
      return limits
        ? t(
            lang,
            `${limits.burstWindowMinutes} 分钟内该单位收到超过 ${limits.burstMaxPerUnit} 份评议`,
            `more than ${limits.burstMaxPerUnit} ballots for the unit within ${limits.burstWindowMinutes} min`,
          )
        : t(lang, '该单位短时间内收到大量评议', 'many ballots for the unit in a short time');
    default:
      return flag;
  }
}

/** While voting runs a ballot keeps its hour; once closed, only its day (decision 011). */
function arrivalText(lang: Lang, submittedHour: string, dayOnly: boolean): string {
  if (dayOnly) return submittedHour.slice(0, 10);
  const at = new Date(submittedHour);
  const date = at.toLocaleDateString(lang === 'zh' ? 'zh-CN' : 'en-GB', { dateStyle: 'medium' });
  return `${date} ${String(at.getHours()).padStart(2, '0')}:00`;
}

/**
 * Flagged recipient ballots: why each was flagged, how long it took, what it says; the office accepts or
 * excludes them one by one or many at once (audited). Leaders' and peers' ballots are never listed one by
 * one (decision 011): their flags are only counted per rater type.
 */
export function ReviewTab({ campaign }: { campaign: CampaignConfig }) {
  const lang = useLang();
  const [filter, setFilter] = useState<ReviewFilterState>(NO_FILTER);
  const [version, setVersion] = useState(0);
  const [offset, setOffset] = useState(0);
  const flagged = useApi(
    () =>
      api.campaigns[':id']['flagged-ballots'].$get({
        param: { id: String(campaign.id) },
        query: { ...filterQuery(filter), offset: String(offset), limit: String(PAGE_SIZE) },
      }),
    [campaign.id, JSON.stringify(filter), offset],
  );
  const participation = useApi(
    () => api.campaigns[':id'].participation.$get({ param: { id: String(campaign.id) } }),
    [campaign.id],
  );
  const recipientQuestionnaire = campaign.raterTypes.find((r) => r.raterType === 'recipient')?.questionnaire.id;
  const questionnaire = useApi(
    recipientQuestionnaire
      ? () => api.questionnaires[':id'].$get({ param: { id: String(recipientQuestionnaire) } })
      : null,
    [recipientQuestionnaire],
  );
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [opened, setOpened] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const unitName = new Map(campaign.units.map((u) => [u.id, t(lang, u.name, u.nameEn)]));
  const frozen = campaign.status === 'published' || campaign.status === 'archived';
  const dayOnly = campaign.status !== 'draft' && campaign.status !== 'open';

  const refresh = () => {
    setSelected(new Set());
    setVersion((n) => n + 1);
    flagged.reload();
    participation.reload();
  };
  const reviewOne = async (id: string, decision: Decision) => {
    setError(null);
    setDone(null);
    try {
      await call(api.ballots[':id'].review.$post({ param: { id }, json: { decision } }));
      refresh();
    } catch (e) {
      setError(e);
    }
  };
  const reviewMany = async (decision: Decision) => {
    const ids = [...selected];
    if (ids.length === 0) return;
    if (
      decision === 'excluded' &&
      !window.confirm(
        t(
          lang,
          `剔除所选 ${ids.length} 份评议？剔除后不再计入结果（通报前可恢复）。`,
          `Exclude the ${ids.length} selected ballots? They stop counting (until publication they can be restored).`,
        ),
      )
    )
      return;
    setError(null);
    setDone(null);
    try {
      const answer = await call(
        api.campaigns[':id']['flagged-ballots'].review.$post({
          param: { id: String(campaign.id) },
          json: { ids, decision, ...(note.trim() ? { note: note.trim() } : {}) },
        }),
      );
      setDone(
        decision === 'excluded'
          ? t(lang, `已剔除 ${answer.reviewed} 份评议。`, `${answer.reviewed} ballots excluded.`)
          : t(lang, `已确认 ${answer.reviewed} 份评议有效。`, `${answer.reviewed} ballots accepted.`),
      );
      setNote('');
    } catch (e) {
      setError(e);
    }
    refresh();
  };

  if (!flagged.data) return flagged.error ? <ErrorNote error={flagged.error} /> : <Loading />;
  const page = flagged.data;
  const questions = questionsOf(questionnaire.data?.definition, lang);
  const onPage = page.ballots.map((b) => b.id);
  const allOnPage = onPage.length > 0 && onPage.every((id) => selected.has(id));
  const select = (ids: readonly string[], on: boolean) => {
    const next = new Set(selected);
    for (const id of ids) {
      if (on) next.add(id);
      else next.delete(id);
    }
    setSelected(next);
  };
  const manyUnitFlags = (participation.data?.raterTypes ?? []).filter(
    (r) => r.raterType !== 'recipient' && r.flags.length > 0,
  );
  const last = Math.min(page.offset + page.ballots.length, page.total);

  return (
    <>
      <Card
        title={t(
          lang,
          `质量审核：待审核 ${page.unreviewed} 份`,
          `Quality review: ${page.unreviewed} flagged ballots undecided`,
        )}
        actions={
          <label className="check">
            <input
              type="checkbox"
              name="showReviewed"
              checked={filter.status === 'all'}
              onChange={(e) => {
                setFilter({ ...filter, status: e.target.checked ? 'all' : 'unreviewed' });
                setOffset(0);
                setSelected(new Set());
              }}
            />
            {t(lang, '显示已审核的', 'Show reviewed ones too')}
          </label>
        }
      >
        <p className="muted">
          {t(
            lang,
            '被标记的服务对象评议照常计入，直至评议办决定“剔除”；通报前可随时改变决定。每次审核都记入审计日志。',
            'Flagged recipient ballots count until the office excludes them; the decision can change until publication. Every review is audited.',
          )}
        </p>
        <ReviewFilterBar
          lang={lang}
          value={filter}
          units={campaign.units.map((u) => ({ id: u.id, name: t(lang, u.name, u.nameEn) }))}
          onChange={(next) => {
            setFilter(next);
            setOffset(0);
            setSelected(new Set());
          }}
        />
        {!frozen && (
          <FilterReviewActions
            lang={lang}
            campaignId={campaign.id}
            filter={filter}
            version={version}
            note={note}
            onDone={(message) => {
              setDone(message);
              setNote('');
              refresh();
            }}
          />
        )}
        {!frozen && (
          <div className="inline-form review-bar" data-testid="review-bar">
            <label className="check">
              <input
                type="checkbox"
                name="selectPage"
                disabled={onPage.length === 0}
                checked={allOnPage}
                onChange={(e) => select(onPage, e.target.checked)}
              />
              {t(lang, '全选本页', 'Select all on this page')}
            </label>
            <span className="strong" data-testid="selected-count">
              {t(lang, `已选 ${selected.size} 份`, `${selected.size} selected`)}
            </span>
            <label>
              {t(lang, '审核说明（选填）', 'Note (optional)')}
              <input name="note" value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} />
            </label>
            <button
              type="button"
              className="button-secondary"
              disabled={selected.size === 0}
              onClick={() => reviewMany('accepted')}
            >
              {t(lang, '确认所选有效', 'Accept selected')}
            </button>
            <button
              type="button"
              className="button-primary"
              disabled={selected.size === 0}
              onClick={() => reviewMany('excluded')}
            >
              {t(lang, '剔除所选', 'Exclude selected')}
            </button>
            {selected.size > 0 && (
              <button type="button" className="link-button" onClick={() => setSelected(new Set())}>
                {t(lang, '清除选择', 'Clear selection')}
              </button>
            )}
          </div>
        )}
        {done && (
          <p className="notice notice-ok" role="status">
            {done}
          </p>
        )}
        <ErrorNote error={error} />
        {page.ballots.length === 0 ? (
          <p className="muted" data-testid="review-empty">
            {filter.status === 'unreviewed'
              ? t(lang, '没有待审核的评议。', 'No flagged ballot is waiting for a decision.')
              : t(lang, '没有被标记的评议。', 'No ballot was flagged.')}
          </p>
        ) : (
          <div className="table-scroll">
            <table className="data review-table" data-testid="review-table">
              <thead>
                <tr>
                  <th>
                    <span className="sr-only">{t(lang, '选择', 'Select')}</span>
                  </th>
                  <th>{dayOnly ? t(lang, '日期', 'Day') : t(lang, '时间（小时）', 'Hour')}</th>
                  <th>{t(lang, '被评单位', 'Unit')}</th>
                  <th>{t(lang, '用时', 'Fill time')}</th>
                  <th>{t(lang, '标记原因', 'Why flagged')}</th>
                  <th>{t(lang, '审核', 'Review')}</th>
                </tr>
              </thead>
              <tbody>
                {page.ballots.map((b) => (
                  <BallotRows
                    key={b.id}
                    ballot={b}
                    lang={lang}
                    unit={b.targetUnitId ? (unitName.get(b.targetUnitId) ?? '—') : '—'}
                    arrival={arrivalText(lang, b.submittedHour, dayOnly)}
                    limits={page.thresholds}
                    frozen={frozen}
                    checked={selected.has(b.id)}
                    onCheck={(on) => select([b.id], on)}
                    open={opened === b.id}
                    onOpen={() => setOpened(opened === b.id ? null : b.id)}
                    onReview={(decision) => reviewOne(b.id, decision)}
                    answers={b.answers ? answerRows(b.answers, questions, lang) : null}
                  />
                ))}
              </tbody>
            </table>
          </div>
        )}
        {page.total > PAGE_SIZE && (
          <div className="pager">
            <button
              type="button"
              className="button-secondary"
              disabled={page.offset === 0}
              onClick={() => {
                setOffset(Math.max(0, page.offset - PAGE_SIZE));
                setSelected(new Set());
              }}
            >
              {t(lang, '上一页', 'Previous')}
            </button>
            <span className="muted">
              {t(
                lang,
                `第 ${page.offset + 1}–${last} 份，共 ${page.total} 份`,
                `${page.offset + 1}–${last} of ${page.total}`,
              )}
            </span>
            <button
              type="button"
              className="button-secondary"
              disabled={last >= page.total}
              onClick={() => {
                setOffset(page.offset + PAGE_SIZE);
                setSelected(new Set());
              }}
            >
              {t(lang, '下一页', 'Next')}
            </button>
          </div>
        )}
      </Card>
      <Card title={t(lang, '上级领导与同级部门评议的质量标记', "Flags on leaders' and peers' ballots")}>
        <p className="muted">
          {t(
            lang,
            '为保护评议人，领导和同级部门的评议不逐份显示、不逐份审核（其内容或时间可能识别出评议人），只按评议主体统计被标记的份数；结束评议后才汇总。',
            "To protect the raters, leaders' and peers' ballots are never shown or reviewed one by one (their content or timing could identify who cast them): flags are only counted per rater type, once the campaign closes.",
          )}
        </p>
        {manyUnitFlags.length === 0 ? (
          <p className="muted" data-testid="many-unit-flags">
            {t(lang, '暂无统计。', 'Nothing counted yet.')}
          </p>
        ) : (
          <ul data-testid="many-unit-flags">
            {manyUnitFlags.map((r) => (
              <li key={r.raterType}>
                {t(lang, ...(RATER_LABEL[r.raterType] ?? [r.raterType, r.raterType]))}：
                {r.flags
                  .map((f) => `${t(lang, ...(FLAG_LABEL[f.flag] ?? [f.flag, f.flag]))} ${f.ballots}`)
                  .join(t(lang, '；', '; '))}
              </li>
            ))}
          </ul>
        )}
      </Card>
    </>
  );
}

function BallotRows(props: {
  ballot: Flagged;
  lang: Lang;
  unit: string;
  arrival: string;
  limits: Thresholds | null;
  frozen: boolean;
  checked: boolean;
  onCheck: (on: boolean) => void;
  open: boolean;
  onOpen: () => void;
  onReview: (decision: Decision) => void;
  answers: Array<{ key: string; question: string; answer: string }> | null;
}) {
  const { ballot: b, lang, frozen } = props;
  return (
    <>
      <tr className={props.checked ? 'selected' : ''} data-testid="flagged-ballot">
        <td>
          {!frozen && (
            <input
              type="checkbox"
              aria-label={t(lang, `选择 ${props.unit} ${props.arrival}`, `Select ${props.unit} ${props.arrival}`)}
              checked={props.checked}
              onChange={(e) => props.onCheck(e.target.checked)}
            />
          )}
        </td>
        <td className="nowrap">{props.arrival}</td>
        <td>{props.unit}</td>
        <td className="nowrap" data-testid="fill-time" data-label={t(lang, '用时：', 'Fill time: ')}>
          {fillTimeText(lang, b.fillSeconds)}
        </td>
        <td>
          <ul className="flag-reasons">
            {b.flags.map((f) => (
              <li key={f}>
                <strong>{t(lang, ...(FLAG_LABEL[f] ?? [f, f]))}</strong>
                {t(lang, '：', ': ')}
                {flagReason(lang, f, b, props.limits)}
              </li>
            ))}
          </ul>
          {props.answers && (
            <button type="button" className="link-button" aria-expanded={props.open} onClick={props.onOpen}>
              {props.open ? t(lang, '收起答卷', 'Hide answers') : t(lang, '查看答卷', 'Show answers')}
            </button>
          )}
        </td>
        <td className="review-cell">
          {b.reviewStatus === 'excluded' ? (
            <span className="badge badge-closed">{t(lang, '已剔除', 'Excluded')}</span>
          ) : b.reviewStatus === 'accepted' ? (
            <span className="badge badge-open">{t(lang, '已确认有效', 'Accepted')}</span>
          ) : (
            <span className="badge">{t(lang, '待审核', 'Undecided')}</span>
          )}{' '}
          {!frozen && b.reviewStatus !== 'accepted' && (
            <button type="button" className="link-button" onClick={() => props.onReview('accepted')}>
              {t(lang, '确认有效', 'Accept')}
            </button>
          )}
          {!frozen && b.reviewStatus !== 'excluded' && (
            <button type="button" className="link-button danger" onClick={() => props.onReview('excluded')}>
              {t(lang, '剔除', 'Exclude')}
            </button>
          )}
        </td>
      </tr>
      {props.open && props.answers && (
        <tr className="review-answers">
          <td />
          <td colSpan={5}>
            <dl className="answer-list">
              {props.answers.map((row) => (
                <div key={row.key}>
                  <dt>{row.question}</dt>
                  <dd>{row.answer}</dd>
                </div>
              ))}
            </dl>
          </td>
        </tr>
      )}
    </>
  );
}
