import { useState, type FormEvent } from 'react';
import type { ProblemSource } from '../../../../server/db/schema.ts';
import { api } from '../../shared/api.ts';
import { t, useLang } from '../../shared/i18n.ts';
import { ErrorNote } from '../ui.tsx';
import { useApi } from '../use-api.ts';
import type { ProblemValues } from './problem-form-values.ts';
import { SOURCE_ORDER, sourceText } from './problem-words.ts';

/**
 * A problem's fields: unit (the office, on creation), title, detail, source and its reference, type,
 * responsible leader and person, measures, deadline (the default in working days said beside it) and
 * visibility. `chooseUnit` shows the unit list; unit staff create for their own unit only.
 */
export function ProblemForm({
  initial,
  chooseUnit,
  office,
  creating,
  onSave,
  onCancel,
}: {
  initial: ProblemValues;
  chooseUnit: boolean;
  office: boolean;
  creating: boolean;
  onSave: (values: ProblemValues) => Promise<void>;
  onCancel?: () => void;
}) {
  const lang = useLang();
  const [values, setValues] = useState(initial);
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const units = useApi(chooseUnit ? () => api.units.$get() : null, [chooseUnit]);
  const types = useApi(() => api['problem-types'].$get(), []);
  const settings = useApi(() => api.rectification.settings.$get(), []);
  const set = (patch: Partial<ProblemValues>) => setValues({ ...values, ...patch });
  const defaultDays = settings.data?.settings.deadlineDays[values.source];

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setSaving(true);
    try {
      await onSave(values);
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };

  const typeOptions = (types.data?.types ?? []).filter((type) => type.active || String(type.id) === values.typeId);
  return (
    <form className="problem-form" onSubmit={save} data-testid="problem-form">
      <div className="form-grid">
        {chooseUnit && (
          <label>
            {t(lang, '责任单位', 'Unit')}
            <select name="unitId" value={values.unitId} onChange={(e) => set({ unitId: e.target.value })} required>
              <option value="">{t(lang, '请选择单位', 'Choose a unit')}</option>
              {(units.data?.units ?? [])
                .filter((u) => u.active)
                .map((u) => (
                  <option key={u.id} value={u.id}>
                    {t(lang, u.name, u.nameEn)}
                  </option>
                ))}
            </select>
          </label>
        )}
        <label className="wide">
          {t(lang, '问题（标题）', 'Problem (title)')}
          <input
            name="title"
            value={values.title}
            maxLength={100}
            required
            onChange={(e) => set({ title: e.target.value })}
          />
        </label>
        <label className="wide">
          {t(lang, '具体表现（要具体、有实例）', 'Detail (specific, with real examples)')}
          <textarea
            name="detail"
            value={values.detail}
            maxLength={4000}
            rows={4}
            required
            onChange={(e) => set({ detail: e.target.value })}
          />
        </label>
        <label>
          {t(lang, '来源', 'Source')}
          <select
            name="source"
            value={values.source}
            onChange={(e) => set({ source: e.target.value as ProblemSource })}
          >
            {SOURCE_ORDER.map((source) => (
              <option key={source} value={source}>
                {sourceText(lang, source)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t(lang, '来源编号（工单号、通报文号等）', 'Source reference (ticket, notice number …)')}
          <input
            name="sourceRef"
            value={values.sourceRef}
            maxLength={200}
            onChange={(e) => set({ sourceRef: e.target.value })}
          />
        </label>
        <label>
          {t(lang, '问题类型', 'Type')}
          <select name="typeId" value={values.typeId} onChange={(e) => set({ typeId: e.target.value })}>
            <option value="">{t(lang, '未分类', 'No type')}</option>
            {typeOptions.map((type) => (
              <option key={type.id} value={type.id}>
                {t(lang, type.name, type.nameEn)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t(lang, '责任领导', 'Responsible leader')}
          <input
            name="leader"
            value={values.leader}
            maxLength={100}
            onChange={(e) => set({ leader: e.target.value })}
          />
        </label>
        <label>
          {t(lang, '责任人', 'Responsible person')}
          <input name="owner" value={values.owner} maxLength={100} onChange={(e) => set({ owner: e.target.value })} />
        </label>
        <label className="wide">
          {t(lang, '整改措施', 'Measures')}
          <textarea
            name="measures"
            value={values.measures}
            maxLength={4000}
            rows={3}
            onChange={(e) => set({ measures: e.target.value })}
          />
        </label>
        <label>
          {t(lang, '整改时限', 'Deadline')}
          <input
            type="date"
            name="deadline"
            value={values.deadline}
            onChange={(e) => set({ deadline: e.target.value })}
            aria-describedby="deadline-hint"
          />
          <small id="deadline-hint" className="muted" data-testid="deadline-hint">
            {defaultDays === undefined
              ? ''
              : creating
                ? t(
                    lang,
                    `“${sourceText(lang, values.source)}”默认 ${defaultDays} 个工作日（按法定节假日和调休计算）；留空则自动按此计算。`,
                    `"${sourceText(lang, values.source)}": ${defaultDays} working days by default (official holidays and adjusted working days); left empty, it is set so.`,
                  )
                : t(
                    lang,
                    `“${sourceText(lang, values.source)}”默认 ${defaultDays} 个工作日（按法定节假日和调休计算）。`,
                    `"${sourceText(lang, values.source)}": ${defaultDays} working days by default (official holidays and adjusted working days).`,
                  )}
          </small>
        </label>
        <fieldset className="problem-visibility">
          <legend>{t(lang, '公开范围', 'Visibility')}</legend>
          <label className="check">
            <input
              type="radio"
              name="visibility"
              value="public"
              checked={values.visibility === 'public'}
              onChange={() => set({ visibility: 'public' })}
            />
            {t(lang, '公开（备案后在整改台账和整改周周见公开）', 'Public (on the public ledger once filed)')}
          </label>
          <label className="check">
            <input
              type="radio"
              name="visibility"
              value="internal"
              checked={values.visibility === 'internal'}
              onChange={() => set({ visibility: 'internal' })}
            />
            {t(lang, '内部（不公开）', 'Internal (not published)')}
          </label>
        </fieldset>
        {creating && office && (
          <label className="check wide">
            <input
              type="checkbox"
              name="fileAtOnce"
              checked={values.fileAtOnce}
              onChange={(e) => set({ fileAtOnce: e.target.checked })}
            />
            {t(
              lang,
              '直接备案（督查暗访发现、上级交办的问题，不经单位提交）',
              'File at once (an inspection finding or an assignment from above, without the unit submitting it)',
            )}
          </label>
        )}
      </div>
      <ErrorNote error={error} />
      <div className="form-actions">
        <button type="submit" className="button-primary" disabled={saving}>
          {!creating
            ? t(lang, '保存修改', 'Save changes')
            : values.fileAtOnce
              ? t(lang, '保存并备案', 'Save and file')
              : t(lang, '保存为草稿', 'Save as a draft')}
        </button>
        {onCancel && (
          <button type="button" className="link-button" onClick={onCancel}>
            {t(lang, '取消', 'Cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
