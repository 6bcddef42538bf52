import type { api, ResponseOf } from '../shared/api.ts';
import { t, type Lang } from '../shared/i18n.ts';

export type Figures = ResponseOf<(typeof api.public.ledger)['$get']>['totals'];

/** The figure names, in the order the ledger shows them. */
export const FIGURE_WORDS: ReadonlyArray<[keyof Figures, string, string]> = [
  ['listed', '已备案', 'Filed'],
  ['inProgress', '整改中', 'In progress'],
  ['closed', '已销号', 'Closed'],
  ['closedOnTime', '按期销号', 'Closed on time'],
  ['overdue', '逾期未完成', 'Overdue'],
  ['explained', '解释说明', 'Explained'],
];

/** A row of figures, as a description list: each number under its name. */
export function FigureStrip({ lang, figures, label }: { lang: Lang; figures: Figures; label: string }) {
  return (
    <dl className="ledger-figures" aria-label={label}>
      {FIGURE_WORDS.map(([key, zh, en]) => (
        <div key={key} className={key === 'overdue' && figures.overdue > 0 ? 'ledger-figure-warn' : undefined}>
          <dt>{t(lang, zh, en)}</dt>
          <dd>{figures[key]}</dd>
        </div>
      ))}
    </dl>
  );
}
