import { useState, type FormEvent } from 'react';
import { api, call, type ResponseOf } from '../../shared/api.ts';
import { t, useLang } from '../../shared/i18n.ts';
import { Card, ErrorNote, Loading } from '../ui.tsx';
import { useApi } from '../use-api.ts';
import { ProblemTypesEditor } from './ProblemTypesEditor.tsx';
import { SOURCE_ORDER, sourceText } from './problem-words.ts';
import { dayList, dayListText, WEEKDAYS } from './settings-form.ts';

type SettingsView = ResponseOf<typeof api.rectification.settings.$get>;
type Settings = SettingsView['settings'];

/**
 * 整改设置 (the office): the problem types, the default deadline in working days per source, the days a
 * unit has to answer its inbox, the weekly report's deadline, and corrections to the official calendar,
 * with a warning for the years the calendar package does not know yet.
 */
export default function RectificationSettingsPage() {
  const lang = useLang();
  const view = useApi(() => api.rectification.settings.$get(), []);
  if (view.error) return <ErrorNote error={view.error} />;
  if (!view.data) return <Loading />;
  return (
    <>
      {view.data.calendarWarnings.length > 0 && (
        <p className="notice notice-warn" role="alert" data-testid="calendar-warning">
          {t(
            lang,
            `日历组件尚未收录 ${view.data.calendarWarnings.join('、')} 年的法定节假日和调休安排：国务院办公厅公布后，请更新系统，或在下方“日历更正”中录入放假日和调休上班日，否则工作日时限将只按周末计算。`,
            `The calendar package does not know the official holidays of ${view.data.calendarWarnings.join(', ')} yet: once the State Council publishes them, update the system or enter the days off and adjusted working days under "Calendar corrections" below; until then working days count weekends only.`,
          )}
        </p>
      )}
      <Card title={t(lang, '问题类型', 'Problem types')}>
        <ProblemTypesEditor />
      </Card>
      <Card title={t(lang, '时限与日历', 'Deadlines and calendar')}>
        <SettingsForm key={JSON.stringify(view.data.settings)} settings={view.data.settings} onSaved={view.reload} />
      </Card>
    </>
  );
}

function SettingsForm({ settings, onSaved }: { settings: Settings; onSaved: () => void }) {
  const lang = useLang();
  const [form, setForm] = useState<Settings>(settings);
  const [holidays, setHolidays] = useState(dayListText(settings.calendar.holidays));
  const [workdays, setWorkdays] = useState(dayListText(settings.calendar.workdays));
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const holidayDays = dayList(holidays);
  const workdayDays = dayList(workdays);
  const wrong = [...holidayDays.wrong, ...workdayDays.wrong];

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setSaved(false);
    if (wrong.length > 0) return;
    try {
      await call(
        api.rectification.settings.$put({
          json: { ...form, calendar: { holidays: holidayDays.days, workdays: workdayDays.days } },
        }),
      );
      setSaved(true);
      onSaved();
    } catch (e) {
      setError(e);
    }
  };
  const number = (value: string) => Math.max(1, Math.min(250, Math.round(Number(value) || 1)));

  return (
    <form onSubmit={save} className="rect-settings" data-testid="rect-settings">
      <fieldset>
        <legend>{t(lang, '各来源默认整改时限（工作日）', 'Default deadline per source (working days)')}</legend>
        <div className="form-grid">
          {SOURCE_ORDER.map((source) => (
            <label key={source}>
              {sourceText(lang, source)}
              <input
                type="number"
                name={`deadline-${source}`}
                min={1}
                max={250}
                required
                value={form.deadlineDays[source]}
                onChange={(e) =>
                  setForm({ ...form, deadlineDays: { ...form.deadlineDays, [source]: number(e.target.value) } })
                }
              />
            </label>
          ))}
        </div>
        <p className="muted small">
          {t(
            lang,
            '新问题未填时限时，从创建之日起按此工作日数计算（好差评差评一般为5个工作日，各地5–15个工作日）。已有问题的时限不变。',
            'A new problem without a deadline gets this many working days from the day it is created (a bad review: usually 5; 5–15 by locality). Existing deadlines do not change.',
          )}
        </p>
      </fieldset>
      <fieldset>
        <legend>{t(lang, '问题反映与每周报告', 'Inbox and weekly reports')}</legend>
        <div className="form-grid">
          <label>
            {t(lang, '问题反映答复时限（工作日）', 'Days to answer an inbox item (working days)')}
            <input
              type="number"
              name="inboxAnswerDays"
              min={1}
              max={250}
              required
              value={form.inboxAnswerDays}
              onChange={(e) => setForm({ ...form, inboxAnswerDays: number(e.target.value) })}
            />
          </label>
          <label>
            {t(lang, '每周报告截止日', 'Weekly report due on')}
            <select
              name="weeklyWeekday"
              value={form.weeklyDeadline.weekday}
              onChange={(e) =>
                setForm({ ...form, weeklyDeadline: { ...form.weeklyDeadline, weekday: Number(e.target.value) } })
              }
            >
              {WEEKDAYS.map(([day, zh, en]) => (
                <option key={day} value={day}>
                  {t(lang, zh, en)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t(lang, '截止时间（北京时间）', 'Due by (China time)')}
            <input
              type="time"
              name="weeklyTime"
              required
              value={form.weeklyDeadline.time}
              onChange={(e) => setForm({ ...form, weeklyDeadline: { ...form.weeklyDeadline, time: e.target.value } })}
            />
          </label>
        </div>
      </fieldset>
      <fieldset>
        <legend>{t(lang, '日历更正', 'Calendar corrections')}</legend>
        <p className="muted small">
          {t(
            lang,
            '系统按国务院办公厅公布的法定节假日和调休安排计算工作日。组件尚未收录的安排或本地放假，请在此录入，每行一个日期（如 2027-01-01）。',
            'Working days follow the official holidays and adjusted working days. Enter what the package does not know, or a local day off, one day per line (e.g. 2027-01-01).',
          )}
        </p>
        <div className="form-grid">
          <label>
            {t(lang, '放假日（不计为工作日）', 'Days off (not working days)')}
            <textarea
              name="holidays"
              rows={5}
              value={holidays}
              aria-invalid={holidayDays.wrong.length > 0}
              onChange={(e) => setHolidays(e.target.value)}
            />
          </label>
          <label>
            {t(lang, '调休上班日（计为工作日）', 'Adjusted working days (count as working days)')}
            <textarea
              name="workdays"
              rows={5}
              value={workdays}
              aria-invalid={workdayDays.wrong.length > 0}
              onChange={(e) => setWorkdays(e.target.value)}
            />
          </label>
        </div>
        {wrong.length > 0 && (
          <p className="form-error" role="alert">
            {t(
              lang,
              `以下不是有效日期，请按“年-月-日”填写：${wrong.join('、')}`,
              `Not a valid day (write YYYY-MM-DD): ${wrong.join(', ')}`,
            )}
          </p>
        )}
      </fieldset>
      <ErrorNote error={error} />
      {saved && (
        <p className="notice notice-ok" role="status">
          {t(lang, '设置已保存，对此后新建的问题生效。', 'Saved: it applies to problems created from now on.')}
        </p>
      )}
      <button type="submit" className="button-primary" disabled={wrong.length > 0}>
        {t(lang, '保存设置', 'Save the settings')}
      </button>
    </form>
  );
}
