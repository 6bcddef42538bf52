import type { api, ResponseOf } from '../../shared/api.ts';
import { t, useLang } from '../../shared/i18n.ts';

/** A unit of the catalogue (GET /api/units). */
export type Unit = ResponseOf<typeof api.units.$get>['units'][number];

/** A unit category (GET /api/categories). */
export type Category = ResponseOf<typeof api.categories.$get>['categories'][number];

interface ScopeStepProps {
  units: Unit[];
  categories: Category[];
  unitIds: number[];
  unrankedCategoryIds: number[];
  onChange: (unitIds: number[], unrankedCategoryIds: number[]) => void;
}

/** Which units are rated, grouped by category, and which categories are rated but not ranked. */
export function ScopeStep({ units, categories, unitIds, unrankedCategoryIds, onChange }: ScopeStepProps) {
  const lang = useLang();
  const chosen = new Set(unitIds);
  const groups = [
    ...categories.map((c) => ({
      category: c as Category | null,
      units: units.filter((u) => u.active && u.categoryId === c.id),
    })),
    { category: null, units: units.filter((u) => u.active && u.categoryId === null && u.level === 'department') },
  ].filter((g) => g.units.length > 0);
  const toggle = (ids: number[], on: boolean) => {
    const next = new Set(chosen);
    for (const id of ids) {
      if (on) next.add(id);
      else next.delete(id);
    }
    onChange([...next], unrankedCategoryIds);
  };
  return (
    <div className="scope" data-testid="scope">
      <p className="muted">{t(lang, `已选 ${chosen.size} 个单位`, `${chosen.size} units chosen`)}</p>
      {groups.map(({ category, units: members }) => {
        const all = members.every((u) => chosen.has(u.id));
        const unranked = category ? unrankedCategoryIds.includes(category.id) : true;
        return (
          <fieldset key={category?.id ?? 'none'}>
            <legend>
              <label className="check">
                <input
                  type="checkbox"
                  checked={all}
                  onChange={(e) =>
                    toggle(
                      members.map((u) => u.id),
                      e.target.checked,
                    )
                  }
                />
                {category ? t(lang, category.name, category.nameEn) : t(lang, '未分类', 'No category')}
              </label>
              {category && (
                <label className="check muted">
                  <input
                    type="checkbox"
                    checked={!unranked}
                    onChange={(e) =>
                      onChange(
                        unitIds,
                        e.target.checked
                          ? unrankedCategoryIds.filter((id) => id !== category.id)
                          : [...unrankedCategoryIds, category.id],
                      )
                    }
                  />
                  {t(lang, '参与排名', 'ranked')}
                </label>
              )}
            </legend>
            <div className="unit-checks">
              {members.map((u) => (
                <label key={u.id} className="check">
                  <input
                    type="checkbox"
                    checked={chosen.has(u.id)}
                    onChange={(e) => toggle([u.id], e.target.checked)}
                  />
                  {t(lang, u.name, u.nameEn)}
                </label>
              ))}
            </div>
          </fieldset>
        );
      })}
    </div>
  );
}
