import { useState, type FormEvent } from 'react';
import { api, type RequestOf, type ResponseOf } from '../../shared/api.ts';
import { t, useLang } from '../../shared/i18n.ts';
import { Link } from '../../shared/router.ts';
import { Card, ErrorNote, Loading, Pager } from '../ui.tsx';
import { useApi } from '../use-api.ts';
import { LedgerImportPanel } from './import/LedgerImportPanel.tsx';
import { OverdueNote, StateChip } from './ProblemBits.tsx';
import { SOURCE_ORDER, sourceText, STATE_ORDER, stateText } from './problem-words.ts';

type ListQuery = NonNullable<RequestOf<typeof api.problems.$get>>['query'];
type ProblemRow = ResponseOf<typeof api.problems.$get>['problems'][number];

const PAGE_SIZE = 50;

interface Filters {
  unitId: string;
  state: string;
  source: string;
  typeId: string;
  overdue: boolean;
  q: string;
}

const NO_FILTERS: Filters = { unitId: '', state: '', source: '', typeId: '', overdue: false, q: '' };

/** The list's query for these filters: only what is set, as the API's query strings. */
function queryOf(filters: Filters, page: number, pageSize = PAGE_SIZE): ListQuery {
  const query: Record<string, string> = { page: String(page), pageSize: String(pageSize) };
  if (filters.unitId) query.unitId = filters.unitId;
  if (filters.state) query.state = filters.state;
  if (filters.source) query.source = filters.source;
  if (filters.typeId) query.typeId = filters.typeId;
  if (filters.overdue) query.overdue = 'true';
  if (filters.q.trim()) query.q = filters.q.trim();
  return query as ListQuery;
}

/**
 * 整改台账: every problem the signed-in user may see, with filters, counts per state and, for the office,
 * the queue of lists waiting for review (待审核). A table on a PC, one card per problem on a phone.
 */
export default function ProblemsPage({ me }: { me: { role: string; unitId: number | null } }) {
  const lang = useLang();
  const office = me.role === 'admin';
  const canCreate = me.role === 'admin' || me.role === 'unit_staff';
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [draftQ, setDraftQ] = useState('');
  const [page, setPage] = useState(1);
  const [importing, setImporting] = useState(false);
  const list = useApi(() => api.problems.$get({ query: queryOf(filters, page) }), [JSON.stringify(filters), page]);
  // Counted by the server under every filter but the state.
  const counts = list.data?.stateCounts;
  const units = useApi(me.role === 'unit_staff' ? null : () => api.units.$get(), []);
  const types = useApi(() => api['problem-types'].$get(), []);

  const set = (patch: Partial<Filters>) => {
    setFilters({ ...filters, ...patch });
    setPage(1);
  };
  const search = (event: FormEvent) => {
    event.preventDefault();
    set({ q: draftQ });
  };
  const queue = filters.state === 'submitted';
  const total = list.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));

  return (
    <>
      <Card
        title={t(lang, '整改台账', 'Rectification ledger')}
        actions={
          canCreate && (
            <>
              {office && (
                <button
                  type="button"
                  className="button-secondary"
                  aria-expanded={importing}
                  onClick={() => setImporting(!importing)}
                >
                  {t(lang, '从Excel导入台账', 'Import a ledger from Excel')}
                </button>
              )}
              <Link to="/console/problems/new" className="button-primary">
                {t(lang, '新增问题', 'Add a problem')}
              </Link>
            </>
          )
        }
      >
        {office && importing && <LedgerImportPanel onImported={list.reload} />}
        {office && (
          <div className="chart-switch" role="group" aria-label={t(lang, '视图', 'View')}>
            <button type="button" aria-pressed={!queue} onClick={() => set({ state: '' })}>
              {t(lang, '全部问题', 'All problems')}
            </button>
            <button type="button" aria-pressed={queue} onClick={() => set({ state: 'submitted' })}>
              {t(lang, '待审核', 'Waiting for review')}
              {counts ? t(lang, `（${counts.submitted ?? 0}）`, ` (${counts.submitted ?? 0})`) : ''}
            </button>
          </div>
        )}
        <ul className="problem-counts" aria-label={t(lang, '各状态问题数', 'Problems per state')}>
          {STATE_ORDER.map((state) => (
            <li key={state}>
              <button
                type="button"
                className={`problem-count${filters.state === state ? ' chosen' : ''}`}
                aria-pressed={filters.state === state}
                onClick={() => set({ state: filters.state === state ? '' : state })}
              >
                <StateChip state={state} />
                <strong data-testid={`count-${state}`}>{counts?.[state] ?? '…'}</strong>
              </button>
            </li>
          ))}
        </ul>
        <form className="inline-form problem-filters" onSubmit={search} role="search">
          {units.data && (
            <label>
              {t(lang, '责任单位', 'Unit')}
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
          )}
          <label>
            {t(lang, '状态', 'State')}
            <select name="state" value={filters.state} onChange={(e) => set({ state: e.target.value })}>
              <option value="">{t(lang, '全部状态', 'Every state')}</option>
              {STATE_ORDER.map((state) => (
                <option key={state} value={state}>
                  {stateText(lang, state)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t(lang, '来源', 'Source')}
            <select name="source" value={filters.source} onChange={(e) => set({ source: e.target.value })}>
              <option value="">{t(lang, '全部来源', 'Every source')}</option>
              {SOURCE_ORDER.map((source) => (
                <option key={source} value={source}>
                  {sourceText(lang, source)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t(lang, '问题类型', 'Type')}
            <select name="typeId" value={filters.typeId} onChange={(e) => set({ typeId: e.target.value })}>
              <option value="">{t(lang, '全部类型', 'Every type')}</option>
              {(types.data?.types ?? []).map((type) => (
                <option key={type.id} value={type.id}>
                  {t(lang, type.name, type.nameEn)}
                  {type.active ? '' : t(lang, '（已停用）', ' (inactive)')}
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
          <label>
            {t(lang, '搜索', 'Search')}
            <input
              type="search"
              name="q"
              value={draftQ}
              maxLength={100}
              placeholder={t(lang, '问题、内容或来源编号', 'Title, text or reference')}
              onChange={(e) => setDraftQ(e.target.value)}
            />
          </label>
          <button type="submit" className="button-secondary">
            {t(lang, '查询', 'Search')}
          </button>
          {(JSON.stringify(filters) !== JSON.stringify(NO_FILTERS) || draftQ) && (
            <button
              type="button"
              className="link-button"
              onClick={() => {
                setDraftQ('');
                set(NO_FILTERS);
              }}
            >
              {t(lang, '清除筛选', 'Clear filters')}
            </button>
          )}
        </form>
      </Card>
      <Card
        title={
          queue
            ? t(lang, `待审核的问题（${total}）`, `Waiting for review (${total})`)
            : t(lang, `问题清单（${total}）`, `Problems (${total})`)
        }
      >
        {list.error && <ErrorNote error={list.error} />}
        {!list.data && !list.error && <Loading />}
        {list.data && list.data.problems.length === 0 && (
          <p className="muted" data-testid="problems-empty">
            {t(lang, '没有符合条件的问题。', 'No problem matches.')}
          </p>
        )}
        {list.data && list.data.problems.length > 0 && (
          <ProblemTable rows={list.data.problems} offset={(page - 1) * PAGE_SIZE} />
        )}
        <Pager page={page} pages={pages} onPage={setPage} />
      </Card>
    </>
  );
}

/** The ledger's rows: the office's 台账 columns on a PC, one card per problem on a phone. */
function ProblemTable({ rows, offset }: { rows: readonly ProblemRow[]; offset: number }) {
  const lang = useLang();
  const typeName = (row: ProblemRow) => (row.type ? t(lang, row.type.name, row.type.nameEn) : '—');
  return (
    <>
      <div className="table-scroll problem-table-wrap">
        <table className="data problem-table" data-testid="problem-table">
          <thead>
            <tr>
              <th className="num">{t(lang, '序号', 'No.')}</th>
              <th>{t(lang, '责任单位', 'Unit')}</th>
              <th>{t(lang, '问题', 'Problem')}</th>
              <th>{t(lang, '来源', 'Source')}</th>
              <th>{t(lang, '类型', 'Type')}</th>
              <th>{t(lang, '责任领导', 'Leader')}</th>
              <th>{t(lang, '责任人', 'Owner')}</th>
              <th>{t(lang, '时限', 'Deadline')}</th>
              <th>{t(lang, '状态', 'State')}</th>
              <th>{t(lang, '逾期', 'Overdue')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => (
              <tr key={row.id} className={row.overdue ? 'overdue-row' : undefined}>
                <td className="num">{offset + i + 1}</td>
                <td>{t(lang, row.unit.name, row.unit.nameEn)}</td>
                <td className="problem-title">
                  <Link to={`/console/problems/${row.id}`}>{row.title}</Link>
                </td>
                <td className="nowrap">{sourceText(lang, row.source)}</td>
                <td>{typeName(row)}</td>
                <td>{row.leader ?? '—'}</td>
                <td>{row.owner ?? '—'}</td>
                <td className="nowrap">{row.deadline ?? '—'}</td>
                <td className="nowrap">
                  <StateChip state={row.state} />
                </td>
                <td className="nowrap">
                  <OverdueNote overdue={row.overdue} workingDays={row.overdueWorkingDays} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ol className="problem-cards" data-testid="problem-cards" start={offset + 1}>
        {rows.map((row) => (
          <li key={row.id} className={row.overdue ? 'problem-card overdue-row' : 'problem-card'}>
            <div className="problem-card-head">
              <Link to={`/console/problems/${row.id}`}>{row.title}</Link>
              <StateChip state={row.state} />
            </div>
            <dl className="problem-card-figures">
              <div>
                <dt>{t(lang, '责任单位', 'Unit')}</dt>
                <dd>{t(lang, row.unit.name, row.unit.nameEn)}</dd>
              </div>
              <div>
                <dt>{t(lang, '时限', 'Deadline')}</dt>
                <dd>
                  {row.deadline ?? '—'} <OverdueNote overdue={row.overdue} workingDays={row.overdueWorkingDays} />
                </dd>
              </div>
              <div>
                <dt>{t(lang, '来源', 'Source')}</dt>
                <dd>{sourceText(lang, row.source)}</dd>
              </div>
              <div>
                <dt>{t(lang, '责任人', 'Owner')}</dt>
                <dd>{row.owner ?? '—'}</dd>
              </div>
            </dl>
          </li>
        ))}
      </ol>
    </>
  );
}
