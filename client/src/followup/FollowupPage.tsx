import { useEffect, useState, type FormEvent } from 'react';
import type { FixRating } from '../../../server/db/schema.ts';
import { dayText, PUBLIC_ACTION_WORDS, words } from '../ledger/ledger-words.ts';
import { STATE_WORDS } from '../shared/problem-words.ts';
import { api, ApiError, call, type ResponseOf } from '../shared/api.ts';
import { errorText } from '../shared/error-text.ts';
import { t, useLang, type Lang } from '../shared/i18n.ts';
import { LangSwitch } from '../shared/LangSwitch.tsx';
import { navigate } from '../shared/router.ts';

// The raiser's page (/f/{code}, decision 017): a respondent's page, light (no form library, no charts),
// phone first. It shows what the raiser may see of their report — the unit's answer, or their problem's
// status with its public-facing timeline — and, once completion is claimed, takes their one rating of the
// fix. Nothing of the code is kept on the device: it lives in the address the raiser opened.

type Followup = ResponseOf<(typeof api.followups)[':code']['$get']>;

const RATINGS: readonly { value: FixRating; zh: string; en: string }[] = [
  { value: 'satisfied', zh: '满意', en: 'Satisfied' },
  { value: 'basically_satisfied', zh: '基本满意', en: 'Basically satisfied' },
  { value: 'unsatisfied', zh: '不满意', en: 'Unsatisfied' },
];

function ratingWord(lang: Lang, rating: FixRating): string {
  const found = RATINGS.find((r) => r.value === rating)!;
  return t(lang, found.zh, found.en);
}

function actionWord(lang: Lang, action: string): string {
  const pair = (PUBLIC_ACTION_WORDS as Record<string, readonly [string, string]>)[action];
  return pair ? words(lang, pair) : action;
}

/** A box to type a code into: shown when the one in the address is wrong, or there is none. */
function CodeEntry({ lang }: { lang: Lang }) {
  const [value, setValue] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const code = value.replace(/\s/g, '').toUpperCase();
    if (code) navigate(`/f/${encodeURIComponent(code)}`);
  };
  return (
    <form className="followup-entry" onSubmit={submit}>
      <label htmlFor="followup-code">{t(lang, '输入查询码', 'Enter your follow-up code')}</label>
      <div className="followup-entry-row">
        <input
          id="followup-code"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          placeholder="XXXX-XXXX-XXXX"
          maxLength={20}
        />
        <button type="submit" className="button-primary">
          {t(lang, '查询', 'Look up')}
        </button>
      </div>
    </form>
  );
}

function Waiting({ lang, view }: { lang: Lang; view: Followup }) {
  return (
    <section className="notice" data-testid="followup-waiting">
      <h2>{t(lang, '已转交责任单位，等待答复', 'Passed to the unit, waiting for its answer')}</h2>
      <p>
        {t(
          lang,
          `${dayText(lang, view.receivedOn)}收到您反映的问题。`,
          `Your report was received on ${dayText(lang, view.receivedOn)}.`,
        )}
        {view.dueOn &&
          t(
            lang,
            `责任单位应在${dayText(lang, view.dueOn)}前答复。`,
            ` The unit must answer by ${dayText(lang, view.dueOn)}.`,
          )}
      </p>
      {view.overdue && (
        <p className="followup-overdue">
          {t(lang, '已超过答复时限，评议办将督促办理。', 'The answer is overdue; the office will follow it up.')}
        </p>
      )}
    </section>
  );
}

function Answered({ lang, view }: { lang: Lang; view: Followup }) {
  return (
    <section className="notice" data-testid="followup-answered">
      <h2>
        {view.stage === 'explained'
          ? t(lang, '责任单位已作解释说明', 'The unit has explained')
          : t(lang, '经评议办审核，此反映不予受理', 'After review, the office did not accept this report')}
      </h2>
      {view.answeredOn && <p className="muted">{dayText(lang, view.answeredOn)}</p>}
      {view.answer && <p className="followup-answer">{view.answer}</p>}
    </section>
  );
}

function ProblemStatus({ lang, problem }: { lang: Lang; problem: NonNullable<Followup['problem']> }) {
  return (
    <section data-testid="followup-problem">
      <h2 className="followup-title">{problem.title}</h2>
      <p>
        <span className={`badge ledger-state-${problem.state}`}>{words(lang, STATE_WORDS[problem.state])}</span>
        {problem.overdue && <span className="badge ledger-overdue">{t(lang, '逾期', 'Overdue')}</span>}
      </p>
      {problem.deadline && (
        <p>{t(lang, `整改时限：${dayText(lang, problem.deadline)}`, `Deadline: ${dayText(lang, problem.deadline)}`)}</p>
      )}
      {!problem.onLedger && (
        <p className="muted">
          {t(
            lang,
            '此问题未在公开台账中公布，这里只向您本人显示处理进展。',
            'This problem is not on the public ledger; its progress is shown here to you only.',
          )}
        </p>
      )}
      {problem.timeline.length > 0 && (
        <ol className="followup-timeline">
          {problem.timeline.map((entry, index) => (
            <li key={index}>
              <time dateTime={entry.day}>{dayText(lang, entry.day, false)}</time>{' '}
              <strong>{entry.byRaiser ? t(lang, '您的评价', 'Your rating') : actionWord(lang, entry.action)}</strong>
              {entry.note && <p>{entry.note}</p>}
            </li>
          ))}
        </ol>
      )}
      {problem.evidence.length > 0 && (
        <ul className="followup-evidence">
          {problem.evidence.map((item, index) => (
            <li key={item.id}>
              <a href={item.url} target="_blank" rel="noreferrer noopener">
                {item.kind === 'photo'
                  ? t(lang, `整改照片 ${index + 1}`, `Photo ${index + 1}`)
                  : t(lang, `整改材料 ${index + 1}（PDF）`, `Document ${index + 1} (PDF)`)}
              </a>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Rating({ lang, view, onRated }: { lang: Lang; view: Followup; onRated: (view: Followup) => void }) {
  const [chosen, setChosen] = useState<FixRating | null>(null);
  const [comment, setComment] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const { rating } = view;
  if (rating.mine) {
    return (
      <section className="notice notice-ok" data-testid="followup-rated">
        <p>
          {t(
            lang,
            `您对本次整改的评价：${ratingWord(lang, rating.mine)}。`,
            `Your rating of this fix: ${ratingWord(lang, rating.mine)}.`,
          )}
          {rating.mine === 'unsatisfied' &&
            t(
              lang,
              '问题已退回重新整改，评议办将督促办理。',
              ' The problem has been reopened; the office will follow it up.',
            )}
        </p>
      </section>
    );
  }
  if (!rating.ratable) return null;
  const send = async () => {
    if (!chosen) return;
    setSending(true);
    setError(null);
    try {
      const trimmed = comment.trim();
      const next = await call(
        api.followups[':code'].rating.$post({
          param: { code: view.code },
          json: { rating: chosen, ...(trimmed ? { comment: trimmed } : {}) },
        }),
      );
      onRated(next);
    } catch (caught) {
      setError(caught);
    } finally {
      setSending(false);
    }
  };
  return (
    <section className="followup-rate" data-testid="followup-rate">
      <h2>{t(lang, '单位已申请销号，请评价整改', 'The unit has claimed completion: please rate the fix')}</h2>
      <div className="followup-rate-buttons" role="group" aria-label={t(lang, '评价', 'Rating')}>
        {RATINGS.map((r) => (
          <button
            key={r.value}
            type="button"
            className={chosen === r.value ? 'button-primary' : ''}
            aria-pressed={chosen === r.value}
            onClick={() => setChosen(r.value)}
          >
            {t(lang, r.zh, r.en)}
          </button>
        ))}
      </div>
      {chosen && (
        <div className="followup-confirm" data-testid="followup-confirm">
          {chosen === 'unsatisfied' && (
            <label>
              {t(lang, '哪里还不满意？（选填）', 'What is still wrong? (optional)')}
              <textarea value={comment} maxLength={500} rows={3} onChange={(e) => setComment(e.target.value)} />
            </label>
          )}
          <p>
            {t(
              lang,
              `确认提交“${ratingWord(lang, chosen)}”？每次整改只能评价一次。`,
              `Send “${ratingWord(lang, chosen)}”? Each fix takes one rating.`,
            )}
            {chosen === 'unsatisfied' &&
              t(lang, '选择不满意，问题将退回重新整改。', ' Unsatisfied sends the problem back for more work.')}
          </p>
          <div className="followup-entry-row">
            <button type="button" className="button-primary" disabled={sending} onClick={() => void send()}>
              {sending ? t(lang, '正在提交…', 'Sending…') : t(lang, '确认提交', 'Send')}
            </button>
            <button type="button" disabled={sending} onClick={() => setChosen(null)}>
              {t(lang, '取消', 'Cancel')}
            </button>
          </div>
        </div>
      )}
      {error !== null && (
        <p className="notice notice-error" role="alert">
          {errorText(lang, error)}
        </p>
      )}
    </section>
  );
}

export default function FollowupPage({ code }: { code: string }) {
  const lang = useLang();
  const [state, setState] = useState<{ code: string; view: Followup | null; error: unknown }>({
    code,
    view: null,
    error: null,
  });
  useEffect(() => {
    let live = true;
    call(api.followups[':code'].$get({ param: { code } })).then(
      (view) => live && setState({ code, view, error: null }),
      (error: unknown) => live && setState({ code, view: null, error }),
    );
    return () => {
      live = false;
    };
  }, [code]);
  useEffect(() => {
    document.title = t(lang, '问题处理进展 · 评议', 'Follow-up · Pingyi');
  }, [lang]);
  const current = state.code === code ? state : { view: null, error: null };
  const { view, error } = current;
  const unknown = error instanceof ApiError && error.code === 'followup_not_found';
  return (
    <main className="followup-page">
      <header className="followup-header">
        <h1>{t(lang, '问题处理进展', 'Your report, followed up')}</h1>
        <LangSwitch />
      </header>
      {!view && !error && <p className="muted">{t(lang, '正在查询…', 'Looking it up…')}</p>}
      {error !== null && (
        <>
          <p className="notice notice-error" role="alert" data-testid="followup-error">
            {errorText(lang, error)}
          </p>
          {(unknown || !(error instanceof ApiError)) && <CodeEntry lang={lang} />}
        </>
      )}
      {view && (
        <>
          <p className="followup-meta">
            {t(lang, `查询码 ${view.code}`, `Code ${view.code}`)}
            {view.unit && <> · {t(lang, view.unit.name, view.unit.nameEn)}</>}
          </p>
          {!view.anonymous && (
            <p className="notice" data-testid="followup-named">
              {t(
                lang,
                '请注意：您是实名反映的问题（走访、12345热线等），您的评价不是匿名的，责任单位和评议办可以知道是您的评价。',
                'Please note: you raised this problem by name (a visit, the 12345 hotline…), so your rating is not anonymous: the unit and the office can know it is yours.',
              )}
            </p>
          )}
          {view.stage === 'waiting' && <Waiting lang={lang} view={view} />}
          {(view.stage === 'explained' || view.stage === 'rejected') && <Answered lang={lang} view={view} />}
          {view.problem && <ProblemStatus lang={lang} problem={view.problem} />}
          <Rating lang={lang} view={view} onRated={(next) => setState({ code, view: next, error: null })} />
          {view.anonymous && (
            <p className="muted followup-privacy" data-testid="followup-privacy">
              {t(
                lang,
                '您的反映和评价是匿名的：查询码与您的评价选票互不关联，任何人都无法由此查到您。',
                'Your report and your rating are anonymous: the code is not linked to your ballot, and nobody can find you through it.',
              )}
            </p>
          )}
        </>
      )}
    </main>
  );
}
