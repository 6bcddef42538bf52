import { useState } from 'react';
import { t, useLang } from '../../shared/i18n.ts';
import { Link, usePath } from '../../shared/router.ts';
import { api } from '../../shared/api.ts';
import { Card } from '../ui.tsx';
import { useApi } from '../use-api.ts';
import { UnitWeeklyReport, StatusChip } from './UnitWeeklyReport.tsx';
import { addDays, currentWeek, mondayOf, weekLabel } from './week-dates.ts';
import { WeeklyOverview } from './WeeklyOverview.tsx';

/**
 * 每周五上报: unit staff see their unit's report of the week and their last weeks; the office and leaders
 * see every unit's status, and open a unit's report with ?unit={id}.
 */
export default function WeeklyReportsPage({
  me,
  week,
}: {
  me: { role: string; unitId: number | null };
  week: string | null;
}) {
  const path = usePath();
  const lang = useLang();
  const now = currentWeek();
  // A day that is not a Monday names its week; a week to come is the current one.
  const shown = week ? (mondayOf(week) > now ? now : mondayOf(week)) : now;
  const unitParam = Number(new URLSearchParams(path.split('?')[1] ?? '').get('unit'));
  const staff = me.role === 'unit_staff';
  const unitId = staff ? me.unitId : unitParam > 0 ? unitParam : null;
  const query = unitId && !staff ? `?unit=${unitId}` : '';
  // Bumped when the report is saved or submitted, so that the list of weeks shows its new status.
  const [changes, setChanges] = useState(0);
  return (
    <>
      <nav className="weekly-picker" aria-label={t(lang, '选择周次', 'Choose the week')}>
        <Link to={`/console/weekly/${addDays(shown, -7)}${query}`} className="button-secondary">
          {t(lang, '← 上一周', '← Previous')}
        </Link>
        <strong>{weekLabel(shown, lang)}</strong>
        {shown < now ? (
          <Link to={`/console/weekly/${addDays(shown, 7)}${query}`} className="button-secondary">
            {t(lang, '下一周 →', 'Next →')}
          </Link>
        ) : (
          <span className="weekly-muted">{t(lang, '本周', 'This week')}</span>
        )}
      </nav>
      {!staff && unitId && (
        <p>
          <Link to={`/console/weekly/${shown}`}>{t(lang, '← 返回各单位报送情况', '← Back to all units')}</Link>
        </p>
      )}
      {unitId ? (
        <UnitWeeklyReport week={shown} unitId={unitId} onChange={() => setChanges((n) => n + 1)} />
      ) : staff ? (
        <p className="notice notice-warn">{t(lang, '您的账号未关联单位。', 'Your account has no unit.')}</p>
      ) : (
        <WeeklyOverview week={shown} admin={me.role === 'admin'} />
      )}
      {unitId && <UnitWeeks unitId={unitId} query={query} changes={changes} />}
    </>
  );
}

function UnitWeeks({ unitId, query, changes }: { unitId: number; query: string; changes: number }) {
  const lang = useLang();
  const history = useApi(
    () => api.units[':unitId']['weekly-reports'].$get({ param: { unitId: String(unitId) } }),
    [unitId, changes],
  );
  if (!history.data) return null;
  return (
    <Card title={t(lang, '近期各周', 'Recent weeks')}>
      <ul className="weekly-weeks">
        {history.data.weeks.map((w) => (
          <li key={w.week}>
            <Link to={`/console/weekly/${w.week}${query}`}>{weekLabel(w.week, lang)}</Link>{' '}
            <StatusChip status={w.status} />
          </li>
        ))}
      </ul>
    </Card>
  );
}
