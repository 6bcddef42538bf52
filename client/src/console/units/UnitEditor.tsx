import { useState, type FormEvent } from 'react';
import { api, call, type ResponseOf } from '../../shared/api.ts';
import { t, useLang } from '../../shared/i18n.ts';
import { ErrorNote } from '../ui.tsx';
import { UNIT_LEVEL_LABEL } from '../../shared/labels.ts';

/** A unit as the office edits it (GET /api/units). */
export type EditableUnit = ResponseOf<typeof api.units.$get>['units'][number];

interface UnitEditorProps {
  unit: EditableUnit | null;
  units: EditableUnit[];
  categories: ResponseOf<typeof api.categories.$get>['categories'];
  onSaved: () => void;
  onCancel: () => void;
}

/** Adds one unit or edits one: name, place in the tree, category; the server enforces the tree's rules. */
export function UnitEditor({ unit, units, categories, onSaved, onCancel }: UnitEditorProps) {
  const lang = useLang();
  const [form, setForm] = useState({
    code: unit?.code ?? '',
    name: unit?.name ?? '',
    nameEn: unit?.nameEn ?? '',
    level: unit?.level ?? ('department' as EditableUnit['level']),
    parentId: unit?.parentId ?? units.find((u) => u.level === 'city')?.id ?? null,
    categoryId: unit?.categoryId ?? null,
  });
  const [error, setError] = useState<unknown>(null);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      if (unit)
        await call(
          api.units[':id'].$patch({
            param: { id: String(unit.id) },
            json: form.code === unit.code ? { ...form, code: undefined } : form,
          }),
        );
      else await call(api.units.$post({ json: form }));
      onSaved();
    } catch (e) {
      setError(e);
    }
  };

  return (
    <form className="inline-form unit-editor" onSubmit={save} data-testid="unit-editor">
      <label>
        {t(lang, '单位编码', 'Code')}
        <input name="code" value={form.code} onChange={(e) => setForm({ ...form, code: e.target.value })} required />
      </label>
      <label>
        {t(lang, '单位名称', 'Name')}
        <input name="name" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} required />
      </label>
      <label>
        {t(lang, '英文名称', 'English name')}
        <input name="nameEn" value={form.nameEn} onChange={(e) => setForm({ ...form, nameEn: e.target.value })} />
      </label>
      <label>
        {t(lang, '层级', 'Level')}
        <select
          name="level"
          value={form.level}
          onChange={(e) => setForm({ ...form, level: e.target.value as EditableUnit['level'] })}
        >
          {(Object.entries(UNIT_LEVEL_LABEL) as Array<[EditableUnit['level'], [string, string]]>).map(
            ([value, label]) => (
              <option key={value} value={value}>
                {t(lang, ...label)}
              </option>
            ),
          )}
        </select>
      </label>
      <label>
        {t(lang, '上级单位', 'Parent')}
        <select
          name="parentId"
          value={form.parentId ?? ''}
          onChange={(e) => setForm({ ...form, parentId: e.target.value ? Number(e.target.value) : null })}
        >
          <option value="">—</option>
          {units
            .filter((u) => u.level !== 'department' && u.id !== unit?.id)
            .map((u) => (
              <option key={u.id} value={u.id}>
                {t(lang, u.name, u.nameEn)}
              </option>
            ))}
        </select>
      </label>
      <label>
        {t(lang, '单位类别', 'Category')}
        <select
          name="categoryId"
          value={form.categoryId ?? ''}
          onChange={(e) => setForm({ ...form, categoryId: e.target.value ? Number(e.target.value) : null })}
        >
          <option value="">—</option>
          {categories.map((c) => (
            <option key={c.id} value={c.id}>
              {t(lang, c.name, c.nameEn)}
            </option>
          ))}
        </select>
      </label>
      <button className="button-primary" type="submit">
        {t(lang, '保存', 'Save')}
      </button>
      <button className="link-button" type="button" onClick={onCancel}>
        {t(lang, '取消', 'Cancel')}
      </button>
      <ErrorNote error={error} />
    </form>
  );
}
