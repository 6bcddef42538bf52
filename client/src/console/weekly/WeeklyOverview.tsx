import { useState } from 'react';
import { api, ApiError, call, type ResponseOf } from '../../shared/api.ts';
import { errorText } from '../../shared/error-text.ts';
import { t, useLang } from '../../shared/i18n.ts';
import { Link } from '../../shared/router.ts';
import { Card, ErrorNote, Loading } from '../ui.tsx';
import { useApi } from '../use-api.ts';
import { StatusChip } from './UnitWeeklyReport.tsx';
import { chinaTime, dayLabel } from './week-dates.ts';
import { STATUS_WORDS, type WeeklyStatus } from './weekly-words.ts';

type Overview = ResponseOf<(typeof api)['weekly-reports'][':week']['$get']>;
type Row = Overview['rows'][number];
type Channel = 'app' | 'sms';

const FILTERS: readonly (WeeklyStatus | 'all' | 'not_reported')[] = [
  'all',
  'not_reported',
  'missing',
  'draft',
  'late',
  'on_time',
];

/** The office's week: every unit that reports, its status and figures; reminders and the exports. */
export function WeeklyOverview({ week, admin }: { week: string; admin: boolean }) {
  const lang = useLang();
  const overview = useApi(() => api['weekly-reports'][':week'].$get({ param: { week } }), [week]);
  const [filter, setFilter] = useState<(typeof FILTERS)[number]>('all');
  const [note, setNote] = useState<string | null>(null);
  const [unreached, setUnreached] = useState<string[]>([]);
  const [error, setError] = useState<unknown>(null);
  if (overview.error) return <ErrorNote error={overview.error} />;
  const data = overview.data;
  if (!data) return <Loading />;

  const notReported = (row: Row) => row.status === 'missing' || row.status === 'draft';
  const rows = data.rows.filter((row) =>
    filter === 'all' ? true : filter === 'not_reported' ? notReported(row) : row.status === filter,
  );
  const unitName = new Map(data.rows.map((row) => [row.unit.id, t(lang, row.unit.name, row.unit.nameEn)]));
  const names = (ids: readonly number[]) => ids.map((id) => unitName.get(id) ?? `#${id}`);
  const remind = async (channel: Channel, unitIds?: number[]) => {
    setError(null);
    setNote(null);
    setUnreached([]);
    try {
      const result = await call(
        api['weekly-reports'][':week'].reminders.$post({ param: { week }, json: { channel, unitIds } }),
      );
      const count = result.reminded.length;
      setNote(
        channel === 'sms'
          ? t(lang, `已向${count}个单位的联络员发送短信提醒。`, `SMS reminder sent to the staff of ${count} units.`)
          : t(lang, `已向${count}个单位发送站内提醒。`, `In-app reminder sent to ${count} units.`),
      );
      const lines = [];
      if (result.noPhone.length > 0)
        lines.push(
          t(
            lang,
            `未登记联络员手机号，未发送短信（${result.noPhone.length}）：${names(result.noPhone).join('、')}`,
            `No staff mobile on file, no SMS sent (${result.noPhone.length}): ${names(result.noPhone).join(', ')}`,
          ),
        );
      if (result.failed.length > 0)
        lines.push(
          t(
            lang,
            `短信发送失败（${result.failed.length}）：${names(result.failed).join('、')}`,
            `SMS not delivered (${result.failed.length}): ${names(result.failed).join(', ')}`,
          ),
        );
      setUnreached(lines);
      overview.reload();
    } catch (e) {
      setError(e);
    }
  };
  // The shared words of sms_not_configured speak of access codes; here it is a reminder that did not go.
  const reminderError = (e: unknown) =>
    lang === 'zh' && e instanceof ApiError && e.code === 'sms_not_configured'
      ? '未配置短信网关（SMS_PROVIDER），短信未发送：请使用站内提醒，或联系系统管理员配置（见部署文档 docs/deploy.md）。'
      : errorText(lang, e);
  const filterWords = (f: (typeof FILTERS)[number]) =>
    f === 'all'
      ? t(lang, `全部 ${data.counts.units}`, `All ${data.counts.units}`)
      : f === 'not_reported'
        ? t(
            lang,
            `未报 ${data.counts.missing + data.counts.draft}`,
            `Not reported ${data.counts.missing + data.counts.draft}`,
          )
        : `${t(lang, ...STATUS_WORDS[f])} ${data.counts[f]}`;
  const missingCount = data.counts.missing + data.counts.draft;

  return (
    <Card
      title={t(lang, '各单位报送情况', 'Reports by unit')}
      actions={
        <>
          <a className="button-secondary" href={`/api/weekly-reports/${week}/export.docx`} download>
            {t(lang, '导出Word', 'Word')}
          </a>
          <a className="button-secondary" href={`/api/weekly-reports/${week}/export.xlsx`} download>
            {t(lang, '导出Excel', 'Excel')}
          </a>
        </>
      }
    >
      <p className="weekly-due">
        {t(lang, '报送截止：', 'Due: ')}
        <strong>
          {dayLabel(data.due.day, lang)} {chinaTime(data.due.at, lang).split(' ')[1]}
        </strong>
        {data.due.moved && (
          <span className="weekly-muted">{t(lang, '（遇节假日，截止日提前）', ' (moved for a holiday)')}</span>
        )}
        {data.pastDue && <span className="weekly-bad">{t(lang, ' · 已过截止时间', ' · past the deadline')}</span>}
      </p>
      <div className="weekly-filters" role="group" aria-label={t(lang, '按报送情况筛选', 'Filter by status')}>
        {FILTERS.map((f) => (
          <button
            key={f}
            type="button"
            className={`chip${filter === f ? ' active' : ''}`}
            aria-pressed={filter === f}
            onClick={() => setFilter(f)}
          >
            {filterWords(f)}
          </button>
        ))}
        {admin && (
          <>
            <button
              type="button"
              className="button-primary"
              disabled={missingCount === 0}
              onClick={() => remind('app')}
            >
              {t(lang, `一键提醒未报单位（${missingCount}）`, `Remind all not reported (${missingCount})`)}
            </button>
            <button
              type="button"
              className="button-secondary"
              disabled={missingCount === 0}
              onClick={() => remind('sms')}
            >
              {t(lang, `一键短信提醒（${missingCount}）`, `Remind all by SMS (${missingCount})`)}
            </button>
          </>
        )}
      </div>
      {note && <p className="notice notice-ok">{note}</p>}
      {unreached.length > 0 && (
        <p className="notice notice-warn" data-testid="sms-unreached">
          {unreached.map((line, i) => (
            <span key={i}>
              {i > 0 && <br />}
              {line}
            </span>
          ))}
        </p>
      )}
      {error ? (
        <p className="notice notice-warn" role="alert">
          {reminderError(error)}
        </p>
      ) : null}
      {rows.length === 0 ? (
        <p className="weekly-muted">{t(lang, '没有符合条件的单位。', 'No unit matches.')}</p>
      ) : (
        <div className="table-wrap">
          <table className="data weekly-table">
            <thead>
              <tr>
                <th>{t(lang, '单位', 'Unit')}</th>
                <th>{t(lang, '报送情况', 'Status')}</th>
                <th>{t(lang, '提交时间', 'Submitted')}</th>
                <th className="num">{t(lang, '新增', 'New')}</th>
                <th className="num">{t(lang, '销号', 'Closed')}</th>
                <th className="num">{t(lang, '逾期', 'Overdue')}</th>
                <th>{t(lang, '最近提醒', 'Last reminder')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.unit.id}>
                  <td data-label={t(lang, '单位', 'Unit')}>
                    <Link to={`/console/weekly/${week}?unit=${row.unit.id}`}>
                      {t(lang, row.unit.name, row.unit.nameEn)}
                    </Link>
                  </td>
                  <td data-label={t(lang, '报送情况', 'Status')}>
                    <StatusChip status={row.status} />
                    {row.onBehalf && <span className="weekly-muted">{t(lang, ' 代报', ' by office')}</span>}
                  </td>
                  <td data-label={t(lang, '提交时间', 'Submitted')}>{chinaTime(row.submittedAt, lang)}</td>
                  <td className="num" data-label={t(lang, '新增', 'New')}>
                    {row.figures?.created ?? '—'}
                  </td>
                  <td className="num" data-label={t(lang, '销号', 'Closed')}>
                    {row.figures?.closed ?? '—'}
                  </td>
                  <td
                    className={`num${(row.figures?.overdue ?? 0) > 0 ? ' weekly-bad' : ''}`}
                    data-label={t(lang, '逾期', 'Overdue')}
                  >
                    {row.figures?.overdue ?? '—'}
                  </td>
                  <td data-label={t(lang, '最近提醒', 'Last reminder')}>
                    {row.lastReminder ? `${chinaTime(row.lastReminder.sentAt, lang)} ×${row.reminders}` : '—'}
                  </td>
                  <td>
                    {admin && notReported(row) && (
                      <span className="row-actions">
                        <button type="button" className="link-button" onClick={() => remind('app', [row.unit.id])}>
                          {t(lang, '提醒', 'Remind')}
                        </button>
                        <button type="button" className="link-button" onClick={() => remind('sms', [row.unit.id])}>
                          {t(lang, '短信', 'SMS')}
                        </button>
                      </span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
