// A leader or peer rates thirty units in one questionnaire: the served definition holds them as the rows
// of one unit matrix (`pyUnitRows`), whose answer is `{ "<unit id>": { "<item>": <grade> } }`. On a phone
// that is one page of 120 questions. This module presents the same definition one unit per page: each
// unit matrix is split into single-row copies, one page per unit, and the answers are folded back into
// the served shape before they are kept or sent, so the server validates exactly what it always did.

type Json = Record<string, unknown>;

/** One unit page: the unit it rates, as its row names it. */
export interface UnitPage {
  /** The row value as a key (the unit id). */
  readonly key: string;
  /** The row's text: a name, or `{ default, en }`. */
  readonly title: unknown;
}

export interface PagedDefinition {
  /** The definition to give survey-core: one page per unit, the rest on pages before and after. */
  readonly definition: Json;
  /** Unit pages by SurveyJS page name. */
  readonly unitPages: ReadonlyMap<string, UnitPage>;
  /**
   * Whether a unit page's required items are all answered, read from the data alone (survey-core's own
   * check of thirty pages takes longer than a tap); null where a condition decides what is required.
   */
  isRated(pageName: string, data: Json): boolean | null;
  /** Served answers → the paged model's data. */
  toPaged(answers: Json): Json;
  /** The paged model's data → the served answers (what drafts keep and the server validates). */
  fromPaged(data: Json): Json;
}

interface UnitMatrix {
  readonly name: string;
  readonly keys: readonly string[];
}

/** What one unit page asks of one matrix: its row, and the items (columns) that must be answered. */
interface RowRequirement {
  readonly question: string;
  readonly key: string;
  /** A single-choice matrix (`matrix`) asks one answer per row. */
  readonly single: boolean;
  readonly required: boolean;
  readonly items: readonly { name: string; required: boolean; conditional: boolean }[];
}

const CONDITIONS = ['visibleIf', 'enableIf', 'requiredIf'];

function requirementOf(matrix: Json, key: string): RowRequirement {
  const columns = Array.isArray(matrix['columns']) ? (matrix['columns'] as unknown[]).filter(isObject) : [];
  return {
    question: pagedName(matrix['name'] as string, key),
    key,
    single: matrix['type'] === 'matrix',
    required:
      matrix['isRequired'] === true || matrix['eachRowRequired'] === true || matrix['isAllRowRequired'] === true,
    items: columns.map((column) => ({
      name: String(column['name']),
      required: column['isRequired'] === true,
      conditional: CONDITIONS.some((condition) => condition in column) || column['visible'] === false,
    })),
  };
}

const isEmpty = (value: unknown) =>
  value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);

/** Whether the row has an answer, and whether one it requires is missing; null where conditions decide. */
function rowState(requirement: RowRequirement, data: Json): { answered: boolean; missing: boolean } | null {
  const slice = data[requirement.question];
  const row = isObject(slice) ? slice[requirement.key] : undefined;
  if (requirement.single) return { answered: !isEmpty(row), missing: requirement.required && isEmpty(row) };
  const cells = isObject(row) ? row : {};
  let answered = false;
  let missing = false;
  for (const item of requirement.items) {
    if (item.conditional) return null;
    const filled = !isEmpty(cells[item.name]);
    missing ||= item.required && !filled;
    answered ||= filled;
  }
  return { answered, missing: missing || (requirement.required && !answered) };
}

const isObject = (value: unknown): value is Json =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

const rowValue = (row: unknown): unknown => (isObject(row) ? row['value'] : row);
const rowTitle = (row: unknown): unknown => (isObject(row) ? (row['text'] ?? row['value']) : row);

function isUnitMatrix(element: Json): boolean {
  const type = element['type'];
  return (
    element['pyUnitRows'] === true &&
    (type === 'matrixdropdown' || type === 'matrix') &&
    Array.isArray(element['rows']) &&
    element['rows'].length > 1 &&
    typeof element['name'] === 'string'
  );
}

/** Every name in the definition (questions, panels, pages), to keep the copies' names unique. */
function namesIn(node: unknown, names: Set<string>): Set<string> {
  if (Array.isArray(node)) for (const child of node) namesIn(child, names);
  else if (isObject(node)) {
    if (typeof node['name'] === 'string') names.add(node['name']);
    for (const value of Object.values(node)) namesIn(value, names);
  }
  return names;
}

/** Whether any expression names the matrix (`{units.12.overall}`): splitting it would break them. */
function isReferenced(node: unknown, name: string): boolean {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const reference = new RegExp(`\\{\\s*${escaped}\\s*[.\\[}-]`);
  const visit = (value: unknown): boolean => {
    if (typeof value === 'string') return reference.test(value);
    if (Array.isArray(value)) return value.some(visit);
    if (isObject(value)) return Object.values(value).some(visit);
    return false;
  };
  return visit(node);
}

export const pagedName = (matrix: string, key: string): string => `${matrix}__unit_${key}`;

/** A copy of the matrix that holds one row: its answer is `{ "<key>": … }`, a slice of the matrix's. */
function singleRowCopy(matrix: Json, row: unknown, key: string, alone: boolean): Json {
  const copy: Json = { ...structuredClone(matrix), name: pagedName(matrix['name'] as string, key), rows: [row] };
  // One matrix on the page: the unit's name heads the page, so the matrix's own title would repeat it.
  if (alone) copy['titleLocation'] = 'hidden';
  return copy;
}

/** The elements of one page, split into pages before, one per unit, and after. */
function splitPage(
  page: Json,
  matrices: UnitMatrix[],
  unitPages: Map<string, UnitPage>,
  requirements: Map<string, RowRequirement[]>,
): Json[] {
  const elements = (page['elements'] ?? page['questions']) as Json[];
  const units = elements.filter(isUnitMatrix);
  if (units.length === 0) return [page];
  const first = elements.indexOf(units[0]!);
  const before = elements.slice(0, first).filter((e) => !isUnitMatrix(e));
  const after = elements.slice(first).filter((e) => !isUnitMatrix(e));
  const pageProps: Json = { ...page };
  delete pageProps['elements'];
  delete pageProps['questions'];
  const conditions = Object.fromEntries(
    ['visibleIf', 'visible', 'readOnly', 'enableIf'].filter((p) => p in page).map((p) => [p, page[p]]),
  );
  const pageName = String(page['name'] ?? 'page');
  const pages: Json[] = [];
  if (before.length > 0) pages.push({ ...pageProps, name: `${pageName}__before`, elements: before });
  // Units in the order of their first row; a unit rated by two matrices gets both on its page.
  const order = new Map<string, { title: unknown; copies: Json[]; requirements: RowRequirement[] }>();
  for (const matrix of units) {
    const keys: string[] = [];
    for (const row of matrix['rows'] as unknown[]) {
      const key = String(rowValue(row));
      keys.push(key);
      const unit = order.get(key) ?? { title: rowTitle(row), copies: [], requirements: [] };
      unit.copies.push(singleRowCopy(matrix, row, key, units.length === 1));
      unit.requirements.push(requirementOf(matrix, key));
      order.set(key, unit);
    }
    matrices.push({ name: matrix['name'] as string, keys });
  }
  for (const [key, unit] of order) {
    const name = `${pageName}__unit_${key}`;
    unitPages.set(name, { key, title: unit.title });
    requirements.set(name, unit.requirements);
    pages.push({ ...conditions, name, elements: unit.copies });
  }
  if (after.length > 0) pages.push({ ...conditions, name: `${pageName}__after`, elements: after });
  return pages;
}

function pageable(definition: Json): Json[] | null {
  const mode = definition['questionsOnPageMode'];
  if (mode !== undefined && mode !== 'standard') return null;
  const pages = Array.isArray(definition['pages'])
    ? (definition['pages'] as unknown[])
    : Array.isArray(definition['elements'])
      ? [{ name: 'page1', elements: definition['elements'] }]
      : null;
  if (pages === null || !pages.every((p) => isObject(p) && Array.isArray(p['elements'] ?? p['questions']))) return null;
  return pages as Json[];
}

/**
 * The definition one unit per page, or null when it has no unit matrix to split, or one that cannot be
 * split without changing what the answers mean (an expression reads it, or it has a comment area).
 */
export function pageByUnit(served: Json): PagedDefinition | null {
  const pages = pageable(served);
  if (pages === null) return null;
  const unitMatrices = pages.flatMap((p) => ((p['elements'] ?? p['questions']) as Json[]).filter(isUnitMatrix));
  if (unitMatrices.length === 0) return null;
  const names = namesIn(served, new Set());
  for (const matrix of unitMatrices) {
    const name = matrix['name'] as string;
    if (matrix['showCommentArea'] === true || matrix['hasComment'] === true) return null;
    if (isReferenced(served, name)) return null;
    const keys = (matrix['rows'] as unknown[]).map((row) => String(rowValue(row)));
    if (new Set(keys).size !== keys.length) return null;
    if (keys.some((key) => names.has(pagedName(name, key)))) return null;
  }
  const matrices: UnitMatrix[] = [];
  const unitPages = new Map<string, UnitPage>();
  const requirements = new Map<string, RowRequirement[]>();
  const definition: Json = { ...served, pages: pages.flatMap((p) => splitPage(p, matrices, unitPages, requirements)) };
  delete definition['elements'];
  return {
    definition,
    unitPages,
    isRated(pageName, data) {
      let answered = false;
      for (const requirement of requirements.get(pageName) ?? []) {
        const state = rowState(requirement, data);
        if (state === null) return null;
        if (state.missing) return false;
        answered ||= state.answered;
      }
      return answered;
    },
    toPaged(answers) {
      const data: Json = { ...answers };
      for (const { name, keys } of matrices) {
        const value = data[name];
        delete data[name];
        if (!isObject(value)) continue;
        for (const key of keys) if (value[key] !== undefined) data[pagedName(name, key)] = { [key]: value[key] };
      }
      return data;
    },
    fromPaged(data) {
      const answers: Json = { ...data };
      for (const { name, keys } of matrices) {
        const merged: Json = {};
        for (const key of keys) {
          const slice = answers[pagedName(name, key)];
          delete answers[pagedName(name, key)];
          if (isObject(slice) && slice[key] !== undefined) merged[key] = slice[key];
        }
        if (Object.keys(merged).length > 0) answers[name] = merged;
      }
      return answers;
    },
  };
}
