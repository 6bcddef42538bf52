import type { ClientResponse } from 'hono/client';
import type { RaterType } from '../../../../../scoring/rater-type.ts';
import { api, ApiError, call, type ResponseOf, type Success } from '../../../shared/api.ts';
import type { Definition } from './editor-model.ts';
import { problemsOfRefusal, type ServerProblem } from './server-problems.ts';

/** One stored questionnaire version, as the server describes it. */
export type QuestionnaireDetail = ResponseOf<(typeof api.questionnaires)[':id']['$get']>;

/** The server refused the definition: its error, and every problem it named. */
export class DefinitionRefused extends Error {
  constructor(
    readonly error: ApiError,
    readonly problems: readonly ServerProblem[],
  ) {
    super(error.message);
  }
}

const DEFINITION_CODES = new Set(['invalid_definition', 'definition_too_large', 'title_required']);

/** `call`, but a refusal of the definition keeps its problems (read from a copy of the answer). */
async function callKeepingProblems<R extends ClientResponse<unknown, number, string>>(
  request: Promise<R>,
): Promise<Success<R>> {
  const response = await request.catch(() => null);
  if (response === null) return call(request);
  const body: unknown = response.ok
    ? null
    : await response
        .clone()
        .json()
        .catch(() => null);
  try {
    return await call(Promise.resolve(response));
  } catch (error) {
    if (error instanceof ApiError && DEFINITION_CODES.has(error.code))
      throw new DefinitionRefused(error, problemsOfRefusal(body));
    throw error;
  }
}

export interface Saved {
  readonly detail: QuestionnaireDetail;
  /** The version edited was in use by a started campaign, so the edit became the family's next version. */
  readonly newVersion: boolean;
}

/**
 * Creates the questionnaire (no id yet) or saves the edit of a version. The server decides whether an
 * edit is made in place or becomes a new version (decision 007); the answer says which.
 */
export async function saveQuestionnaire(
  id: number | null,
  raterType: RaterType,
  definition: Definition,
  title: string | undefined,
): Promise<Saved> {
  if (id === null) {
    const detail = await callKeepingProblems(api.questionnaires.$post({ json: { definition, raterType, title } }));
    return { detail, newVersion: false };
  }
  const edited = await callKeepingProblems(
    api.questionnaires[':id'].$put({ param: { id: String(id) }, json: { definition, title } }),
  );
  const { newVersion, ...detail } = edited;
  return { detail, newVersion };
}

/** Imports raw SurveyJS JSON as a new questionnaire through the import route. */
export async function importQuestionnaire(
  definition: Definition,
  raterType: RaterType,
  title: string | undefined,
): Promise<QuestionnaireDetail> {
  return callKeepingProblems(
    api.questionnaires.import.$post({ query: title ? { raterType, title } : { raterType }, json: definition }),
  );
}
