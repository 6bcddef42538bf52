import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { api, call } from '../../shared/api.ts';
import { t, useLang } from '../../shared/i18n.ts';
import { ErrorNote } from '../ui.tsx';
import { dayAfter } from './problem-form-values.ts';
import { ACTION_WORDS, NOTE_LABEL, NOTE_REQUIRED, type DialogAction } from './problem-words.ts';

/** What each action's dialog says before its fields: what will happen, in a sentence. */
function explanation(lang: 'zh' | 'en', action: DialogAction): string {
  const words: Record<DialogAction, [string, string]> = {
    submit: [
      '提交评议办审核备案。提交前须填写整改措施、责任人和整改时限；提交后不能再修改，除非被退回。',
      'Send it to the office to file. Measures, owner and deadline must be set; it cannot be edited afterwards unless returned.',
    ],
    return: [
      '退回单位修改，须说明理由（单位可见）。',
      'Send it back to the unit to correct, saying why (the unit sees it).',
    ],
    file: [
      '审核通过并备案。备案后内容不能再修改，公开的问题将出现在公开整改台账上。',
      'Approve and file it. Its fields are then fixed; a public problem appears on the public ledger.',
    ],
    start: ['开始整改，台账状态改为“整改中”。', 'Start the rectification: the ledger shows it in progress.'],
    progress: ['记录本次整改进展，进入时间线。', 'Record the progress made on the timeline.'],
    claim: [
      '上传整改佐证材料，并说明整改完成情况，申请评议办验收销号。',
      'Upload the evidence of the fix, say what was done, and ask the office to accept and close it.',
    ],
    close: [
      '验收通过，予以销号。提出人可对整改结果进行评价。',
      'Accept the fix and close the item. The raiser may rate the fix.',
    ],
    reopen: ['整改未达要求，重新整改，须说明原因。', 'The fix falls short: reopen it, saying why.'],
    explain: [
      '对不合理或不合法的诉求不予受理，须写明解释说明（公开问题将公开解释）。',
      'Do not accept an unreasonable or unlawful demand, with the explanation (public for a public problem).',
    ],
    extend: ['延长整改时限，须选择新的时限并说明理由。', 'Give a later deadline, with the reason.'],
  };
  return t(lang, ...words[action]);
}

/**
 * One action on a problem in a modal dialog: what it does, the note (required where the rules require it),
 * a new deadline for an extension, "public" for progress, and the evidence upload for a claim. A refusal
 * stays in the dialog in the UI's language; success closes it and reloads the problem.
 */
export function ActionDialog({
  problemId,
  action,
  deadline,
  evidence,
  onDone,
  onClose,
}: {
  problemId: number;
  action: DialogAction;
  /** The deadline now (an extension must be later). */
  deadline: string | null;
  /** For a claim: the evidence list and upload (P2's components), shown in the dialog. */
  evidence?: ReactNode;
  onDone: () => void;
  onClose: () => void;
}) {
  const lang = useLang();
  const dialog = useRef<HTMLDialogElement>(null);
  const [note, setNote] = useState('');
  const [newDeadline, setNewDeadline] = useState('');
  const [isPublic, setIsPublic] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [sending, setSending] = useState(false);
  const needsNote = NOTE_REQUIRED[action];
  const title = t(lang, ...ACTION_WORDS[action]);

  useEffect(() => {
    const node = dialog.current;
    if (node && !node.open) node.showModal();
    return () => node?.close();
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setSending(true);
    try {
      const json = {
        ...(note.trim() && { note: note.trim() }),
        ...(action === 'extend' && { deadline: newDeadline }),
        ...(action === 'progress' && { public: isPublic }),
      };
      await call(api.problems[':id'].actions[':action'].$post({ param: { id: String(problemId), action }, json }));
      onDone();
    } catch (e) {
      setError(e);
    } finally {
      setSending(false);
    }
  };

  return (
    <dialog
      ref={dialog}
      className="action-dialog"
      aria-labelledby="action-dialog-title"
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      data-testid="action-dialog"
    >
      <form onSubmit={submit}>
        <h2 id="action-dialog-title">{title}</h2>
        <p>{explanation(lang, action)}</p>
        {action === 'claim' && evidence && (
          <section
            className="claim-evidence"
            aria-label={t(lang, '上传整改佐证材料', 'Upload the evidence of the fix')}
          >
            <h3>{t(lang, '上传整改佐证材料', 'Upload the evidence of the fix')}</h3>
            {evidence}
          </section>
        )}
        {action === 'extend' && (
          <label>
            {t(lang, '新的整改时限', 'The new deadline')}
            <input
              type="date"
              name="deadline"
              required
              min={dayAfter(deadline)}
              value={newDeadline}
              onChange={(e) => setNewDeadline(e.target.value)}
            />
          </label>
        )}
        <label>
          {t(lang, ...NOTE_LABEL[action])}
          <textarea
            name="note"
            rows={4}
            maxLength={4000}
            required={needsNote}
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
        </label>
        {action === 'progress' && (
          <label className="check">
            <input type="checkbox" name="public" checked={isPublic} onChange={(e) => setIsPublic(e.target.checked)} />
            {t(lang, '在公开台账和整改周周见中公开这条进展', 'Show this progress on the public ledger')}
          </label>
        )}
        <ErrorNote error={error} />
        <div className="form-actions">
          <button type="submit" className="button-primary" disabled={sending}>
            {t(lang, `确认${title}`, `${title}`)}
          </button>
          <button type="button" className="button-secondary" onClick={onClose}>
            {t(lang, '取消', 'Cancel')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
