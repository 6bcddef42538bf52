import { useState, type FormEvent } from 'react';
import { api, call, type RequestOf } from '../../shared/api.ts';
import { t, useLang } from '../../shared/i18n.ts';
import { ErrorNote } from '../ui.tsx';
import { useApi } from '../use-api.ts';
import { ANSWER_ORDER, ANSWER_WORDS, suggestedTitle, type AnswerAction } from './inbox-words.ts';
import type { InboxItem } from './InboxPage.tsx';

type AnswerJson = NonNullable<RequestOf<(typeof api.inbox)[':id']['answer']['$post']>>['json'];

const orNull = (text: string) => (text.trim() === '' ? null : text.trim());

/** The four answers to an open item: one button each, opening its small form below the item. */
export function AnswerForms({
  item,
  suggestedDeadline,
  onDone,
}: {
  item: InboxItem;
  suggestedDeadline: string;
  onDone: (message: string) => void;
}) {
  const lang = useLang();
  const [open, setOpen] = useState<AnswerAction | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const send = async (json: AnswerJson, message: string) => {
    setBusy(true);
    setError(null);
    try {
      await call(api.inbox[':id'].answer.$post({ param: { id: item.id }, json }));
      setOpen(null);
      onDone(message);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="inbox-answers">
      <div className="inbox-answer-buttons" role="group" aria-label={t(lang, '答复方式', 'Ways to answer')}>
        {ANSWER_ORDER.map((action) => (
          <button
            key={action}
            type="button"
            className={open === action ? 'button-primary' : 'button-secondary'}
            aria-expanded={open === action}
            data-answer={action}
            onClick={() => {
              setError(null);
              setOpen(open === action ? null : action);
            }}
          >
            {t(lang, ...ANSWER_WORDS[action].button)}
          </button>
        ))}
      </div>
      {open && (
        <div className="inbox-answer-form">
          <p className="muted small">{t(lang, ...ANSWER_WORDS[open].help)}</p>
          {open === 'accept' && (
            <AcceptForm
              item={item}
              suggestedDeadline={suggestedDeadline}
              busy={busy}
              onSend={(json) =>
                send(
                  json,
                  t(lang, '已纳入整改台账，等待评议办审核备案。', 'Accepted into the ledger, for the office to file.'),
                )
              }
            />
          )}
          {open === 'merge' && (
            <MergeForm
              item={item}
              busy={busy}
              onSend={(json) => send(json, t(lang, '已并入台账上的问题。', 'Merged with the problem on the ledger.'))}
            />
          )}
          {(open === 'explain' || open === 'request_rejection') && (
            <TextAnswerForm
              action={open}
              busy={busy}
              onSend={(json) =>
                send(
                  json,
                  open === 'explain'
                    ? t(lang, '已答复解释说明。', 'The explanation has been sent.')
                    : t(lang, '已申请驳回，等待评议办决定。', 'Rejection requested; the office decides.'),
                )
              }
            />
          )}
          <ErrorNote error={error} />
        </div>
      )}
    </div>
  );
}

function AcceptForm({
  item,
  suggestedDeadline,
  busy,
  onSend,
}: {
  item: InboxItem;
  suggestedDeadline: string;
  busy: boolean;
  onSend: (json: AnswerJson) => void;
}) {
  const lang = useLang();
  const types = useApi(() => api['problem-types'].$get(), []);
  const [title, setTitle] = useState(suggestedTitle(item.description));
  const [measures, setMeasures] = useState('');
  const [owner, setOwner] = useState('');
  const [leader, setLeader] = useState('');
  const [deadline, setDeadline] = useState(suggestedDeadline);
  const [typeId, setTypeId] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSend({
      action: 'accept',
      title: title.trim(),
      measures: orNull(measures),
      owner: orNull(owner),
      leader: orNull(leader),
      ...(deadline ? { deadline } : {}),
      typeId: typeId ? Number(typeId) : null,
    });
  };
  return (
    <form className="form-grid inbox-accept" onSubmit={submit} data-testid="inbox-accept-form">
      <label className="inbox-wide">
        {t(lang, '问题（标题）', 'Problem (title)')}
        <input name="title" value={title} required maxLength={100} onChange={(e) => setTitle(e.target.value)} />
      </label>
      <label className="inbox-wide">
        {t(lang, '整改措施', 'Measures')}
        <textarea
          name="measures"
          rows={3}
          maxLength={4000}
          value={measures}
          onChange={(e) => setMeasures(e.target.value)}
        />
      </label>
      <label>
        {t(lang, '责任领导', 'Responsible leader')}
        <input name="leader" maxLength={100} value={leader} onChange={(e) => setLeader(e.target.value)} />
      </label>
      <label>
        {t(lang, '责任人', 'Responsible person')}
        <input name="owner" maxLength={100} value={owner} onChange={(e) => setOwner(e.target.value)} />
      </label>
      <label>
        {t(lang, '整改时限', 'Deadline')}
        <input type="date" name="deadline" value={deadline} onChange={(e) => setDeadline(e.target.value)} />
      </label>
      <label>
        {t(lang, '问题类型', 'Type')}
        <select name="typeId" value={typeId} onChange={(e) => setTypeId(e.target.value)}>
          <option value="">{t(lang, '（不选）', '(none)')}</option>
          {(types.data?.types ?? [])
            .filter((type) => type.active)
            .map((type) => (
              <option key={type.id} value={type.id}>
                {t(lang, type.name, type.nameEn)}
              </option>
            ))}
        </select>
      </label>
      <div className="inbox-form-actions inbox-wide">
        <button type="submit" className="button-primary" disabled={busy || title.trim() === ''}>
          {t(lang, '纳入台账', 'Accept')}
        </button>
      </div>
    </form>
  );
}

function MergeForm({ item, busy, onSend }: { item: InboxItem; busy: boolean; onSend: (json: AnswerJson) => void }) {
  const lang = useLang();
  const problems = useApi(
    () => api.problems.$get({ query: { unitId: String(item.unit.id), page: '1', pageSize: '200' } }),
    [item.unit.id],
  );
  const [problemId, setProblemId] = useState('');
  const choices = (problems.data?.problems ?? []).filter((p) => p.state !== 'draft');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (problemId) onSend({ action: 'merge', problemId: Number(problemId) });
  };
  return (
    <form className="inline-form inbox-merge" onSubmit={submit}>
      {problems.error && <ErrorNote error={problems.error} />}
      {problems.data && choices.length === 0 ? (
        <p className="muted">
          {t(lang, '本单位台账上还没有可以合并的问题。', "There is no problem on the unit's ledger to merge with yet.")}
        </p>
      ) : (
        <label>
          {t(lang, '台账上的问题', 'Problem on the ledger')}
          <select name="problemId" value={problemId} required onChange={(e) => setProblemId(e.target.value)}>
            <option value="">{t(lang, '请选择', 'Choose')}</option>
            {choices.map((p) => (
              <option key={p.id} value={p.id}>
                {`#${p.id} ${p.title}`}
              </option>
            ))}
          </select>
        </label>
      )}
      <button type="submit" className="button-primary" disabled={busy || !problemId}>
        {t(lang, '并入', 'Merge')}
      </button>
    </form>
  );
}

function TextAnswerForm({
  action,
  busy,
  onSend,
}: {
  action: 'explain' | 'request_rejection';
  busy: boolean;
  onSend: (json: AnswerJson) => void;
}) {
  const lang = useLang();
  const [text, setText] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (text.trim()) onSend({ action, answer: text.trim() });
  };
  return (
    <form className="inbox-text-form" onSubmit={submit}>
      <label>
        {action === 'explain'
          ? t(lang, '解释说明（群众凭查询码可见）', 'Explanation (the raiser sees it with their code)')
          : t(lang, '驳回理由（报评议办）', 'Reason to reject (for the office)')}
        <textarea
          name="answer"
          rows={3}
          maxLength={2000}
          required
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
      </label>
      <button type="submit" className="button-primary" disabled={busy || text.trim() === ''}>
        {action === 'explain' ? t(lang, '发送说明', 'Send') : t(lang, '提交申请', 'Ask the office')}
      </button>
    </form>
  );
}

/** The office's decision on a rejection request (or taking back a rejection). */
export function OfficeDecision({ item, onDone }: { item: InboxItem; onDone: (message: string) => void }) {
  const lang = useLang();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const run = async (decision: 'reject' | 'reinstate') => {
    setBusy(true);
    setError(null);
    try {
      if (decision === 'reject') await call(api.inbox[':id'].reject.$post({ param: { id: item.id } }));
      else await call(api.inbox[':id'].reinstate.$post({ param: { id: item.id } }));
      onDone(
        decision === 'reject'
          ? t(lang, '已驳回。', 'Rejected.')
          : t(lang, '已退回单位重新答复。', 'Sent back to the unit to answer again.'),
      );
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="inbox-answers">
      <div className="inbox-answer-buttons">
        {item.status === 'rejection_requested' && (
          <button type="button" className="button-primary" disabled={busy} onClick={() => run('reject')}>
            {t(lang, '同意驳回', 'Reject')}
          </button>
        )}
        <button type="button" className="button-secondary" disabled={busy} onClick={() => run('reinstate')}>
          {item.status === 'rejection_requested'
            ? t(lang, '不同意，退回单位答复', 'Refuse: the unit answers')
            : t(lang, '撤销驳回，退回单位答复', 'Undo: the unit answers')}
        </button>
      </div>
      <ErrorNote error={error} />
    </div>
  );
}
