import { useState } from 'react';
import type { api, ResponseOf } from '../../shared/api.ts';
import { t, useLang, type Lang } from '../../shared/i18n.ts';
import { UNIT_LEVEL_LABEL } from '../../shared/labels.ts';

/** A unit of the catalogue (GET /api/units). */
export type Unit = ResponseOf<typeof api.units.$get>['units'][number];

/** A unit category (GET /api/categories). */
export type Category = ResponseOf<typeof api.categories.$get>['categories'][number];

type Level = Unit['level'];

interface ScopeStepProps {
  units: Unit[];
  categories: Category[];
  unitIds: number[];
  unrankedCategoryIds: number[];
  onChange: (unitIds: number[], unrankedCategoryIds: number[]) => void;
}

/**
 * Which units are rated — by category, or by place in the unit tree (a county with its whole subtree,
 * narrowed by category and level) — and which categories are rated but not ranked. Either way the scope
 * is the list of unit ids the server takes (PUT /api/campaigns/{id}/units); only active units can be in it.
 */
export function ScopeStep({ units, categories, unitIds, unrankedCategoryIds, onChange }: ScopeStepProps) {
  const lang = useLang();
  const [mode, setMode] = useState<'category' | 'tree'>('category');
  const chosen = new Set(unitIds);
  const toggle = (ids: readonly number[], on: boolean) => {
    const next = new Set(chosen);
    for (const id of ids) {
      if (on) next.add(id);
      else next.delete(id);
    }
    onChange([...next], unrankedCategoryIds);
  };
  const setRanked = (categoryId: number, ranked: boolean) =>
    onChange(
      unitIds,
      ranked ? unrankedCategoryIds.filter((id) => id !== categoryId) : [...unrankedCategoryIds, categoryId],
    );
  const props = { units: units.filter((u) => u.active), categories, chosen, unrankedCategoryIds, toggle, setRanked };
  return (
    <div className="scope" data-testid="scope">
      <div className="scope-head">
        <p className="muted" data-testid="scope-count">
          {t(lang, `已选 ${chosen.size} 个单位`, `${chosen.size} units chosen`)}
        </p>
        <div className="scope-modes" role="group" aria-label={t(lang, '选择方式', 'Choose by')}>
          {(['category', 'tree'] as const).map((m) => (
            <button
              key={m}
              type="button"
              className={mode === m ? 'scope-mode active' : 'scope-mode'}
              aria-pressed={mode === m}
              onClick={() => setMode(m)}
            >
              {m === 'category'
                ? t(lang, '按类别', 'By category')
                : t(lang, '按地区（单位树）', 'By place (unit tree)')}
            </button>
          ))}
        </div>
      </div>
      {mode === 'category' ? <ByCategory {...props} /> : <ByTree {...props} />}
    </div>
  );
}

interface ViewProps {
  units: Unit[];
  categories: Category[];
  chosen: ReadonlySet<number>;
  unrankedCategoryIds: number[];
  toggle: (ids: readonly number[], on: boolean) => void;
  setRanked: (categoryId: number, ranked: boolean) => void;
}

function RankedCheck({ category, props }: { category: Category; props: ViewProps }) {
  const lang = useLang();
  return (
    <label className="check muted">
      <input
        type="checkbox"
        checked={!props.unrankedCategoryIds.includes(category.id)}
        onChange={(e) => props.setRanked(category.id, e.target.checked)}
      />
      {t(lang, '参与排名', 'ranked')}
    </label>
  );
}

/** One box per category, each unit ticked on its own or the whole category at once. */
function ByCategory(props: ViewProps) {
  const lang = useLang();
  const { units, categories, chosen, toggle } = props;
  const groups = [
    ...categories.map((c) => ({ category: c as Category | null, units: units.filter((u) => u.categoryId === c.id) })),
    { category: null, units: units.filter((u) => u.categoryId === null && u.level === 'department') },
  ].filter((g) => g.units.length > 0);
  return (
    <>
      {groups.map(({ category, units: members }) => (
        <fieldset key={category?.id ?? 'none'}>
          <legend>
            <label className="check">
              <input
                type="checkbox"
                checked={members.every((u) => chosen.has(u.id))}
                onChange={(e) =>
                  toggle(
                    members.map((u) => u.id),
                    e.target.checked,
                  )
                }
              />
              {category ? t(lang, category.name, category.nameEn) : t(lang, '未分类', 'No category')}
            </label>
            {category && <RankedCheck category={category} props={props} />}
          </legend>
          <div className="unit-checks">
            {members.map((u) => (
              <label key={u.id} className="check">
                <input type="checkbox" checked={chosen.has(u.id)} onChange={(e) => toggle([u.id], e.target.checked)} />
                {t(lang, u.name, u.nameEn)}
              </label>
            ))}
          </div>
        </fieldset>
      ))}
    </>
  );
}

/** 'none': units without a category. */
type CategoryFilter = number | 'all' | 'none';

interface TreeNode {
  unit: Unit;
  children: TreeNode[];
  /** Units of this subtree (itself included) that pass the filters. */
  matching: number[];
}

function buildTree(units: readonly Unit[], passes: (u: Unit) => boolean): TreeNode[] {
  const known = new Set(units.map((u) => u.id));
  const childrenOf = new Map<number | null, Unit[]>();
  for (const u of units) {
    // A unit whose parent is not listed (deactivated) heads a tree of its own.
    const parent = u.parentId !== null && known.has(u.parentId) ? u.parentId : null;
    childrenOf.set(parent, [...(childrenOf.get(parent) ?? []), u]);
  }
  const build = (unit: Unit): TreeNode => {
    const children = (childrenOf.get(unit.id) ?? []).map(build).filter((c) => c.matching.length > 0);
    const matching = [...(passes(unit) ? [unit.id] : []), ...children.flatMap((c) => c.matching)];
    return { unit, children, matching };
  };
  return (childrenOf.get(null) ?? []).map(build).filter((n) => n.matching.length > 0);
}

const LEVELS = Object.keys(UNIT_LEVEL_LABEL) as Level[];

/** The unit tree: ticking a county takes its whole subtree, as far as the category and level filters let it. */
function ByTree(props: ViewProps) {
  const lang = useLang();
  const { units, categories, chosen, toggle } = props;
  const [category, setCategory] = useState<CategoryFilter>('all');
  const [level, setLevel] = useState<Level | 'all'>('all');
  const passes = (u: Unit) =>
    (category === 'all' || (category === 'none' ? u.categoryId === null : u.categoryId === category)) &&
    (level === 'all' || u.level === level);
  const roots = buildTree(units, passes);
  const matching = roots.flatMap((r) => r.matching);
  const inScope = categories.filter((c) => units.some((u) => u.categoryId === c.id && chosen.has(u.id)));
  return (
    <div className="scope-tree-view">
      <div className="inline-form scope-filters">
        <label>
          {t(lang, '类别', 'Category')}
          <select
            name="scopeCategory"
            value={String(category)}
            onChange={(e) =>
              setCategory(/^\d+$/.test(e.target.value) ? Number(e.target.value) : (e.target.value as 'all'))
            }
          >
            <option value="all">{t(lang, '全部类别', 'All categories')}</option>
            {categories.map((c) => (
              <option key={c.id} value={c.id}>
                {t(lang, c.name, c.nameEn)}
              </option>
            ))}
            <option value="none">{t(lang, '未分类', 'No category')}</option>
          </select>
        </label>
        <label>
          {t(lang, '层级', 'Level')}
          <select name="scopeLevel" value={level} onChange={(e) => setLevel(e.target.value as Level | 'all')}>
            <option value="all">{t(lang, '全部层级', 'All levels')}</option>
            {LEVELS.map((l) => (
              <option key={l} value={l}>
                {t(lang, ...UNIT_LEVEL_LABEL[l])}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="button-secondary" onClick={() => toggle(matching, true)}>
          {t(lang, `全选（${matching.length}）`, `Select all (${matching.length})`)}
        </button>
        <button type="button" className="button-secondary" onClick={() => toggle(matching, false)}>
          {t(lang, '全不选', 'Select none')}
        </button>
      </div>
      <p className="muted small">
        {t(
          lang,
          '勾选一个县（区）或上级单位，即选中其下全部单位（含其本身），只限符合上面类别和层级的单位；括号内为已选数/可选数。',
          'Ticking a county or any parent unit takes its whole subtree (itself included), limited to the units that pass the category and level above; the figures are chosen / available.',
        )}
      </p>
      {roots.length === 0 ? (
        <p className="muted">{t(lang, '没有符合条件的单位。', 'No unit passes these filters.')}</p>
      ) : (
        <ul className="scope-tree">
          {roots.map((node) => (
            <TreeRow key={node.unit.id} node={node} depth={0} chosen={chosen} toggle={toggle} lang={lang} />
          ))}
        </ul>
      )}
      {inScope.length > 0 && (
        <fieldset className="scope-ranked">
          <legend>{t(lang, '范围内的类别', 'Categories in scope')}</legend>
          {inScope.map((c) => (
            <div key={c.id} className="scope-ranked-row">
              <span>{t(lang, c.name, c.nameEn)}</span>
              <RankedCheck category={c} props={props} />
            </div>
          ))}
        </fieldset>
      )}
    </div>
  );
}

function TreeRow({
  node,
  depth,
  chosen,
  toggle,
  lang,
}: {
  node: TreeNode;
  depth: number;
  chosen: ReadonlySet<number>;
  toggle: (ids: readonly number[], on: boolean) => void;
  lang: Lang;
}) {
  // Cities and counties start open; townships and below start folded.
  const [open, setOpen] = useState(depth < 1 || node.unit.level === 'county');
  const picked = node.matching.filter((id) => chosen.has(id)).length;
  const all = picked === node.matching.length;
  const name = t(lang, node.unit.name, node.unit.nameEn);
  const hasChildren = node.children.length > 0;
  return (
    <li>
      <div className="scope-node">
        {hasChildren ? (
          <button
            type="button"
            className="scope-fold"
            aria-expanded={open}
            aria-label={open ? t(lang, `收起${name}`, `Fold ${name}`) : t(lang, `展开${name}`, `Unfold ${name}`)}
            onClick={() => setOpen(!open)}
          >
            {open ? '▾' : '▸'}
          </button>
        ) : (
          <span className="scope-fold" aria-hidden="true" />
        )}
        <label className="check">
          <input
            type="checkbox"
            checked={all}
            ref={(el) => {
              if (el) el.indeterminate = picked > 0 && !all;
            }}
            onChange={(e) => toggle(node.matching, e.target.checked)}
          />
          {name}
        </label>
        <span className="scope-level">{t(lang, ...UNIT_LEVEL_LABEL[node.unit.level])}</span>
        {hasChildren && (
          <span className="scope-tally" data-testid={`subtree-count-${node.unit.code}`}>
            {t(lang, `（${picked}/${node.matching.length}）`, `(${picked}/${node.matching.length})`)}
          </span>
        )}
      </div>
      {hasChildren && open && (
        <ul>
          {node.children.map((child) => (
            <TreeRow key={child.unit.id} node={child} depth={depth + 1} chosen={chosen} toggle={toggle} lang={lang} />
          ))}
        </ul>
      )}
    </li>
  );
}
