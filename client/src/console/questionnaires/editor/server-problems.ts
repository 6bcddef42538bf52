import { elementKeys, sectionsOf, type Definition } from './editor-model.ts';

/*
 * The server refuses a definition with one 422 (`invalid_definition`, `definition_too_large`) that names
 * every problem with its path, e.g. `pages[0] (name "rating").elements[3] (name "q4"): …`. When the
 * refusal carries `problems` (each with a path and a stable `code`), those are used; otherwise the lines
 * of its message are. Either way each problem is placed beside the question its path leads to.
 */

export interface ServerProblem {
  /** Where, as the server writes it; '' for the questionnaire as a whole. */
  readonly path: string;
  /** A stable code to word the problem in the UI's language; null when the server gave none. */
  readonly code: string | null;
  /** The server's own words, shown when the code is unknown or absent. */
  readonly message: string;
  /** What else the server sent with the problem (e.g. a count or a value), for wording it. */
  readonly params: Readonly<Record<string, unknown>>;
}

export interface PlacedProblem extends ServerProblem {
  /** The key of the element it concerns (editor-model.ts `elementKeys`), null for the whole questionnaire. */
  readonly element: string | null;
}

const SEGMENT = /^(?:[A-Za-z_$][\w$-]*|\[\d+\]|\.(?=[A-Za-z_$[])| \((?:name|value) (?:"(?:[^"\\]|\\.)*"|[\w.-]+)\))/;

/** Splits `path: message` where the path is written in the server's path grammar; otherwise no path. */
export function splitProblemLine(line: string): { path: string; message: string } {
  let rest = line;
  let path = '';
  for (let match = SEGMENT.exec(rest); match; match = SEGMENT.exec(rest)) {
    path += match[0];
    rest = rest.slice(match[0].length);
  }
  if (path !== '' && rest.startsWith(': ')) return { path, message: rest.slice(2) };
  return { path: '', message: line };
}

/** The problems in a refusal's message: one `- path: message` line each after the first. */
function problemsFromMessage(message: string): ServerProblem[] {
  const lines = message.split('\n');
  const listed = lines.filter((line) => line.startsWith('- ')).map((line) => line.slice(2));
  if (listed.length === 0) return [{ path: '', code: null, message, params: {} }];
  const more = lines.filter((line) => line.startsWith('… '));
  return [
    ...listed.map((line) => ({ ...splitProblemLine(line), code: null, params: {} })),
    ...more.map((line) => ({ path: '', code: null, message: line, params: {} })),
  ];
}

const isParams = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

function pathText(path: unknown): string {
  if (typeof path === 'string') return path;
  if (!Array.isArray(path)) return '';
  return path
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? String(part) : `.${String(part)}`))
    .join('');
}

/** Every problem of a refusal body (`{ error: { code, message, problems? } }`). */
export function problemsOfRefusal(body: unknown): ServerProblem[] {
  const error = (body as { error?: { message?: unknown; problems?: unknown } } | null)?.error;
  if (Array.isArray(error?.problems) && error.problems.length > 0) {
    return error.problems.map((entry: unknown) => {
      const { path, code, message, params, ...rest } = (entry ?? {}) as Record<string, unknown>;
      return {
        path: pathText(path),
        code: typeof code === 'string' ? code : null,
        message: typeof message === 'string' ? message : '',
        params: isParams(params) ? params : rest,
      };
    });
  }
  return typeof error?.message === 'string' ? problemsFromMessage(error.message) : [];
}

const ELEMENT_PATH =
  /^(?:pages\[(\d+)\](?: \(name "(?:[^"\\]|\\.)*"\))?\.)?elements\[(\d+)\](?: \(name "((?:[^"\\]|\\.)*)"\))?/;

/** Which top-level element (of a page, or of the survey) a path leads into. */
export function elementOfPath(path: string): { page: number | null; index: number; name: string | null } | null {
  const match = ELEMENT_PATH.exec(path);
  if (!match) return null;
  let name: string | null = null;
  if (match[3] !== undefined) {
    try {
      name = JSON.parse(`"${match[3]}"`) as string;
    } catch {
      name = null;
    }
  }
  return { page: match[1] === undefined ? null : Number(match[1]), index: Number(match[2]), name };
}

/**
 * Places each problem at the element it concerns in `definition` (the one that was sent): by the name in
 * its path, else by its place. Problems placed nowhere concern the questionnaire as a whole.
 */
export function placeProblems(definition: Definition, problems: readonly ServerProblem[]): PlacedProblem[] {
  const keyed = elementKeys(definition);
  const sections = sectionsOf(definition);
  return problems.map((problem) => {
    const at = elementOfPath(problem.path);
    if (!at) return { ...problem, element: null };
    const byName = at.name === null ? undefined : keyed.find((entry) => entry.key === `name:${at.name}`);
    const byPlace = keyed.find(({ ref }) => ref.index === at.index && sections[ref.section]?.page === at.page);
    return { ...problem, element: (byName ?? byPlace)?.key ?? null };
  });
}
