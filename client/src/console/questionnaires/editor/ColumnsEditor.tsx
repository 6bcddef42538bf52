import { t, useLang } from '../../../shared/i18n.ts';
import { uniqueName, type Definition, type Json } from './editor-model.ts';
import { ListRowActions, useMoveFocus } from './ListRowActions.tsx';
import {
  addColumn,
  columnsOf,
  ITEM_PREFIX,
  moveColumn,
  removeColumn,
  setColumnRequired,
  setColumnTitle,
} from './questions.ts';

interface ColumnsEditorProps {
  readonly element: Json;
  readonly onEdit: (edit: (element: Json, definition: Definition) => void) => void;
  /** Items with a problem, by index. */
  readonly invalid: ReadonlySet<number>;
}

/**
 * The items (columns) of a unit matrix: each is one scored item every unit is graded on. The rows are
 * the campaign's units, filled in when the questionnaire is served, so they are not edited here.
 */
export function ColumnsEditor({ element, onEdit, invalid }: ColumnsEditorProps) {
  const lang = useLang();
  const columns = columnsOf(element);
  const { buttonRef, moved } = useMoveFocus();
  const move = (index: number, delta: -1 | 1) => {
    onEdit((el) => void moveColumn(el, index, delta));
    moved(index, delta);
  };

  return (
    <fieldset className="q-options">
      <legend>{t(lang, '评价项目（矩阵的列）', 'Items graded (the columns)')}</legend>
      <p className="muted">
        {t(
          lang,
          '每一行是一个参评单位，由评议活动的参评范围自动填入；这里只编辑评价项目。',
          "Each row is a unit, filled in from the campaign's scope; only the items are edited here.",
        )}
      </p>
      <ol className="q-option-list q-columns">
        <li className="q-option-head" aria-hidden="true">
          <span>{t(lang, '中文', 'Chinese')}</span>
          <span>{t(lang, '英文', 'English')}</span>
          <span>{t(lang, '必答', 'Required')}</span>
        </li>
        {columns.map((column, index) => {
          const label = t(lang, `项目 ${index + 1}`, `Item ${index + 1}`);
          return (
            <li key={column.name || index} className="q-option">
              <input
                aria-label={t(lang, `${label} 中文`, `${label} Chinese`)}
                placeholder={column.name}
                lang="zh-CN"
                value={column.title.zh}
                onChange={(e) => onEdit((el) => setColumnTitle(el, index, { ...column.title, zh: e.target.value }))}
                {...(invalid.has(index) ? { 'aria-invalid': true } : {})}
              />
              <input
                aria-label={t(lang, `${label} 英文`, `${label} English`)}
                placeholder={t(lang, '英文', 'English')}
                lang="en"
                value={column.title.en}
                onChange={(e) => onEdit((el) => setColumnTitle(el, index, { ...column.title, en: e.target.value }))}
              />
              <label className="check">
                <input
                  type="checkbox"
                  checked={column.required}
                  onChange={(e) => onEdit((el) => setColumnRequired(el, index, e.target.checked))}
                />
                <span className="q-inline-label">{t(lang, '必答', 'Required')}</span>
              </label>
              <ListRowActions
                index={index}
                count={columns.length}
                label={label}
                buttonRef={buttonRef}
                onMove={move}
                onRemove={() => onEdit((el) => removeColumn(el, index))}
              />
              {(column.ownOptions || !column.scored) && (
                <span className="muted q-option-note">
                  {!column.scored && t(lang, '不计分。', 'Not scored. ')}
                  {column.ownOptions &&
                    t(
                      lang,
                      '此项目有自己的选项，仅可通过 JSON 编辑。',
                      'This item has options of its own, edited as JSON only.',
                    )}
                </span>
              )}
            </li>
          );
        })}
      </ol>
      <button
        type="button"
        className="button-secondary"
        onClick={() => onEdit((el, definition) => addColumn(el, uniqueName(definition, ITEM_PREFIX)))}
      >
        {t(lang, '添加评价项目', 'Add an item')}
      </button>
    </fieldset>
  );
}
