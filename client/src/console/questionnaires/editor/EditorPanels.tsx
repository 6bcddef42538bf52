import type { RaterType } from '../../../../../scoring/rater-type.ts';
import { t, useLang } from '../../../shared/i18n.ts';
import { RATER_LABEL } from '../../../shared/labels.ts';
import { Card, ErrorNote } from '../../ui.tsx';
import type { EditorProblem } from './editor-checks.ts';
import type { Definition } from './editor-model.ts';
import { setSurveyText } from './editor-ops.ts';
import { LocalizedField } from './LocalizedField.tsx';
import { readText } from './localized.ts';
import { editorProblemText, refusalSummary } from './problem-text.ts';
import type { QuestionnaireDetail } from './save.ts';
import { inServerWords, serverProblemText } from './server-problem-text.ts';
import type { PlacedProblem } from './server-problems.ts';

export type Notice = { kind: 'saved' | 'created' } | { kind: 'newVersion'; version: number };

const SURVEY_PROBLEMS_ID = 'q-survey-problems';

interface SurveyCardProps {
  readonly definition: Definition;
  /** The stored version, null for a new questionnaire. */
  readonly detail: QuestionnaireDetail | null;
  readonly raterType: RaterType;
  readonly surveyProblems: readonly EditorProblem[];
  /** The server's problems that concern no one question. */
  readonly serverProblems: readonly PlacedProblem[];
  readonly onChange: (definition: Definition) => void;
  readonly onLeave: () => void;
}

/** The questionnaire as a whole: which version, who answers it, what saving will do, its title and introduction. */
export function SurveyCard({
  definition,
  detail,
  raterType,
  surveyProblems,
  serverProblems,
  onChange,
  onLeave,
}: SurveyCardProps) {
  const lang = useLang();
  const raterLabel = RATER_LABEL[raterType] ?? [raterType, raterType];
  const titleMissing = surveyProblems.some((p) => p.code === 'survey_title_missing');
  return (
    <Card
      title={
        detail
          ? t(lang, `编辑问卷 · 第 ${detail.version} 版`, `Edit questionnaire · version ${detail.version}`)
          : t(lang, '新建问卷', 'New questionnaire')
      }
      actions={
        <button type="button" className="link-button" onClick={onLeave}>
          {t(lang, '返回问卷列表', 'Back to the questionnaires')}
        </button>
      }
    >
      <p className="muted">
        {t(lang, `评议主体：${raterLabel[0]}`, `Answered by: ${raterLabel[1]}`)}
        {detail &&
          detail.campaigns.length > 0 &&
          t(
            lang,
            ` · 使用中的活动：${detail.campaigns.length} 个`,
            ` · used by ${detail.campaigns.length} campaign(s)`,
          )}
      </p>
      {detail && !detail.editableInPlace && (
        <p className="notice notice-warn">
          {t(
            lang,
            '已有开启过的活动使用此版本：保存时将生成新版本，原版本和已收到的评议保持不变。',
            'A campaign that has started uses this version: saving creates a new version, and this one and its ballots stay as they are.',
          )}
        </p>
      )}
      {detail && detail.problems.length > 0 && (
        <div className="notice notice-warn">
          <p>{t(lang, '此版本是按旧规则保存的，现已不能通过检查：', 'This version no longer passes the checks:')}</p>
          <ul>
            {detail.problems.map((problem, i) => (
              <li key={i} lang={lang === 'zh' ? 'en' : undefined}>
                {problem}
              </li>
            ))}
          </ul>
        </div>
      )}
      <LocalizedField
        label={['问卷标题', 'Title']}
        value={readText(definition['title'])}
        onChange={(text) => onChange(setSurveyText(definition, 'title', text))}
        problemId={titleMissing ? SURVEY_PROBLEMS_ID : undefined}
      />
      <LocalizedField
        label={['问卷说明', 'Introduction']}
        optional
        value={readText(definition['description'])}
        onChange={(text) => onChange(setSurveyText(definition, 'description', text))}
        multiline
      />
      {(surveyProblems.length > 0 || serverProblems.length > 0) && (
        <ul className="q-problems" id={SURVEY_PROBLEMS_ID} data-testid="q-survey-problems">
          {surveyProblems.map((p, i) => (
            <li key={`e${i}`}>{editorProblemText(lang, p)}</li>
          ))}
          {serverProblems.map((p, i) => (
            <li key={`s${i}`} lang={inServerWords(lang, p) ? 'en' : undefined}>
              {serverProblemText(lang, p)}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

interface SaveBarProps {
  /** The editor's own problems still to fix (0 until the first attempt to save). */
  readonly problemCount: number;
  readonly refusal: { readonly code: string; readonly count: number } | null;
  readonly notice: Notice | null;
  readonly dirty: boolean;
  readonly error: unknown;
  readonly saving: boolean;
  readonly onSave: () => void;
}

/** Stays at the bottom of the window: what saving did or found, and the button. */
export function SaveBar({ problemCount, refusal, notice, dirty, error, saving, onSave }: SaveBarProps) {
  const lang = useLang();
  return (
    <div className="q-save-bar" data-testid="q-save-bar">
      <div className="q-save-status" role="status">
        {problemCount > 0 && (
          <span className="form-error">
            {t(
              lang,
              `还有 ${problemCount} 处需要修改，见各题下方。`,
              `${problemCount} thing(s) to fix: see under the questions.`,
            )}
          </span>
        )}
        {refusal && <span className="form-error">{refusalSummary(lang, refusal.code, refusal.count, 'save')}</span>}
        {notice && <NoticeText notice={notice} />}
        {!notice && !refusal && dirty && problemCount === 0 && (
          <span className="muted">{t(lang, '有未保存的修改。', 'Unsaved changes.')}</span>
        )}
      </div>
      <ErrorNote error={error} />
      <button type="button" className="button-primary" disabled={saving} onClick={onSave}>
        {saving ? t(lang, '保存中…', 'Saving…') : t(lang, '保存问卷', 'Save the questionnaire')}
      </button>
    </div>
  );
}

function NoticeText({ notice }: { notice: Notice }) {
  const lang = useLang();
  if (notice.kind === 'newVersion')
    return (
      <span className="q-saved">
        {t(
          lang,
          `已保存为第 ${notice.version} 版；使用原版本的活动不受影响。`,
          `Saved as version ${notice.version}; campaigns using the old version keep it.`,
        )}
      </span>
    );
  return (
    <span className="q-saved">
      {notice.kind === 'created'
        ? t(lang, '问卷已创建并保存。', 'The questionnaire was created.')
        : t(lang, '已保存。', 'Saved.')}
    </span>
  );
}
