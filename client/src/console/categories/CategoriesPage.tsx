import { useState, type FormEvent } from 'react';
import { api, ApiError, call, type ResponseOf } from '../../shared/api.ts';
import { t, useLang, type Lang } from '../../shared/i18n.ts';
import { Link } from '../../shared/router.ts';
import { Card, ErrorNote, Loading } from '../ui.tsx';
import { useApi } from '../use-api.ts';

type Category = ResponseOf<typeof api.categories.$get>['categories'][number];
type Usage = ResponseOf<typeof api.categories.usage.$get>['usage'][number];

const UNUSED: Omit<Usage, 'categoryId'> = { units: 0, campaigns: 0 };

/** Why a category in use cannot go, with what to do about each use, in the page's language. */
function inUseText(lang: Lang, category: Category, usage: Omit<Usage, 'categoryId'>): string {
  const name = t(lang, category.name, category.nameEn);
  const parts: string[] = [];
  if (usage.units > 0)
    parts.push(
      t(
        lang,
        `仍有 ${usage.units} 个单位属于该类别（请先在“单位管理”中把它们改到其他类别）`,
        `${usage.units} unit(s) still belong to it (move them to another category under Units first)`,
      ),
    );
  if (usage.campaigns > 0)
    parts.push(
      t(
        lang,
        `${usage.campaigns} 个评议活动记录了该类别（须保留，供其结果使用）`,
        `${usage.campaigns} campaign(s) recorded it for their units (it stays, for their results)`,
      ),
    );
  const why = parts.join(t(lang, '；', '; '));
  return t(lang, `“${name}”不能删除：${why}。`, `"${name}" cannot be deleted: ${why}.`);
}

/** The unit categories (单位类别): add, rename in both languages, choose whether ranked, delete unused ones. */
export default function CategoriesPage() {
  const lang = useLang();
  const categories = useApi(() => api.categories.$get(), []);
  const usage = useApi(() => api.categories.usage.$get(), []);
  const [editing, setEditing] = useState<number | 'new' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [refusal, setRefusal] = useState<string | null>(null);

  if (!categories.data || !usage.data)
    return categories.error || usage.error ? <ErrorNote error={categories.error ?? usage.error} /> : <Loading />;
  const usageOf = new Map(usage.data.usage.map((u) => [u.categoryId, u]));
  const reload = () => {
    categories.reload();
    usage.reload();
  };

  const remove = async (category: Category) => {
    setError(null);
    setRefusal(null);
    const uses = usageOf.get(category.id) ?? UNUSED;
    if (uses.units > 0 || uses.campaigns > 0) {
      // The server refuses it too; say why at once, with what to do.
      setRefusal(inUseText(lang, category, uses));
      return;
    }
    const name = t(lang, category.name, category.nameEn);
    if (!window.confirm(t(lang, `删除类别“${name}”？`, `Delete the category "${name}"?`))) return;
    try {
      await call(api.categories[':id'].$delete({ param: { id: String(category.id) } }));
      reload();
    } catch (e) {
      // Someone put it to use since the page loaded: reload the counts and explain with them.
      if (e instanceof ApiError && e.code === 'category_in_use') {
        const fresh = await call(api.categories.usage.$get()).catch(() => null);
        const now = fresh?.usage.find((u) => u.categoryId === category.id);
        setRefusal(now ? inUseText(lang, category, now) : null);
        if (!now) setError(e);
        usage.reload();
      } else setError(e);
    }
  };

  const list = categories.data.categories;
  return (
    <Card
      title={t(lang, `单位类别（${list.length}）`, `Unit categories (${list.length})`)}
      actions={
        <button type="button" className="button-secondary" onClick={() => setEditing('new')}>
          {t(lang, '新增类别', 'Add a category')}
        </button>
      }
    >
      <p className="muted">
        {t(
          lang,
          '单位在其类别内排名（如党群部门、政府部门、窗口单位）；不参与排名的类别只评分、定等次。评议活动可逐次调整是否排名。',
          'Units are ranked within their category (party bodies, government departments, service windows …); a category that is not ranked is scored and graded only. Each campaign can change whether a category is ranked.',
        )}
      </p>
      {editing === 'new' && (
        <CategoryForm
          category={null}
          onSaved={() => {
            setEditing(null);
            reload();
          }}
          onCancel={() => setEditing(null)}
        />
      )}
      {refusal && (
        <p className="notice notice-warn" role="alert" data-testid="category-refusal">
          {refusal} <Link to="/console/units">{t(lang, '前往单位管理', 'Go to Units')}</Link>
        </p>
      )}
      <ErrorNote error={error} />
      <div className="table-scroll">
        <table className="data categories-table" data-testid="categories">
          <thead>
            <tr>
              <th>{t(lang, '类别名称', 'Name')}</th>
              <th>{t(lang, '英文名称', 'English name')}</th>
              <th>{t(lang, '编码', 'Code')}</th>
              <th>{t(lang, '参与排名', 'Ranked')}</th>
              <th className="num">{t(lang, '单位数', 'Units')}</th>
              <th className="num">{t(lang, '评议活动', 'Campaigns')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {list.map((category) =>
              editing === category.id ? (
                <tr key={category.id}>
                  <td colSpan={7}>
                    <CategoryForm
                      category={category}
                      onSaved={() => {
                        setEditing(null);
                        reload();
                      }}
                      onCancel={() => setEditing(null)}
                    />
                  </td>
                </tr>
              ) : (
                <tr key={category.id}>
                  <td>{category.name}</td>
                  <td>{category.nameEn || '—'}</td>
                  <td>{category.code}</td>
                  <td>{category.ranked ? t(lang, '是', 'Yes') : t(lang, '否（只评分）', 'No (scored only)')}</td>
                  <td className="num">{(usageOf.get(category.id) ?? UNUSED).units}</td>
                  <td className="num">{(usageOf.get(category.id) ?? UNUSED).campaigns}</td>
                  <td className="nowrap">
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => {
                        setRefusal(null);
                        setEditing(category.id);
                      }}
                    >
                      {t(lang, '编辑', 'Edit')}
                    </button>
                    <button type="button" className="link-button danger" onClick={() => remove(category)}>
                      {t(lang, '删除', 'Delete')}
                    </button>
                  </td>
                </tr>
              ),
            )}
          </tbody>
        </table>
      </div>
    </Card>
  );
}

/** Adds a category, or renames one (Chinese and English) and sets whether it is ranked; the code never changes. */
function CategoryForm({
  category,
  onSaved,
  onCancel,
}: {
  category: Category | null;
  onSaved: () => void;
  onCancel: () => void;
}) {
  const lang = useLang();
  const [form, setForm] = useState({
    code: category?.code ?? '',
    name: category?.name ?? '',
    nameEn: category?.nameEn ?? '',
    ranked: category?.ranked ?? true,
  });
  const [error, setError] = useState<unknown>(null);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      const { code, ...fields } = form;
      if (category) await call(api.categories[':id'].$patch({ param: { id: String(category.id) }, json: fields }));
      else await call(api.categories.$post({ json: { code, ...fields } }));
      onSaved();
    } catch (e) {
      setError(e);
    }
  };

  return (
    <form className="inline-form category-form" onSubmit={save} data-testid="category-form">
      {category ? (
        <span className="muted">
          {t(lang, '编码', 'Code')} {category.code}
        </span>
      ) : (
        <label>
          {t(lang, '类别编码', 'Code')}
          <input
            name="code"
            value={form.code}
            maxLength={40}
            pattern="[A-Za-z0-9][A-Za-z0-9._\-]*"
            title={t(lang, '字母、数字、点、下划线或连字符', 'Letters, digits, ".", "_" or "-"')}
            onChange={(e) => setForm({ ...form, code: e.target.value })}
            required
          />
        </label>
      )}
      <label>
        {t(lang, '类别名称', 'Name')}
        <input
          name="name"
          value={form.name}
          maxLength={100}
          onChange={(e) => setForm({ ...form, name: e.target.value })}
          required
        />
      </label>
      <label>
        {t(lang, '英文名称', 'English name')}
        <input
          name="nameEn"
          value={form.nameEn}
          maxLength={200}
          onChange={(e) => setForm({ ...form, nameEn: e.target.value })}
        />
      </label>
      <label className="check">
        <input
          type="checkbox"
          name="ranked"
          checked={form.ranked}
          onChange={(e) => setForm({ ...form, ranked: e.target.checked })}
        />
        {t(lang, '参与排名', 'Ranked')}
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
