import { t, type Lang } from '../../shared/i18n.ts';
import type { QualityFlag } from '../../../../server/ballots/quality-flags.ts';
import { FLAG_LABEL } from '../../shared/labels.ts';

/** What the office narrows the review list to; '' means any. */
export interface ReviewFilterState {
  status: 'all' | 'unreviewed';
  flag: string;
  unitId: string;
  /** Received on or after this day (YYYY-MM-DD, the office's time zone). */
  from: string;
  /** Received on or before this day. */
  to: string;
}

export const NO_FILTER: ReviewFilterState = { status: 'unreviewed', flag: '', unitId: '', from: '', to: '' };

const startOfDay = (day: string, plusDays = 0): string => {
  const at = new Date(`${day}T00:00`);
  at.setDate(at.getDate() + plusDays);
  return at.toISOString();
};

/** The filter as the server takes it (server/ballots/review-filter.ts): only what is set. */
export function serverFilter(state: ReviewFilterState) {
  return {
    status: state.status,
    ...(state.flag ? { flag: state.flag as QualityFlag } : {}),
    ...(state.unitId ? { unitId: Number(state.unitId) } : {}),
    ...(state.from ? { receivedFrom: startOfDay(state.from) } : {}),
    ...(state.to ? { receivedBefore: startOfDay(state.to, 1) } : {}),
  };
}

/** The same filter as the list's query string. */
export function filterQuery(state: ReviewFilterState) {
  const { status, unitId, ...rest } = serverFilter(state);
  return { filter: status, ...rest, ...(unitId === undefined ? {} : { unitId: String(unitId) }) };
}

export function isNarrowed(state: ReviewFilterState): boolean {
  return Boolean(state.flag || state.unitId || state.from || state.to);
}

/** The review list's filters: flag kind, unit, received days; "show reviewed" lives in the card's header. */
export function ReviewFilterBar(props: {
  lang: Lang;
  value: ReviewFilterState;
  units: ReadonlyArray<{ id: number; name: string }>;
  onChange: (next: ReviewFilterState) => void;
}) {
  const { lang, value, onChange } = props;
  const set = (patch: Partial<ReviewFilterState>) => onChange({ ...value, ...patch });
  return (
    <fieldset className="inline-form review-filter" data-testid="review-filter">
      <legend className="sr-only">{t(lang, '筛选', 'Filter')}</legend>
      <label>
        {t(lang, '标记原因', 'Flag')}
        <select name="flag" value={value.flag} onChange={(e) => set({ flag: e.target.value })}>
          <option value="">{t(lang, '全部', 'Any')}</option>
          {Object.entries(FLAG_LABEL).map(([flag, label]) => (
            <option key={flag} value={flag}>
              {t(lang, ...label)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t(lang, '被评单位', 'Unit')}
        <select name="unitId" value={value.unitId} onChange={(e) => set({ unitId: e.target.value })}>
          <option value="">{t(lang, '全部', 'Any')}</option>
          {props.units.map((unit) => (
            <option key={unit.id} value={String(unit.id)}>
              {unit.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t(lang, '收到日期 从', 'Received from')}
        <input type="date" name="from" value={value.from} onChange={(e) => set({ from: e.target.value })} />
      </label>
      <label>
        {t(lang, '至', 'to')}
        <input type="date" name="to" value={value.to} onChange={(e) => set({ to: e.target.value })} />
      </label>
      {isNarrowed(value) && (
        <button type="button" className="link-button" onClick={() => onChange({ ...NO_FILTER, status: value.status })}>
          {t(lang, '清除筛选', 'Clear filter')}
        </button>
      )}
    </fieldset>
  );
}
