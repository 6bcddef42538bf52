import { useLang } from '../../shared/i18n.ts';
import { overdueText, stateText } from './problem-words.ts';

/** A problem's state as a chip: its colour helps, its words say it (colour is never the only cue). */
export function StateChip({ state }: { state: string }) {
  const lang = useLang();
  return <span className={`state-chip state-${state}`}>{stateText(lang, state)}</span>;
}

/** "逾期3个工作日" in red with a mark, or nothing when the problem is on time. */
export function OverdueNote({ overdue, workingDays }: { overdue: boolean; workingDays: number | null | undefined }) {
  const lang = useLang();
  const text = overdueText(lang, overdue, workingDays);
  if (!text) return null;
  return (
    <span className="overdue-note">
      <span aria-hidden="true">⚠ </span>
      {text}
    </span>
  );
}
