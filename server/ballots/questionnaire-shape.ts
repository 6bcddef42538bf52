/**
 * What a questionnaire lets a rater answer, as far as the quality flags need to know (flag-calibration.ts):
 * its scored questions, how many answers each allows (counted levels, 不了解, leaving an optional one out),
 * the unit matrices of a many-unit form, and the free-text questions. Read from the served definition
 * JSON, so the server and the bench (which has only the templates) compute the same shape. Pure.
 */

export interface ItemShape {
  /** The answer's key: a top-level question's name, or a matrix column's name inside each row. */
  readonly name: string;
  /** Distinct answers the item allows: its counted levels, 不了解, and "no answer" when optional. */
  readonly choices: number;
  readonly dontKnow: boolean;
  readonly optional: boolean;
}

export interface MatrixShape {
  readonly name: string;
  readonly columns: readonly ItemShape[];
}

export interface QuestionnaireShape {
  /** Scored questions outside a matrix, in the order the form shows them. */
  readonly items: readonly ItemShape[];
  /** Matrices with scored columns: one row per unit (or per sub-question). */
  readonly matrices: readonly MatrixShape[];
  /** Free-text questions (comments): what makes one ballot's answers unlike another's. */
  readonly freeText: readonly string[];
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  value !== null && typeof value === 'object' && !Array.isArray(value);
const arrayOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** How many answers a scored question or column allows; `inherited` are a matrix's shared choices. */
function itemOf(question: Json, inherited: unknown[] = []): ItemShape {
  const own = arrayOf(question['choices']).length > 0 ? arrayOf(question['choices']) : arrayOf(question['rateValues']);
  const choices = own.length > 0 ? own : inherited;
  const dontKnow = choices.some((choice) => isObject(choice) && choice['pyNotCounted'] === true);
  let levels = choices.length - (dontKnow ? 1 : 0);
  if (choices.length === 0) {
    if (question['type'] === 'boolean') levels = 2;
    else if (question['type'] === 'rating') {
      const count = Number(question['rateCount'] ?? 5);
      levels = Number.isFinite(count) && count > 0 ? count : 5;
    } else levels = 2;
  }
  const optional = question['isRequired'] !== true;
  return {
    name: String(question['name'] ?? ''),
    choices: Math.max(1, levels) + (dontKnow ? 1 : 0) + (optional ? 1 : 0),
    dontKnow,
    optional,
  };
}

function walk(elements: unknown[], shape: { items: ItemShape[]; matrices: MatrixShape[]; freeText: string[] }) {
  for (const element of elements) {
    if (!isObject(element)) continue;
    const type = element['type'];
    if (type === 'panel') {
      walk(arrayOf(element['elements']), shape);
    } else if (type === 'matrixdropdown' || type === 'matrixdynamic') {
      const inherited = arrayOf(element['choices']);
      const columns = arrayOf(element['columns'])
        .filter((column): column is Json => isObject(column) && column['pyScored'] === true)
        .map((column) => itemOf(column, inherited));
      if (columns.length > 0) shape.matrices.push({ name: String(element['name'] ?? ''), columns });
    } else if (element['pyScored'] === true) {
      shape.items.push(itemOf(element));
    } else if ((type === 'comment' || type === 'text') && element['pyProblemReport'] === undefined) {
      shape.freeText.push(String(element['name'] ?? ''));
    }
  }
}

const shapes = new WeakMap<object, QuestionnaireShape>();

/** The shape of a (served) questionnaire definition; computed once per definition object. */
export function questionnaireShapeOf(definition: object): QuestionnaireShape {
  const known = shapes.get(definition);
  if (known) return known;
  const shape = { items: [] as ItemShape[], matrices: [] as MatrixShape[], freeText: [] as string[] };
  for (const page of arrayOf((definition as Json)['pages'])) {
    if (isObject(page)) walk(arrayOf(page['elements']), shape);
  }
  shapes.set(definition, shape);
  return shape;
}

const answered = (value: unknown): boolean => value !== undefined && value !== null && value !== '';

/** One scored answer as the calibration sees it: the item's shape and the value given. */
export interface ScoredAnswer {
  readonly item: ItemShape;
  readonly value: unknown;
}

/**
 * A ballot's scored answers in form order, grouped by what they rate: one group for the questions
 * outside a matrix, then one per matrix row (a unit). 不了解 counts as an answer (it took a tap);
 * an optional question left out does not.
 */
export function scoredAnswersOf(shape: QuestionnaireShape, answers: Record<string, unknown>): ScoredAnswer[][] {
  const groups: ScoredAnswer[][] = [];
  const top = shape.items
    .filter((item) => answered(answers[item.name]))
    .map((item) => ({ item, value: answers[item.name] }));
  if (top.length > 0) groups.push(top);
  for (const matrix of shape.matrices) {
    const rows = answers[matrix.name];
    if (!isObject(rows)) continue;
    for (const key of Object.keys(rows).sort()) {
      const row = rows[key];
      if (!isObject(row)) continue;
      const cells = matrix.columns
        .filter((column) => answered(row[column.name]))
        .map((item) => ({ item, value: row[item.name] }));
      if (cells.length > 0) groups.push(cells);
    }
  }
  return groups;
}

/** The free-text answers a ballot wrote, trimmed, empty ones left out. */
export function freeTextOf(shape: QuestionnaireShape, answers: Record<string, unknown>): string[] {
  return shape.freeText
    .map((name) => answers[name])
    .filter((value): value is string => typeof value === 'string')
    .map((value) => value.trim())
    .filter((value) => value !== '');
}
