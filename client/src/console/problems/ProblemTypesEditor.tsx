import { useState, type FormEvent } from 'react';
import { api, call, type ResponseOf } from '../../shared/api.ts';
import { t, useLang } from '../../shared/i18n.ts';
import { ErrorNote, Loading } from '../ui.tsx';
import { useApi } from '../use-api.ts';

type ProblemType = ResponseOf<(typeof api)['problem-types']['$get']>['types'][number];

/** The office's list of problem types: add, rename (both languages), move up or down, deactivate (never delete). */
export function ProblemTypesEditor() {
  const lang = useLang();
  const types = useApi(() => api['problem-types'].$get(), []);
  const [editing, setEditing] = useState<number | 'new' | null>(null);
  const [error, setError] = useState<unknown>(null);
  if (types.error) return <ErrorNote error={types.error} />;
  if (!types.data) return <Loading />;
  const list = types.data.types;

  const patch = async (type: ProblemType, json: { active?: boolean; sortOrder?: number }) => {
    setError(null);
    try {
      await call(api['problem-types'][':id'].$patch({ param: { id: String(type.id) }, json }));
    } catch (e) {
      setError(e);
    }
  };
  /** Swaps a type with its neighbour; equal sort orders are spread first so the swap always moves it. */
  const move = async (index: number, step: -1 | 1) => {
    const other = list[index + step];
    const type = list[index];
    if (!other || !type) return;
    const a = type.sortOrder === other.sortOrder ? index * 10 : type.sortOrder;
    const b = type.sortOrder === other.sortOrder ? (index + step) * 10 : other.sortOrder;
    await patch(type, { sortOrder: b });
    await patch(other, { sortOrder: a });
    types.reload();
  };

  return (
    <>
      <div className="card-actions types-actions">
        <button type="button" className="button-secondary" onClick={() => setEditing('new')}>
          {t(lang, '新增类型', 'Add a type')}
        </button>
      </div>
      {editing === 'new' && (
        <TypeForm
          type={null}
          nextOrder={(list.at(-1)?.sortOrder ?? 0) + 10}
          onSaved={() => {
            setEditing(null);
            types.reload();
          }}
          onCancel={() => setEditing(null)}
        />
      )}
      <ErrorNote error={error} />
      <div className="table-scroll">
        <table className="data" data-testid="problem-types">
          <thead>
            <tr>
              <th scope="col">{t(lang, '类型名称', 'Name')}</th>
              <th scope="col">{t(lang, '英文名称', 'English name')}</th>
              <th scope="col">{t(lang, '状态', 'State')}</th>
              <th scope="col">{t(lang, '操作', 'Actions')}</th>
            </tr>
          </thead>
          <tbody>
            {list.map((type, index) =>
              editing === type.id ? (
                <tr key={type.id}>
                  <td colSpan={4}>
                    <TypeForm
                      type={type}
                      nextOrder={type.sortOrder}
                      onSaved={() => {
                        setEditing(null);
                        types.reload();
                      }}
                      onCancel={() => setEditing(null)}
                    />
                  </td>
                </tr>
              ) : (
                <tr key={type.id} className={type.active ? undefined : 'inactive-type'}>
                  <td>{type.name}</td>
                  <td>{type.nameEn || '—'}</td>
                  <td>{type.active ? t(lang, '使用中', 'In use') : t(lang, '已停用', 'Inactive')}</td>
                  <td className="nowrap type-buttons">
                    <button
                      type="button"
                      className="link-button"
                      disabled={index === 0}
                      onClick={() => void move(index, -1)}
                      aria-label={t(lang, `上移“${type.name}”`, `Move "${type.nameEn || type.name}" up`)}
                    >
                      {t(lang, '上移', 'Up')}
                    </button>
                    <button
                      type="button"
                      className="link-button"
                      disabled={index === list.length - 1}
                      onClick={() => void move(index, 1)}
                      aria-label={t(lang, `下移“${type.name}”`, `Move "${type.nameEn || type.name}" down`)}
                    >
                      {t(lang, '下移', 'Down')}
                    </button>
                    <button type="button" className="link-button" onClick={() => setEditing(type.id)}>
                      {t(lang, '改名', 'Rename')}
                    </button>
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => void patch(type, { active: !type.active }).then(types.reload)}
                    >
                      {type.active ? t(lang, '停用', 'Deactivate') : t(lang, '启用', 'Activate')}
                    </button>
                  </td>
                </tr>
              ),
            )}
          </tbody>
        </table>
      </div>
      <p className="muted small">
        {t(
          lang,
          '类型不删除：停用后不再供新问题选择，已有问题保留原类型。',
          'Types are never deleted: an inactive type is no longer offered, and problems keep theirs.',
        )}
      </p>
    </>
  );
}

function TypeForm({
  type,
  nextOrder,
  onSaved,
  onCancel,
}: {
  type: ProblemType | null;
  nextOrder: number;
  onSaved: () => void;
  onCancel: () => void;
}) {
  const lang = useLang();
  const [name, setName] = useState(type?.name ?? '');
  const [nameEn, setNameEn] = useState(type?.nameEn ?? '');
  const [error, setError] = useState<unknown>(null);
  const save = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      if (type)
        await call(api['problem-types'][':id'].$patch({ param: { id: String(type.id) }, json: { name, nameEn } }));
      else await call(api['problem-types'].$post({ json: { name, nameEn, sortOrder: nextOrder } }));
      onSaved();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <form className="inline-form" onSubmit={save} data-testid="type-form">
      <label>
        {t(lang, '类型名称', 'Name')}
        <input name="name" value={name} maxLength={50} required onChange={(e) => setName(e.target.value)} />
      </label>
      <label>
        {t(lang, '英文名称', 'English name')}
        <input name="nameEn" value={nameEn} maxLength={100} onChange={(e) => setNameEn(e.target.value)} />
      </label>
      <button type="submit" className="button-primary">
        {t(lang, '保存', 'Save')}
      </button>
      <button type="button" className="link-button" onClick={onCancel}>
        {t(lang, '取消', 'Cancel')}
      </button>
      <ErrorNote error={error} />
    </form>
  );
}
