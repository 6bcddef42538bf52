import { useLang } from '../../shared/i18n.ts';
import type { DraftProblem, FieldKey } from './draft-problems.ts';
import { problemText } from './problem-text.ts';

function problemId(field: FieldKey): string {
  return `problem-${field}`;
}

/** The problems of one field, in the UI's language, to sit beside it; nothing when it has none. */
export function FieldProblems({
  problems,
  field,
  label,
}: {
  problems: readonly DraftProblem[];
  field: FieldKey;
  /** Names the field when the message does not sit right at it (a weight, below the row of weights). */
  label?: string;
}) {
  const lang = useLang();
  const here = problems.filter((problem) => problem.field === field);
  if (here.length === 0) return null;
  const text = here.map((problem) => problemText(lang, problem)).join(' ');
  return (
    <span className="form-error" id={problemId(field)} data-testid={problemId(field)}>
      {label ? `${label}${lang === 'zh' ? '：' : ': '}${text}` : text}
    </span>
  );
}

/** Marks an input that has a problem and ties it to the message, for screen readers. */
export function invalidProps(problems: readonly DraftProblem[], field: FieldKey) {
  return problems.some((problem) => problem.field === field)
    ? { 'aria-invalid': true, 'aria-describedby': problemId(field) }
    : {};
}
