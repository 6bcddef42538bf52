import { jsonParseProblem } from './json-problem.ts';
import { useId, useState, type ChangeEvent } from 'react';
import { RATER_TYPES, type RaterType } from '../../../../scoring/rater-type.ts';
import { t, useLang } from '../../shared/i18n.ts';
import { RATER_LABEL } from '../../shared/labels.ts';
import { navigate } from '../../shared/router.ts';
import { ErrorNote } from '../ui.tsx';
import { isJson, type Definition } from './editor/editor-model.ts';
import { keepPendingDraft } from './editor/pending-draft.ts';
import { refusalSummary } from './editor/problem-text.ts';
import { inServerWords, serverProblemText } from './editor/server-problem-text.ts';
import { DefinitionRefused, importQuestionnaire } from './editor/save.ts';
import { elementOfPath, type ServerProblem } from './editor/server-problems.ts';

/** Where a problem is, for someone who wrote the JSON: the question's name, else the server's path. */
function whereOf(problem: ServerProblem): string {
  return elementOfPath(problem.path)?.name ?? problem.path;
}

/** 导入 SurveyJS JSON: pasted or from a file, checked by the server exactly as on saving. */
export function ImportPanel({ onClose }: { onClose: () => void }) {
  const lang = useLang();
  const id = useId();
  const [raterType, setRaterType] = useState<RaterType>('recipient');
  const [title, setTitle] = useState('');
  const [text, setText] = useState('');
  const [parseProblem, setParseProblem] = useState<string | null>(null);
  const [refused, setRefused] = useState<{
    code: string;
    problems: readonly ServerProblem[];
    definition: Definition;
  } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const readFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (file) setText(await file.text());
  };

  const send = async () => {
    setParseProblem(null);
    setRefused(null);
    setError(null);
    let definition: unknown;
    try {
      definition = JSON.parse(text) as unknown;
    } catch (e) {
      setParseProblem(jsonParseProblem(lang, e));
      return;
    }
    if (!isJson(definition)) {
      setParseProblem(
        t(lang, '须是一个 SurveyJS 问卷的 JSON 对象。', 'Must be the JSON object of a SurveyJS questionnaire.'),
      );
      return;
    }
    setBusy(true);
    try {
      const created = await importQuestionnaire(definition, raterType, title.trim() || undefined);
      navigate(`/console/questionnaires/${created.id}/edit`);
    } catch (e) {
      if (e instanceof DefinitionRefused) setRefused({ code: e.error.code, problems: e.problems, definition });
      else setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card q-import" data-testid="q-import" aria-labelledby={`${id}-title`}>
      <div className="card-head">
        <h2 id={`${id}-title`}>{t(lang, '导入 SurveyJS JSON', 'Import SurveyJS JSON')}</h2>
        <button type="button" className="link-button" onClick={onClose}>
          {t(lang, '关闭', 'Close')}
        </button>
      </div>
      <p className="muted">
        {t(
          lang,
          '服务器按保存时的规则检查：编辑器没有表单的题型也可导入，原样保留，可通过 JSON 修改。',
          'The server checks it as on saving. Types the editor has no form for are imported too, kept as they are and edited as JSON.',
        )}
      </p>
      <fieldset>
        <legend>{t(lang, '评议主体', 'Answered by')}</legend>
        {RATER_TYPES.map((type) => (
          <label key={type} className="check">
            <input type="radio" name={`${id}-rater`} checked={raterType === type} onChange={() => setRaterType(type)} />
            {t(lang, ...(RATER_LABEL[type] ?? [type, type]))}
          </label>
        ))}
      </fieldset>
      <label className="q-field">
        {t(lang, '标题（选填，默认用 JSON 中的中文标题）', "Title (optional; the JSON's Chinese title otherwise)")}
        <input value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} />
      </label>
      <label className="q-field" htmlFor={`${id}-json`}>
        {t(lang, '粘贴 JSON', 'Paste the JSON')}
      </label>
      <textarea
        id={`${id}-json`}
        className="q-json-text"
        rows={8}
        spellCheck={false}
        value={text}
        onChange={(e) => setText(e.target.value)}
        {...(parseProblem ? { 'aria-invalid': true } : {})}
      />
      <label className="q-field">
        {t(lang, '或选择 .json 文件', 'Or choose a .json file')}
        <input type="file" accept=".json,application/json" onChange={(e) => void readFile(e)} />
      </label>
      {parseProblem && (
        <p className="form-error" role="alert">
          {parseProblem}
        </p>
      )}
      <ErrorNote error={error} />
      {refused && (
        <div className="notice notice-warn" role="alert" data-testid="q-import-problems">
          <p>{refusalSummary(lang, refused.code, refused.problems.length, 'import')}</p>
          <ul>
            {refused.problems.map((problem, i) => (
              <li key={i}>
                {whereOf(problem) && <code>{whereOf(problem)}</code>}{' '}
                <span lang={inServerWords(lang, problem) ? 'en' : undefined}>{serverProblemText(lang, problem)}</span>
              </li>
            ))}
          </ul>
          <button
            type="button"
            className="button-secondary"
            onClick={() => {
              keepPendingDraft({ raterType, definition: refused.definition });
              navigate(`/console/questionnaires/new/${raterType}/from-import`);
            }}
          >
            {t(lang, '在编辑器中打开并修改', 'Open it in the editor to fix it')}
          </button>
        </div>
      )}
      <div className="row-actions">
        <button
          type="button"
          className="button-primary"
          disabled={busy || text.trim() === ''}
          onClick={() => void send()}
        >
          {busy ? t(lang, '导入中…', 'Importing…') : t(lang, '导入', 'Import')}
        </button>
      </div>
    </section>
  );
}
