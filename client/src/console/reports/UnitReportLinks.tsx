import type { RankedCategory, RankedUnit } from '../../results/results-types.ts';
import { t, useLang } from '../../shared/i18n.ts';
import { Link } from '../../shared/router.ts';

/** The console address of a unit's report (ConsoleApp's /reports/{slug}/{unitId}). */
export const unitReportPath = (slug: string, unitId: number) => `/console/reports/${slug}/${unitId}`;

/** Every unit's own report, by category: the office may open any of them once the results are published. */
export function UnitReportLinks({
  slug,
  categories,
  units,
}: {
  slug: string;
  categories: RankedCategory[];
  units: RankedUnit[];
}) {
  const lang = useLang();
  return (
    <nav className="unit-report-links" aria-label={t(lang, '单位评议报告', 'Unit reports')} data-testid="unit-reports">
      <h3>{t(lang, '单位评议报告', 'Unit reports')}</h3>
      {categories.map((category) => {
        const members = units.filter((unit) => unit.categoryKey === category.key);
        if (members.length === 0) return null;
        return (
          <div key={category.key}>
            <h4>{t(lang, category.name, category.nameEn)}</h4>
            <ul>
              {members.map((unit) => (
                <li key={unit.unitId}>
                  <Link to={unitReportPath(slug, unit.unitId)}>{t(lang, unit.name, unit.nameEn)}</Link>
                </li>
              ))}
            </ul>
          </div>
        );
      })}
    </nav>
  );
}
