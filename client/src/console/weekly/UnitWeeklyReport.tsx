import { useEffect, useState } from 'react';
import type { ProblemState } from '../../../../server/db/schema.ts';
import type { ProblemAction } from '../../../../server/problems/problem-states.ts';
import { api, call } from '../../shared/api.ts';
import { t, useLang, type Lang } from '../../shared/i18n.ts';
import { Link } from '../../shared/router.ts';
import { ACTION_WORDS, STATE_WORDS } from '../problems/problem-words.ts';
import { Card, ErrorNote, Loading } from '../ui.tsx';
import { useApi } from '../use-api.ts';
import { chinaTime, countdown, dayLabel } from './week-dates.ts';
import { FIGURE_WORDS, STATUS_WORDS, type WeeklyReport } from './weekly-words.ts';

const MAX_TEXT = 4000;

const FIELDS = [
  ['progress', '本周进展', 'Progress this week'],
  ['plan', '下周计划', 'Plan for next week'],
  ['difficulties', '存在困难', 'Difficulties'],
] as const;

type Texts = Pick<WeeklyReport, 'progress' | 'plan' | 'difficulties'>;

function actionWords(action: string, lang: Lang): string {
  if (action === 'create') return t(lang, '新建', 'Created');
  const words = ACTION_WORDS[action as ProblemAction];
  return words ? t(lang, ...words) : action;
}

function stateWords(state: string | null, lang: Lang): string {
  const words = state ? STATE_WORDS[state as ProblemState] : undefined;
  return words ? t(lang, ...words) : '—';
}

export function StatusChip({ status }: { status: WeeklyReport['status'] }) {
  const lang = useLang();
  return <span className={`weekly-chip weekly-chip-${status}`}>{t(lang, ...STATUS_WORDS[status])}</span>;
}

/** One unit's report of one week: the deadline, the assembled figures and moves, the three texts. */
export function UnitWeeklyReport({
  week,
  unitId,
  onChange,
}: {
  week: string;
  unitId: number;
  /** Called after a save or a submission, for lists of the unit's weeks to catch up. */
  onChange?: () => void;
}) {
  const lang = useLang();
  const param = { week, unitId: String(unitId) };
  const report = useApi(() => api['weekly-reports'][':week'].units[':unitId'].$get({ param }), [week, unitId]);
  const [texts, setTexts] = useState<Texts>({ progress: '', plan: '', difficulties: '' });
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const data = report.data;
  useEffect(() => {
    if (data) setTexts({ progress: data.progress, plan: data.plan, difficulties: data.difficulties });
    setSaved(null);
    setError(null);
  }, [data]);

  if (report.error) return <ErrorNote error={report.error} />;
  if (!data) return <Loading />;

  const write = async (submit: boolean) => {
    if (
      submit &&
      !window.confirm(
        t(lang, '提交后不能再修改，确定提交本周报告？', 'Once submitted the report cannot be changed. Submit it?'),
      )
    )
      return;
    setBusy(true);
    setError(null);
    try {
      const route = api['weekly-reports'][':week'].units[':unitId'];
      await call(submit ? route.submit.$post({ param, json: texts }) : route.$put({ param, json: texts }));
      setSaved(submit ? t(lang, '已提交。', 'Submitted.') : t(lang, '草稿已保存。', 'Draft saved.'));
      report.reload();
      onChange?.();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const submitted = data.status === 'on_time' || data.status === 'late';
  const clock = countdown(data.due.at, lang);
  const { figures, moves, overdue } = data.summary;
  return (
    <>
      <Card
        title={t(lang, `${data.unit.name} · 整改进展周报`, `${data.unit.nameEn} · weekly report`)}
        actions={<StatusChip status={data.status} />}
      >
        <p className="weekly-due">
          {t(lang, '报送截止：', 'Due: ')}
          <strong>
            {dayLabel(data.due.day, lang)} {chinaTime(data.due.at, lang).split(' ')[1]}
          </strong>
          {data.due.moved && (
            <span className="weekly-muted">{t(lang, '（遇节假日，截止日提前）', ' (moved for a holiday)')}</span>
          )}
        </p>
        {submitted ? (
          <p className="notice notice-ok">
            {t(
              lang,
              `已于${chinaTime(data.submittedAt, lang)}由${data.submittedBy ?? '—'}提交${data.onBehalf ? '（评议办代报）' : ''}。`,
              `Submitted ${chinaTime(data.submittedAt, lang)} by ${data.submittedBy ?? '—'}${data.onBehalf ? ' (by the office on the unit’s behalf)' : ''}.`,
            )}
          </p>
        ) : (
          <p className={`notice ${clock.overdue ? 'notice-warn' : 'weekly-info'}`} role="status">
            {clock.text}
            {clock.overdue && t(lang, '，提交后将记为逾期报送。', ': it will count as late.')}
          </p>
        )}
        {data.reminders.length > 0 && !submitted && (
          <p className="weekly-muted">
            {t(
              lang,
              `评议办已提醒${data.reminders.length}次，最近一次：${chinaTime(data.reminders.at(-1)!.sentAt, lang)}`,
              `Reminded ${data.reminders.length}×, last ${chinaTime(data.reminders.at(-1)!.sentAt, lang)}`,
            )}
          </p>
        )}
        <dl className="weekly-figures">
          {FIGURE_WORDS.map(([key, zh, en]) => (
            <div key={key} className={key === 'overdue' && figures.overdue > 0 ? 'weekly-figure-bad' : undefined}>
              <dt>{t(lang, zh, en)}</dt>
              <dd>{figures[key]}</dd>
            </div>
          ))}
        </dl>
        <p className="weekly-muted">
          {submitted
            ? t(
                lang,
                `以上数据为提交时汇总（截至${data.summary.asOf}）。`,
                `Figures as assembled at submission (${data.summary.asOf}).`,
              )
            : t(
                lang,
                '以上数据由本周整改台账变动自动汇总，提交时固定。',
                'Assembled from this week’s ledger entries; frozen when submitted.',
              )}
        </p>
      </Card>

      <Card title={t(lang, `本周台账变动（${moves.length}）`, `This week's entries (${moves.length})`)}>
        {moves.length === 0 ? (
          <p className="weekly-muted">{t(lang, '本周没有台账变动。', 'Nothing moved this week.')}</p>
        ) : (
          <ul className="weekly-moves">
            {moves.map((move, index) => (
              <li key={index}>
                <span className="weekly-muted">{chinaTime(move.at, lang)}</span>{' '}
                <Link to={`/console/problems/${move.problemId}`}>{move.title}</Link>{' '}
                <strong>{actionWords(move.action, lang)}</strong>
                {move.from !== move.to && move.to && (
                  <span className="weekly-muted">
                    {' '}
                    {stateWords(move.from, lang)} → {stateWords(move.to, lang)}
                  </span>
                )}
                {move.note && <div className="weekly-note">{move.note}</div>}
              </li>
            ))}
          </ul>
        )}
      </Card>

      {overdue.length > 0 && (
        <Card title={t(lang, `逾期未完成整改（${overdue.length}）`, `Overdue (${overdue.length})`)}>
          <ul className="weekly-moves">
            {overdue.map((item) => (
              <li key={item.problemId}>
                <Link to={`/console/problems/${item.problemId}`}>{item.title}</Link>{' '}
                <span className="weekly-bad">
                  {t(
                    lang,
                    `时限${item.deadline}，逾期${item.workingDaysOverdue}个工作日`,
                    `due ${item.deadline}, ${item.workingDaysOverdue} working days overdue`,
                  )}
                </span>
                {item.owner && <span className="weekly-muted"> · {item.owner}</span>}
              </li>
            ))}
          </ul>
        </Card>
      )}

      <Card title={t(lang, '报告正文', 'The report')}>
        {FIELDS.map(([key, zh, en]) =>
          data.canEdit ? (
            <label key={key} className="weekly-text">
              <span>
                {t(lang, zh, en)}
                {key === 'progress' && <span className="weekly-muted">{t(lang, '（必填）', ' (required)')}</span>}
              </span>
              <textarea
                name={key}
                rows={key === 'progress' ? 6 : 4}
                maxLength={MAX_TEXT}
                value={texts[key]}
                onChange={(e) => setTexts({ ...texts, [key]: e.target.value })}
              />
              <small className="weekly-muted">
                {texts[key].length}/{MAX_TEXT}
              </small>
            </label>
          ) : (
            <div key={key} className="weekly-text">
              <h3>{t(lang, zh, en)}</h3>
              <p className="weekly-pre">{data[key] || t(lang, '（无）', '(none)')}</p>
            </div>
          ),
        )}
        {data.canEdit && (
          <div className="weekly-buttons">
            <button type="button" className="button-secondary" disabled={busy} onClick={() => write(false)}>
              {t(lang, '保存草稿', 'Save draft')}
            </button>
            <button type="button" className="button-primary" disabled={busy} onClick={() => write(true)}>
              {t(lang, '提交本周报告', 'Submit the report')}
            </button>
          </div>
        )}
        {saved && <p className="notice notice-ok">{saved}</p>}
        <ErrorNote error={error} />
      </Card>
    </>
  );
}
