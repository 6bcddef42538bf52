import { api } from '../../shared/api.ts';
import { t, useLang } from '../../shared/i18n.ts';
import { Link } from '../../shared/router.ts';
import { useApi } from '../use-api.ts';
import { weekLabel } from './week-dates.ts';

/** For unit staff, on every console page: the office has reminded the unit of a weekly report it has not submitted. */
export function WeeklyReminderBanner() {
  const lang = useLang();
  const mine = useApi(() => api['weekly-reports'].reminders.mine.$get(), [], 5 * 60_000);
  const reminders = mine.data?.reminders ?? [];
  if (reminders.length === 0) return null;
  return (
    <div className="weekly-banner" role="status">
      {reminders.map((r) => (
        <p key={r.week}>
          {t(lang, '评议办提醒：', 'Reminder from the office: ')}
          <Link to={`/console/weekly/${r.week}`}>
            {t(
              lang,
              `${weekLabel(r.week, lang)}的整改进展周报尚未提交`,
              `the weekly report of ${weekLabel(r.week, lang)} is not submitted`,
            )}
          </Link>
        </p>
      ))}
    </div>
  );
}
