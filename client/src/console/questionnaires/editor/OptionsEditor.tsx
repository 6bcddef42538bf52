import { useState } from 'react';
import { t, useLang } from '../../../shared/i18n.ts';
import type { Json } from './editor-model.ts';
import { ListRowActions, useMoveFocus } from './ListRowActions.tsx';
import {
  addOption,
  applyScale,
  hasDontKnow,
  moveOption,
  optionsOf,
  removeOption,
  setDontKnow,
  setOptionPoints,
  setOptionText,
  type OptionList,
} from './options.ts';
import { presetsFor } from './scale-presets.ts';

interface OptionsEditorProps {
  readonly element: Json;
  readonly list: OptionList;
  /** Points are asked for only when the options are scored. */
  readonly scored: boolean;
  /** Whether the 不了解 option is offered (radio groups and unit matrices, as in the templates). */
  readonly dontKnow: boolean;
  readonly onEdit: (edit: (element: Json) => void) => void;
  /** Options with a problem, by index, to mark them; the message sits under the question. */
  readonly invalid: ReadonlySet<number>;
  /** What the options are, when not just "options" (a unit matrix's grades). */
  readonly legend?: string;
}

const display = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value));

/** A question's options (choices or rating levels): their texts in both languages, points, order, 不了解. */
export function OptionsEditor({ element, list, scored, dontKnow, onEdit, invalid, legend }: OptionsEditorProps) {
  const lang = useLang();
  const options = optionsOf(element, list);
  const presets = presetsFor(list);
  const [preset, setPreset] = useState(presets[0]?.id ?? '');
  const { buttonRef, moved } = useMoveFocus();
  const noun = list === 'rateValues' ? t(lang, '等级', 'Level') : t(lang, '选项', 'Option');
  const move = (index: number, delta: -1 | 1) => {
    onEdit((el) => void moveOption(el, list, index, delta));
    moved(index, delta);
  };

  return (
    <fieldset className="q-options">
      <legend>
        {legend ?? (list === 'rateValues' ? t(lang, '评分等级', 'Rating levels') : t(lang, '选项', 'Options'))}
      </legend>
      <ol className={`q-option-list${scored ? ' scored' : ''}`}>
        <li className="q-option-head" aria-hidden="true">
          <span>{t(lang, '中文', 'Chinese')}</span>
          <span>{t(lang, '英文', 'English')}</span>
          {scored && <span>{t(lang, '分值', 'Points')}</span>}
        </li>
        {options.map((option, index) => {
          const label = `${noun} ${index + 1}`;
          const bad = invalid.has(index) ? { 'aria-invalid': true } : {};
          return (
            <li key={index} className={option.notCounted ? 'q-option dont-know' : 'q-option'}>
              <input
                aria-label={t(lang, `${label} 中文`, `${label} Chinese`)}
                placeholder={display(option.value)}
                lang="zh-CN"
                value={option.text.zh}
                onChange={(e) => onEdit((el) => setOptionText(el, list, index, { ...option.text, zh: e.target.value }))}
                {...bad}
              />
              <input
                aria-label={t(lang, `${label} 英文`, `${label} English`)}
                placeholder={t(lang, '英文', 'English')}
                lang="en"
                value={option.text.en}
                onChange={(e) => onEdit((el) => setOptionText(el, list, index, { ...option.text, en: e.target.value }))}
              />
              {scored &&
                (option.notCounted ? (
                  <span className="q-not-counted">{t(lang, '不计分', 'Not counted')}</span>
                ) : (
                  <span className="q-points-field">
                    <input
                      type="number"
                      step="any"
                      className="q-points"
                      aria-label={t(lang, `${label} 分值`, `${label} points`)}
                      value={option.points ?? ''}
                      onChange={(e) =>
                        onEdit((el) =>
                          setOptionPoints(el, list, index, e.target.value === '' ? null : Number(e.target.value)),
                        )
                      }
                      {...bad}
                    />
                    <span className="q-points-unit" aria-hidden="true">
                      {t(lang, '分', 'pts')}
                    </span>
                  </span>
                ))}
              <ListRowActions
                index={index}
                count={options.length}
                label={label}
                buttonRef={buttonRef}
                onMove={move}
                onRemove={() => onEdit((el) => removeOption(el, list, index))}
              />
            </li>
          );
        })}
      </ol>
      <div className="q-option-tools">
        <button type="button" className="button-secondary" onClick={() => onEdit((el) => void addOption(el, list))}>
          {list === 'rateValues' ? t(lang, '添加等级', 'Add a level') : t(lang, '添加选项', 'Add an option')}
        </button>
        {dontKnow && (
          <label className="check">
            <input
              type="checkbox"
              checked={hasDontKnow(element, list)}
              onChange={(e) => onEdit((el) => setDontKnow(el, list, e.target.checked))}
            />
            {t(lang, '含“不了解”选项（有效答案，不计分）', 'Offer "Don\'t know" (a valid answer, not counted)')}
          </label>
        )}
        <span className="q-preset">
          <select
            aria-label={t(lang, '常用量表', 'Ready-made scale')}
            value={preset}
            onChange={(e) => setPreset(e.target.value)}
          >
            {presets.map((p) => (
              <option key={p.id} value={p.id}>
                {t(lang, ...p.label)}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="button-secondary"
            onClick={() => {
              const chosen = presets.find((p) => p.id === preset);
              if (chosen) onEdit((el) => applyScale(el, list, chosen.levels()));
            }}
          >
            {t(lang, '套用（替换现有选项）', 'Use (replaces the options)')}
          </button>
        </span>
      </div>
    </fieldset>
  );
}
