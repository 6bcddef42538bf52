import type { ClientResponse } from 'hono/client';
import type { RaterType } from '../../../../scoring/rater-type.ts';
import type { SettingsProblem } from '../../../../server/campaigns/settings-patch.ts';
import { api, ApiError, call, type Success } from '../../shared/api.ts';
import type { ServerProblem } from '../../shared/problem-text.ts';
import { refusalProblems, type DraftProblem } from './draft-problems.ts';
import { newScoring, scoringPatch } from './scoring-draft.ts';
import type { WizardDraft } from './wizard-state.ts';

/** A refusal the page shows beside its fields: the server's error, and its problems placed by path. */
export class FieldsRefused extends Error {
  constructor(
    readonly error: ApiError,
    readonly problems: readonly DraftProblem[],
  ) {
    super(error.message);
  }
}

/**
 * `call`, but a refusal whose code or problems name fields becomes FieldsRefused. The body is read from a
 * copy, since `call` reads the answer itself.
 */
async function callPlacingProblems<R extends ClientResponse<unknown, number, string>>(
  request: Promise<R>,
): Promise<Success<R>> {
  const response = await request.catch(() => null);
  if (response === null) return call(request);
  let listed: SettingsProblem[] = [];
  if (!response.ok) {
    const body = (await response
      .clone()
      .json()
      .catch(() => null)) as { error?: { problems?: SettingsProblem[] } } | null;
    listed = body?.error?.problems ?? [];
  }
  try {
    return await call(Promise.resolve(response));
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    const problems = refusalProblems(error.code, listed);
    throw problems.length > 0 ? new FieldsRefused(error, problems) : error;
  }
}

/**
 * Saves the draft: creates the campaign or patches it (its scoring settings as a merge patch, so what the
 * page does not edit stays as stored), then its scope, categories and rater types. Returns the campaign's
 * id and what still stops it from opening.
 */
export async function saveDraft(
  draft: WizardDraft,
  campaignId: number | undefined,
  enabled: readonly RaterType[],
  unitsInCategory: (categoryId: number) => boolean,
): Promise<{ id: number; openingProblems: readonly ServerProblem[] }> {
  const basics = {
    slug: draft.slug,
    name: draft.name,
    nameEn: draft.nameEn,
    startsAt: new Date(draft.startsAt).toISOString(),
    endsAt: new Date(draft.endsAt).toISOString(),
  };
  let id = campaignId;
  if (id === undefined) {
    const settings = { scoring: newScoring(draft.scoring, enabled) };
    id = (await callPlacingProblems(api.campaigns.$post({ json: { ...basics, settings } }))).id;
  } else {
    const settings = { scoring: scoringPatch(draft.scoring, draft.storedScoring, enabled) };
    await callPlacingProblems(
      api.campaigns[':id'].$patch({ param: { id: String(id) }, json: { ...basics, settings } }),
    );
  }
  const param = { id: String(id) };
  await call(api.campaigns[':id'].units.$put({ param, json: { unitIds: draft.unitIds } }));
  await call(
    api.campaigns[':id'].categories.$put({
      param,
      json: { unrankedCategoryIds: draft.unrankedCategoryIds.filter(unitsInCategory) },
    }),
  );
  const raterTypes = enabled
    .filter((r) => draft.raters[r].questionnaireId !== null)
    .map((r) => ({
      raterType: r,
      questionnaireId: draft.raters[r].questionnaireId!,
      minCount: draft.raters[r].minCount,
    }));
  await call(api.campaigns[':id']['rater-types'].$put({ param, json: { raterTypes } }));
  const config = await call(api.admin.campaigns[':id'].$get({ param }));
  return { id, openingProblems: config.openingProblems ?? [] };
}
