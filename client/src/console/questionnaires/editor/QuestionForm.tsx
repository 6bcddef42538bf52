import type { RaterType } from '../../../../../scoring/rater-type.ts';
import { t, useLang } from '../../../shared/i18n.ts';
import { ColumnsEditor } from './ColumnsEditor.tsx';
import type { EditorProblem } from './editor-checks.ts';
import { keptProperties, scoresOutsideMatrix, type Definition, type Json, type QuestionKind } from './editor-model.ts';
import { LocalizedField } from './LocalizedField.tsx';
import { applyScale } from './options.ts';
import { OptionsEditor } from './OptionsEditor.tsx';
import {
  columnsOf,
  isScored,
  itemKeyOf,
  questionText,
  setPositive,
  setQuestionText,
  setRateType,
  setRequired,
  setScored,
} from './questions.ts';
import { presetsFor } from './scale-presets.ts';

interface QuestionFormProps {
  readonly element: Json;
  readonly kind: QuestionKind;
  readonly raterType: RaterType;
  readonly onEdit: (edit: (element: Json, definition: Definition) => void) => void;
  readonly problems: readonly EditorProblem[];
  /** The id of the element's problem list, for aria-describedby. */
  readonly problemsId: string;
}

const RATE_TYPES: ReadonlyArray<readonly [string, string, string]> = [
  ['stars', '星级', 'Stars'],
  ['labels', '数字或文字', 'Numbers or words'],
  ['smileys', '表情', 'Faces'],
];

function indexesOf(problems: readonly EditorProblem[], key: 'option' | 'item'): Set<number> {
  const found = new Set<number>();
  for (const problem of problems) {
    if (key === 'option' && 'option' in problem) found.add(problem.option);
    if (key === 'item' && 'item' in problem) found.add(problem.item);
  }
  return found;
}

function RatingFields({ element, onEdit, raterType, problems }: QuestionFormProps) {
  const lang = useLang();
  const rateType = typeof element['rateType'] === 'string' ? element['rateType'] : 'labels';
  const choices = RATE_TYPES.some(([value]) => value === rateType)
    ? RATE_TYPES
    : [...RATE_TYPES, [rateType, rateType, rateType] as const];
  return (
    <>
      <label className="q-field">
        {t(lang, '显示方式', 'Shown as')}
        <select value={rateType} onChange={(e) => onEdit((el) => setRateType(el, e.target.value))}>
          {choices.map(([value, zh, en]) => (
            <option key={value} value={value}>
              {t(lang, zh, en)}
            </option>
          ))}
        </select>
      </label>
      <ScoredField element={element} onEdit={onEdit} raterType={raterType} />
      {Array.isArray(element['rateValues']) ? (
        <OptionsEditor
          element={element}
          list="rateValues"
          scored={isScored(element)}
          dontKnow={false}
          onEdit={onEdit}
          invalid={indexesOf(problems, 'option')}
        />
      ) : (
        <p className="muted">
          {t(lang, '使用 SurveyJS 默认的 1–5 等级，没有分值。', "Uses SurveyJS's default levels 1–5, without points.")}{' '}
          <button
            type="button"
            className="link-button"
            onClick={() => onEdit((el) => applyScale(el, 'rateValues', presetsFor('rateValues')[0]!.levels()))}
          >
            {t(lang, '设置等级与分值', 'Set levels and points')}
          </button>
        </p>
      )}
    </>
  );
}

function ScoredField({ element, onEdit, raterType }: Pick<QuestionFormProps, 'element' | 'onEdit' | 'raterType'>) {
  const lang = useLang();
  const allowed = scoresOutsideMatrix(raterType);
  const scored = isScored(element);
  return (
    <label className="check q-field">
      <input
        type="checkbox"
        checked={scored}
        // A scored question on a superior or peer questionnaire may only be turned off.
        disabled={!allowed && !scored}
        onChange={(e) => onEdit((el) => setScored(el, e.target.checked))}
      />
      {t(lang, '计分', 'Scored')}
      {scored && (
        <span className="muted">
          {t(lang, `（计分项目：${itemKeyOf(element)}）`, ` (item: ${itemKeyOf(element)})`)}
        </span>
      )}
      {!allowed && !scored && (
        <span className="muted">
          {t(lang, '（本类问卷只在单位矩阵中计分）', '(this questionnaire scores only in unit matrices)')}
        </span>
      )}
    </label>
  );
}

function CommentFields({ element, onEdit }: Pick<QuestionFormProps, 'element' | 'onEdit'>) {
  const lang = useLang();
  const number = (key: 'maxLength' | 'rows') => (typeof element[key] === 'number' ? String(element[key]) : '');
  return (
    <div className="q-row-fields">
      <label className="q-field">
        {t(lang, '最多字数', 'Longest answer (characters)')}
        <input
          type="number"
          min={1}
          max={2000}
          value={number('maxLength')}
          onChange={(e) =>
            onEdit((el) => setPositive(el, 'maxLength', e.target.value === '' ? null : Number(e.target.value)))
          }
        />
      </label>
      <label className="q-field">
        {t(lang, '输入框行数', 'Rows of the box')}
        <input
          type="number"
          min={1}
          max={20}
          value={number('rows')}
          onChange={(e) =>
            onEdit((el) => setPositive(el, 'rows', e.target.value === '' ? null : Number(e.target.value)))
          }
        />
      </label>
    </div>
  );
}

/** The form of one question the editor understands; its other properties are kept and listed. */
export function QuestionForm(props: QuestionFormProps) {
  const { element, kind, onEdit, problems, problemsId } = props;
  const lang = useLang();
  const titleMissing = problems.some((p) => p.code === 'title_missing');
  const kept = keptProperties(element, kind);
  return (
    <div className="q-form">
      <p className="muted">
        {t(lang, '题目代码：', 'Question code: ')}
        <code>{String(element['name'] ?? '')}</code>
        {t(lang, '（答案按此代码保存，不会改变）', ' (answers are stored under it, so it never changes)')}
      </p>
      <LocalizedField
        label={['题目', 'Question']}
        value={questionText(element, 'title')}
        onChange={(text) => onEdit((el) => setQuestionText(el, 'title', text))}
        problemId={titleMissing ? problemsId : undefined}
      />
      <LocalizedField
        label={['说明', 'Description']}
        optional
        value={questionText(element, 'description')}
        onChange={(text) => onEdit((el) => setQuestionText(el, 'description', text))}
        multiline
      />
      {kind !== 'unitMatrix' && (
        <label className="check q-field">
          <input
            type="checkbox"
            checked={element['isRequired'] === true}
            onChange={(e) => onEdit((el) => setRequired(el, e.target.checked))}
          />
          {t(lang, '必答', 'Required')}
        </label>
      )}
      {kind === 'rating' && <RatingFields {...props} />}
      {kind === 'radiogroup' && (
        <>
          <ScoredField element={element} onEdit={onEdit} raterType={props.raterType} />
          <OptionsEditor
            element={element}
            list="choices"
            scored={isScored(element)}
            dontKnow
            onEdit={onEdit}
            invalid={indexesOf(problems, 'option')}
          />
        </>
      )}
      {kind === 'comment' && <CommentFields element={element} onEdit={onEdit} />}
      {kind === 'unitMatrix' && (
        <>
          <ColumnsEditor element={element} onEdit={onEdit} invalid={indexesOf(problems, 'item')} />
          <OptionsEditor
            element={element}
            list="choices"
            scored={columnsOf(element).some((column) => column.scored)}
            dontKnow
            legend={t(lang, '等次（各评价项目共用）', 'Grades (shared by every item)')}
            onEdit={onEdit}
            invalid={indexesOf(problems, 'option')}
          />
        </>
      )}
      {kept.length > 0 && (
        <p className="muted">
          {t(lang, '其他设置原样保留（可在 JSON 中修改）：', 'Other settings kept as they are (edit them as JSON): ')}
          {kept.map((key) => (
            <code key={key} className="q-kept">
              {key}
            </code>
          ))}
        </p>
      )}
    </div>
  );
}
