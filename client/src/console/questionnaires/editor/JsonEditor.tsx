import { jsonParseProblem } from '../json-problem.ts';
import { useId, useState } from 'react';
import { t, useLang } from '../../../shared/i18n.ts';
import { isJson, type Json } from './editor-model.ts';

interface JsonEditorProps {
  readonly element: unknown;
  readonly onApply: (element: Json) => void;
  /** What the JSON is of, for the label. */
  readonly label: string;
}

/**
 * One element as SurveyJS JSON, to edit what no form covers. The text is applied only when it is a JSON
 * object with a type; the server checks the rest when the questionnaire is saved.
 */
export function JsonEditor({ element, onApply, label }: JsonEditorProps) {
  const lang = useLang();
  const id = useId();
  const original = JSON.stringify(element, null, 2);
  const [draft, setDraft] = useState(original);
  const [problem, setProblem] = useState<string | null>(null);

  const apply = () => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(draft) as unknown;
    } catch (error) {
      setProblem(jsonParseProblem(lang, error));
      return;
    }
    if (!isJson(parsed) || typeof parsed['type'] !== 'string') {
      setProblem(t(lang, '须是一个带有 "type" 的 JSON 对象。', 'Must be a JSON object with a "type".'));
      return;
    }
    setProblem(null);
    onApply(parsed);
    setDraft(JSON.stringify(parsed, null, 2));
  };

  return (
    <div className="q-json">
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        className="q-json-text"
        spellCheck={false}
        rows={Math.min(18, Math.max(4, draft.split('\n').length))}
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        {...(problem ? { 'aria-invalid': true, 'aria-describedby': `${id}-problem` } : {})}
      />
      {problem && (
        <p className="form-error" id={`${id}-problem`} role="alert">
          {problem}
        </p>
      )}
      <div className="row-actions">
        <button type="button" className="button-secondary" disabled={draft === original} onClick={apply}>
          {t(lang, '应用 JSON', 'Apply the JSON')}
        </button>
        <button
          type="button"
          className="link-button"
          disabled={draft === original}
          onClick={() => {
            setDraft(original);
            setProblem(null);
          }}
        >
          {t(lang, '还原', 'Undo changes')}
        </button>
      </div>
    </div>
  );
}
