/**
 * Stable machine-readable reasons an answer is refused; the message adds the human detail in English. The
 * respondent's page words each code in its own language (client/src/shared/problem-text.ts).
 */
export const ANSWER_ERROR_CODES = [
  'not_an_object',
  'unknown_key',
  'required',
  'wrong_type',
  'not_allowed',
  'too_long',
  'too_many',
  'too_few',
  'out_of_range',
  'bad_format',
  'duplicate',
  'validator_failed',
] as const;

export type AnswerErrorCode = (typeof ANSWER_ERROR_CODES)[number];

export interface AnswerError {
  /** The top-level question name (or the unknown key) the error is about. */
  readonly question: string;
  readonly code: AnswerErrorCode;
  /** English, names the question and, in matrices and dynamic panels, the row/column/panel. */
  readonly message: string;
}

export interface Rating {
  readonly unitId: number;
  readonly item: string;
  readonly points: number;
}

/** The values an expression sees: answers, calculated values and, nested, `row` / `panel`. */
export type ScopeValues = Record<string, unknown>;

/** Built lazily: most questions have no condition, and building a scope copies the answers. */
export type Scope = () => ScopeValues;

export interface Condition {
  readonly source: string;
  holds(scope: Scope): boolean;
}

export interface Computation {
  readonly source: string;
  compute(scope: Scope): unknown;
}

/** Where a value sits, for messages: question "units", row "12", column "attitude". */
export class Place {
  // Built for every checked value but read only when something is wrong, so the text is lazy.
  private constructor(
    readonly question: string,
    private readonly parent: Place | null,
    private readonly kind: string,
    private readonly key: string | number,
  ) {}

  static question(name: string): Place {
    return new Place(name, null, 'Question', name);
  }

  child(kind: string, key: string | number): Place {
    return new Place(this.question, this, kind, key);
  }

  get description(): string {
    const own = `${this.kind} ${JSON.stringify(String(this.key))}`;
    return this.parent ? `${this.parent.description}, ${own}` : own;
  }
}

export interface Report {
  (place: Place, code: AnswerErrorCode, detail: string): void;
}

/** Emits one scored answer; `unitId` undefined means "the questionnaire's target unit". */
export type EmitRating = (unitId: number | undefined, item: string, points: number) => void;

/** A compiled question: everything needed to check its answer, built once per definition. */
export interface Field {
  readonly name: string;
  /** Own and enclosing panels'/page's conditions; a static `visible: false` compiles to `false`. */
  readonly visibleIf: readonly Condition[];
  readonly hidden: boolean;
  readonly enableIf: readonly Condition[];
  readonly readOnly: boolean;
  readonly isRequired: boolean;
  readonly requiredIf: Condition | null;
  /** Expression questions: the client's value is ignored and this recomputes it. */
  readonly computed: Computation | null;
  /** Drops the parts of a value that are hidden; returns the same reference if nothing changed. */
  prune(value: unknown, scope: Scope): unknown;
  /** Reports what is wrong with a non-empty value. */
  check(value: unknown, scope: Scope, place: Place, report: Report): void;
  /** Companion answers (an "Other" text) live only while their owner's answer needs them. */
  keepWhen?(group: Readonly<Record<string, unknown>>): boolean;
  requiredWhen?(group: Readonly<Record<string, unknown>>): boolean;
  /** Emits the ratings a valid, pruned value carries (scored questions only). */
  score?(value: unknown, emit: EmitRating): void;
}
