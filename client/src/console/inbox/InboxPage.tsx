import { useEffect, useRef, useState } from 'react';
import type { InboxStatus } from '../../../../server/db/schema.ts';
import { api, type RequestOf, type ResponseOf } from '../../shared/api.ts';
import { t, useLang } from '../../shared/i18n.ts';
import { Link } from '../../shared/router.ts';
import { StateChip } from '../problems/ProblemBits.tsx';
import { Card, ErrorNote, Loading, Pager } from '../ui.tsx';
import { useApi } from '../use-api.ts';
import { AnswerForms, OfficeDecision } from './InboxAnswers.tsx';
import { InboxVisit } from './InboxVisit.tsx';
import { STATUS_ORDER, statusText } from './inbox-words.ts';

type ListQuery = NonNullable<RequestOf<typeof api.inbox.$get>>['query'];
export type InboxList = ResponseOf<typeof api.inbox.$get>;
export type InboxItem = InboxList['items'][number];

const PAGE_SIZE = 30;

interface Filters {
  unitId: string;
  status: '' | InboxStatus;
  overdue: boolean;
}

const NO_FILTERS: Filters = { unitId: '', status: '', overdue: false };

function queryOf(filters: Filters, page: number): ListQuery {
  const query: Record<string, string> = { page: String(page), pageSize: String(PAGE_SIZE) };
  if (filters.unitId) query.unitId = filters.unitId;
  if (filters.status) query.status = filters.status;
  if (filters.overdue) query.overdue = 'true';
  return query as ListQuery;
}

/**
 * 问题反映: what recipients reported with their ballots, for the rated unit to answer within the office's
 * working days (decision 017). Unit staff see their own unit's items, open ones first; the office sees every
 * unit's, with filters, counts per status and the rejection requests to decide; leaders read.
 */
export default function InboxPage({ me }: { me: { role: string; unitId: number | null } }) {
  const lang = useLang();
  const office = me.role === 'admin';
  const unitStaff = me.role === 'unit_staff';
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [page, setPage] = useState(1);
  const [notice, setNotice] = useState<{ text: string; n: number } | null>(null);
  const noticeRef = useRef<HTMLParagraphElement>(null);
  // An answered item moves below the open ones: bring the confirmation into view instead.
  useEffect(() => {
    if (notice) noticeRef.current?.scrollIntoView({ block: 'center' });
  }, [notice]);
  const list = useApi(() => api.inbox.$get({ query: queryOf(filters, page) }), [JSON.stringify(filters), page]);
  const units = useApi(unitStaff ? null : () => api.units.$get(), []);

  const set = (patch: Partial<Filters>) => {
    setFilters({ ...filters, ...patch });
    setPage(1);
    setNotice(null);
  };
  const done = (message: string) => {
    setNotice({ text: message, n: (notice?.n ?? 0) + 1 });
    list.reload();
  };
  const counts = list.data?.counts;
  const total = list.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const waiting = counts?.rejection_requested ?? 0;

  return (
    <>
      <Card title={t(lang, '群众反映的问题', 'Problems reported by service recipients')}>
        <p className="muted inbox-intro">
          {unitStaff
            ? t(
                lang,
                '服务对象在评议时反映的本单位问题。每一条都要在期限内答复：纳入整改台账、并入已有问题、解释说明，或申请评议办驳回。',
                'Problems service recipients reported about your unit when rating it. Answer each one by its due day: accept it into the ledger, merge it with a problem, explain, or ask the office to reject it.',
              )
            : t(
                lang,
                '服务对象在评议时反映的问题，由被评议单位在期限内答复；评议办决定驳回申请。',
                'Problems service recipients reported when rating; the rated unit answers each by its due day, and the office decides rejection requests.',
              )}
        </p>
        {office && (
          <div className="chart-switch" role="group" aria-label={t(lang, '视图', 'View')}>
            <button
              type="button"
              aria-pressed={filters.status === '' && !filters.overdue}
              onClick={() => set({ status: '' })}
            >
              {t(lang, '全部', 'Everything')}
            </button>
            <button
              type="button"
              aria-pressed={filters.status === 'rejection_requested'}
              onClick={() => set({ status: 'rejection_requested', overdue: false })}
              data-testid="inbox-decide"
            >
              {t(lang, `待决定的驳回申请（${waiting}）`, `Rejection requests to decide (${waiting})`)}
            </button>
          </div>
        )}
        <ul className="inbox-counts" aria-label={t(lang, '各状态数量', 'Items per status')}>
          {STATUS_ORDER.map((status) => (
            <li key={status}>
              <button
                type="button"
                className={`inbox-count${filters.status === status ? ' chosen' : ''}`}
                aria-pressed={filters.status === status}
                onClick={() => set({ status: filters.status === status ? '' : status, overdue: false })}
              >
                <span className={`inbox-status inbox-status-${status}`}>{statusText(lang, status)}</span>
                <strong data-testid={`inbox-count-${status}`}>{counts ? counts[status] : '…'}</strong>
              </button>
            </li>
          ))}
          <li>
            <button
              type="button"
              className={`inbox-count${filters.overdue ? ' chosen' : ''}`}
              aria-pressed={filters.overdue}
              onClick={() => set({ overdue: !filters.overdue, status: '' })}
            >
              <span className="inbox-status inbox-status-overdue">{t(lang, '逾期未答复', 'Overdue')}</span>
              <strong data-testid="inbox-count-overdue">{counts ? counts.overdue : '…'}</strong>
            </button>
          </li>
        </ul>
        {units.data && (
          <form className="inline-form inbox-filters" role="search" onSubmit={(e) => e.preventDefault()}>
            <label>
              {t(lang, '被评议单位', 'Unit')}
              <select name="unitId" value={filters.unitId} onChange={(e) => set({ unitId: e.target.value })}>
                <option value="">{t(lang, '全部单位', 'All units')}</option>
                {units.data.units
                  .filter((u) => u.active)
                  .map((u) => (
                    <option key={u.id} value={u.id}>
                      {t(lang, u.name, u.nameEn)}
                    </option>
                  ))}
              </select>
            </label>
            <label>
              {t(lang, '状态', 'Status')}
              <select
                name="status"
                value={filters.status}
                onChange={(e) => set({ status: e.target.value as Filters['status'] })}
              >
                <option value="">{t(lang, '全部状态', 'Every status')}</option>
                {STATUS_ORDER.map((status) => (
                  <option key={status} value={status}>
                    {statusText(lang, status)}
                  </option>
                ))}
              </select>
            </label>
            <label className="check">
              <input
                type="checkbox"
                name="overdue"
                checked={filters.overdue}
                onChange={(e) => set({ overdue: e.target.checked })}
              />
              {t(lang, '只看逾期', 'Overdue only')}
            </label>
            {JSON.stringify(filters) !== JSON.stringify(NO_FILTERS) && (
              <button type="button" className="link-button" onClick={() => set(NO_FILTERS)}>
                {t(lang, '清除筛选', 'Clear filters')}
              </button>
            )}
          </form>
        )}
      </Card>
      <Card title={t(lang, `问题反映（${total}）`, `Reports (${total})`)}>
        {notice && (
          <p className="notice notice-ok" role="status" ref={noticeRef}>
            {notice.text}
          </p>
        )}
        {list.error && <ErrorNote error={list.error} />}
        {!list.data && !list.error && <Loading />}
        {list.data && list.data.items.length === 0 && (
          <p className="muted" data-testid="inbox-empty">
            {filters.status || filters.overdue || filters.unitId
              ? t(lang, '没有符合条件的问题反映。', 'No report matches.')
              : t(lang, '还没有收到问题反映。', 'No problem has been reported yet.')}
          </p>
        )}
        {list.data && list.data.items.length > 0 && (
          <ol className="inbox-items" data-testid="inbox-items">
            {list.data.items.map((item) => (
              <InboxCard key={item.id} item={item} list={list.data!} me={me} showUnit={!unitStaff} onDone={done} />
            ))}
          </ol>
        )}
        <Pager page={page} pages={pages} onPage={setPage} />
      </Card>
    </>
  );
}

function InboxCard({
  item,
  list,
  me,
  showUnit,
  onDone,
}: {
  item: InboxItem;
  list: InboxList;
  me: { role: string; unitId: number | null };
  showUnit: boolean;
  onDone: (message: string) => void;
}) {
  const lang = useLang();
  const canAnswer = me.role === 'admin' || (me.role === 'unit_staff' && me.unitId === item.unit.id);
  const classes = ['inbox-item', `inbox-item-${item.status}`, item.overdue ? 'overdue-row' : ''].filter(Boolean);
  return (
    <li className={classes.join(' ')} data-testid="inbox-item" data-status={item.status}>
      <div className="inbox-item-head">
        <span className={`inbox-status inbox-status-${item.status}`}>{statusText(lang, item.status)}</span>
        {showUnit && <strong className="inbox-unit">{t(lang, item.unit.name, item.unit.nameEn)}</strong>}
        <span className="inbox-days">
          <span>
            {t(lang, '收到', 'Received')} {item.receivedOn ?? '—'}
          </span>
          {item.status === 'open' && (
            <span className={item.overdue ? 'inbox-due overdue-note' : 'inbox-due'}>
              {item.overdue && <span aria-hidden="true">⚠ </span>}
              {item.overdue
                ? t(lang, `已逾期（应于 ${item.dueOn} 前答复）`, `Overdue (answer was due by ${item.dueOn})`)
                : t(lang, `请于 ${item.dueOn ?? '—'} 前答复`, `Answer by ${item.dueOn ?? '—'}`)}
            </span>
          )}
        </span>
      </div>
      <blockquote className="inbox-text">{item.description}</blockquote>
      <dl className="inbox-meta">
        {item.campaign ? (
          <div>
            <dt>{t(lang, '评议活动', 'Campaign')}</dt>
            <dd>{t(lang, item.campaign.name, item.campaign.nameEn)}</dd>
          </div>
        ) : (
          <div>
            <dt>{t(lang, '来源', 'Source')}</dt>
            <dd>{t(lang, '走访转交', 'Transferred from a visit')}</dd>
          </div>
        )}
        {item.source === 'visit' && <InboxVisit itemId={item.id} />}
        <div>
          <dt>{t(lang, '联系电话', 'Contact')}</dt>
          <dd>
            {item.contact ? (
              <a href={`tel:${item.contact.replace(/[^0-9+]/g, '')}`}>{item.contact}</a>
            ) : (
              <span className="muted">{t(lang, '未留', 'None left')}</span>
            )}
          </dd>
        </div>
        {item.problem && (
          <div>
            <dt>{t(lang, '台账问题', 'Ledger problem')}</dt>
            <dd>
              <Link to={`/console/problems/${item.problem.id}`}>{item.problem.title}</Link>{' '}
              <StateChip state={item.problem.state} />
            </dd>
          </div>
        )}
        {item.answer && (
          <div className="inbox-answer">
            <dt>
              {item.status === 'explained'
                ? t(lang, '解释说明', 'Explanation')
                : t(lang, '驳回理由', 'Reason to reject')}
            </dt>
            <dd>{item.answer}</dd>
          </div>
        )}
      </dl>
      {canAnswer && item.status === 'open' && (
        <AnswerForms item={item} suggestedDeadline={list.suggestedDeadline} onDone={onDone} />
      )}
      {me.role === 'admin' && (item.status === 'rejection_requested' || item.status === 'rejected') && (
        <OfficeDecision item={item} onDone={onDone} />
      )}
    </li>
  );
}
