import { useId, useState, type Ref } from 'react';
import type { RaterType } from '../../../../../scoring/rater-type.ts';
import { t, useLang } from '../../../shared/i18n.ts';
import type { EditorProblem } from './editor-checks.ts';
import { isJson, kindOf, nameOf, type Definition, type Json } from './editor-model.ts';
import { JsonEditor } from './JsonEditor.tsx';
import { readText } from './localized.ts';
import { editorProblemText } from './problem-text.ts';
import { inServerWords, serverProblemText } from './server-problem-text.ts';
import { QuestionForm } from './QuestionForm.tsx';
import { isScored } from './questions.ts';
import type { PlacedProblem } from './server-problems.ts';
import { typeLabel } from './type-labels.ts';

export type RowAction = 'edit' | 'up' | 'down' | 'delete' | 'title';

interface ElementRowProps {
  readonly element: unknown;
  readonly number: number;
  readonly raterType: RaterType;
  readonly first: boolean;
  readonly last: boolean;
  readonly expanded: boolean;
  readonly problems: readonly EditorProblem[];
  readonly serverProblems: readonly PlacedProblem[];
  readonly rowRef: Ref<HTMLLIElement>;
  readonly onToggle: () => void;
  readonly onMove: (delta: -1 | 1) => void;
  readonly onDelete: () => void;
  readonly onEdit: (edit: (element: Json, definition: Definition) => void) => void;
  readonly onReplace: (element: Json) => void;
}

/** What the row calls the element: its title in the UI's language, else its name. */
function rowTitle(element: unknown, lang: 'zh' | 'en'): string {
  const title = readText(isJson(element) ? element['title'] : undefined);
  return t(lang, title.zh, title.en).trim() || nameOf(element) || '—';
}

/** One element of the questionnaire: its summary and buttons, its problems, and its form or its JSON. */
export function ElementRow({
  element,
  number,
  raterType,
  first,
  last,
  expanded,
  problems,
  serverProblems,
  rowRef,
  onToggle,
  onMove,
  onDelete,
  onEdit,
  onReplace,
}: ElementRowProps) {
  const lang = useLang();
  const id = useId();
  const [confirming, setConfirming] = useState(false);
  const kind = kindOf(element);
  const json = isJson(element) ? element : {};
  const title = rowTitle(element, lang);
  const [typeZh, typeEn] = typeLabel(kind, json['type']);
  const scored = kind === 'unitMatrix' || isScored(json);
  const problemsId = `${id}-problems`;
  const formId = `${id}-form`;
  const hasProblems = problems.length > 0 || serverProblems.length > 0;

  return (
    <li
      ref={rowRef}
      className={`q-item${expanded ? ' expanded' : ''}${kind === null ? ' json-only' : ''}${hasProblems ? ' has-problems' : ''}`}
      data-testid="q-item"
      data-name={nameOf(element) ?? ''}
    >
      <div className="q-item-head">
        <span className="q-item-no" aria-hidden="true">
          {number}
        </span>
        <div className="q-item-summary">
          <span className="q-type">{t(lang, typeZh, typeEn)}</span>
          <span className="q-item-title">{title}</span>
          <span className="q-badges">
            {json['isRequired'] === true && <span className="badge">{t(lang, '必答', 'Required')}</span>}
            {scored && <span className="badge badge-scored">{t(lang, '计分', 'Scored')}</span>}
            {kind === null && (
              <span className="badge badge-json">{t(lang, '仅可通过 JSON 编辑', 'Edited as JSON only')}</span>
            )}
          </span>
        </div>
        <div className="q-item-actions">
          <button
            type="button"
            className="button-secondary"
            data-action="edit"
            aria-expanded={expanded}
            aria-controls={expanded ? formId : undefined}
            aria-label={t(lang, `${expanded ? '收起' : '编辑'}：${title}`, `${expanded ? 'Close' : 'Edit'}: ${title}`)}
            onClick={onToggle}
          >
            {expanded
              ? t(lang, '收起', 'Close')
              : kind === null
                ? t(lang, '编辑 JSON', 'Edit JSON')
                : t(lang, '编辑', 'Edit')}
          </button>
          <button
            type="button"
            className="icon-button"
            data-action="up"
            disabled={first}
            aria-label={t(lang, `上移：${title}`, `Move up: ${title}`)}
            title={t(lang, '上移', 'Move up')}
            onClick={() => onMove(-1)}
          >
            ↑
          </button>
          <button
            type="button"
            className="icon-button"
            data-action="down"
            disabled={last}
            aria-label={t(lang, `下移：${title}`, `Move down: ${title}`)}
            title={t(lang, '下移', 'Move down')}
            onClick={() => onMove(1)}
          >
            ↓
          </button>
          <button
            type="button"
            className="icon-button danger"
            data-action="delete"
            aria-label={t(lang, `删除：${title}`, `Delete: ${title}`)}
            title={t(lang, '删除', 'Delete')}
            onClick={() => setConfirming(true)}
          >
            ×
          </button>
        </div>
      </div>
      {hasProblems && (
        <ul className="q-problems" id={problemsId} data-testid="q-problems">
          {problems.map((problem, i) => (
            <li key={`e${i}`}>{editorProblemText(lang, problem)}</li>
          ))}
          {serverProblems.map((problem, i) => (
            <li key={`s${i}`} lang={inServerWords(lang, problem) ? 'en' : undefined}>
              {serverProblemText(lang, problem)}
            </li>
          ))}
        </ul>
      )}
      {confirming && (
        <div className="q-confirm" role="group" aria-label={t(lang, '确认删除', 'Confirm deletion')}>
          <span>{t(lang, `确定删除“${title}”？`, `Delete “${title}”?`)}</span>
          <button type="button" className="button-primary" onClick={onDelete}>
            {t(lang, '确认删除', 'Delete')}
          </button>
          {/* Focus lands on the safe choice, so a second Enter does not delete. */}
          <button type="button" className="button-secondary" autoFocus onClick={() => setConfirming(false)}>
            {t(lang, '取消', 'Cancel')}
          </button>
        </div>
      )}
      {expanded && (
        <div id={formId} className="q-item-body">
          {kind !== null && (
            <QuestionForm
              element={json}
              kind={kind}
              raterType={raterType}
              onEdit={onEdit}
              problems={problems}
              problemsId={problemsId}
            />
          )}
          {kind === null && (
            <p className="muted">
              {t(
                lang,
                '编辑器没有此类题目的表单：保存时原样保留，可直接修改其 SurveyJS JSON。',
                'The editor has no form for this type: it is saved as it is, and its SurveyJS JSON can be edited here.',
              )}
            </p>
          )}
          {kind === null ? (
            <JsonEditor
              key={JSON.stringify(element)}
              element={element}
              label={t(lang, 'SurveyJS JSON', 'SurveyJS JSON')}
              onApply={onReplace}
            />
          ) : (
            <details className="q-json-details">
              <summary>{t(lang, '查看或修改 JSON', 'View or edit the JSON')}</summary>
              <JsonEditor
                key={JSON.stringify(element)}
                element={element}
                label={t(lang, '此题的 SurveyJS JSON', "This question's SurveyJS JSON")}
                onApply={onReplace}
              />
            </details>
          )}
        </div>
      )}
    </li>
  );
}
