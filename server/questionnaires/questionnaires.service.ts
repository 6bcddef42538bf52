import { randomBytes } from 'node:crypto';
import type { RaterType } from '../../scoring/rater-type.ts';
import type { QuestionnaireItem } from '../../surveys/items.ts';
import type { PreparedQuestionnaire } from '../../surveys/prepare.ts';
import type { AppDeps } from '../app-deps.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { isUniqueViolation } from '../db/db-errors.ts';
import type { Db } from '../db/database.ts';
import type { CampaignStatus, Questionnaire } from '../db/schema.ts';
import { AppError, notFound } from '../errors.ts';
import {
  checkDefinition,
  definitionTitle,
  inspectDefinition,
  isDefinition,
  type Definition,
} from './definition-check.ts';
import {
  countCampaignsUsing,
  findQuestionnaire,
  insertQuestionnaire,
  latestVersionNumber,
  listCampaignsUsing,
  listFamilyVersions,
  listLatestVersions,
  lockCampaignsUsing,
  lockQuestionnaire,
  updateQuestionnaireInPlace,
} from './questionnaires.repository.ts';

/*
 * A questionnaire is a family of numbered versions. Ballots and results point at a version, so a
 * version that any started campaign (open, closed, published, archived) uses is never changed: an
 * edit of it becomes the next version of the family. A version only drafts use, or none, is edited
 * in place, because nothing has been answered against it yet.
 */

export interface Actor {
  readonly userId: number;
}

export interface QuestionnaireSummary {
  id: number;
  family: string;
  version: number;
  versionCount: number;
  raterType: RaterType;
  title: string;
  createdAt: string;
  campaignCount: number;
}

export interface QuestionnaireDetail extends Omit<QuestionnaireSummary, 'versionCount' | 'campaignCount'> {
  definition: Definition;
  questionnaireItems: QuestionnaireItem[];
  campaigns: Array<{
    id: number;
    slug: string;
    name: string;
    nameEn: string;
    status: CampaignStatus;
    raterType: RaterType;
  }>;
  /** False once a started campaign uses this version: an edit then makes a new version. */
  editableInPlace: boolean;
  /** Empty for every version saved through the API; lists why an older stored definition no longer passes. */
  problems: string[];
}

const isStarted = (status: CampaignStatus) => status !== 'draft';

type SummaryRow = Pick<Questionnaire, 'id' | 'family' | 'version' | 'rater_type' | 'title' | 'created_at'>;

function summary(row: SummaryRow, versionCount: number, campaignCount: number): QuestionnaireSummary {
  return {
    id: row.id,
    family: row.family,
    version: row.version,
    versionCount,
    raterType: row.rater_type,
    title: row.title,
    createdAt: row.created_at,
    campaignCount,
  };
}

/** The latest version of every family; or, given a family, all its versions. */
export async function listQuestionnaires(db: Db, family?: string): Promise<QuestionnaireSummary[]> {
  const rows = family === undefined ? await listLatestVersions(db) : await listFamilyVersions(db, family);
  if (family !== undefined && rows.length === 0) throw notFound(`Questionnaire family "${family}"`);
  const counts = new Map(
    (
      await countCampaignsUsing(
        db,
        rows.map((r) => r.id),
      )
    ).map((c) => [c.questionnaire_id, Number(c.campaigns)]),
  );
  return rows.map((row) =>
    summary(row, 'version_count' in row ? Number(row.version_count) : rows.length, counts.get(row.id) ?? 0),
  );
}

export async function findQuestionnaireOr404(db: Db, id: number): Promise<Questionnaire> {
  const row = await findQuestionnaire(db, id);
  if (!row) throw notFound(`Questionnaire ${id}`);
  return row;
}

/** A stored definition as an object; a row written outside the API may hold anything. */
export function storedDefinition(row: Pick<Questionnaire, 'definition'>): unknown {
  try {
    return JSON.parse(row.definition) as unknown;
  } catch {
    return null;
  }
}

/**
 * The detail view of a stored version. Pass the questionnaire just prepared from the same definition
 * to skip preparing it again (10–40 ms for a template, seconds for a very large definition).
 */
async function describeVersion(
  db: Db,
  row: Questionnaire,
  prepared?: PreparedQuestionnaire,
): Promise<QuestionnaireDetail> {
  const campaigns = await listCampaignsUsing(db, row.id);
  const definition = storedDefinition(row);
  const check = prepared ? ({ ok: true, prepared } as const) : inspectDefinition(definition, row.rater_type);
  return {
    id: row.id,
    family: row.family,
    version: row.version,
    raterType: row.rater_type,
    title: row.title,
    createdAt: row.created_at,
    definition: isDefinition(definition) ? definition : {},
    questionnaireItems: check.ok ? [...check.prepared.items] : [],
    campaigns: campaigns.map((c) => ({
      id: c.id,
      slug: c.slug,
      name: c.name,
      nameEn: c.name_en,
      status: c.status,
      raterType: c.rater_type,
    })),
    editableInPlace: !campaigns.some((c) => isStarted(c.status)),
    problems: check.ok ? [] : check.problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message)),
  };
}

export async function getQuestionnaire(db: Db, id: number): Promise<QuestionnaireDetail> {
  return describeVersion(db, await findQuestionnaireOr404(db, id));
}

function titleFor(definition: Definition, title: string | undefined): string {
  const chosen = title ?? definitionTitle(definition);
  if (chosen === null)
    throw new AppError(422, 'title_required', 'Give the questionnaire a title: the definition has none of its own.');
  return chosen;
}

function versionConflict(error: unknown): unknown {
  if (!isUniqueViolation(error)) return error;
  return new AppError(
    409,
    'version_conflict',
    'Another change to this questionnaire was saved at the same moment. Reload it and try again.',
  );
}

export interface NewFamilyInput {
  raterType: RaterType;
  title?: string;
  definition: Definition;
}

/** How a new family came to be, for the audit log. */
export type FamilyOrigin =
  | { action: 'questionnaire_created' }
  | { action: 'questionnaire_imported' }
  | { action: 'questionnaire_copied'; fromId: number };

/** Starts a new family at version 1 after the full checks. */
export async function createFamily(
  deps: AppDeps,
  input: NewFamilyInput,
  origin: FamilyOrigin,
  actor: Actor,
  now: Date,
): Promise<QuestionnaireDetail> {
  // The definition's problems first: they say more than a missing title.
  const prepared = checkDefinition(input.definition, input.raterType);
  const title = titleFor(input.definition, input.title);
  // Random rather than derived from the title: titles change, the family key never does.
  const family = `${input.raterType}-${randomBytes(5).toString('hex')}`;
  const id = await deps.db
    .transaction()
    .execute(async (trx) => {
      const created = await insertQuestionnaire(trx, {
        family,
        version: 1,
        raterType: input.raterType,
        title,
        definition: JSON.stringify(input.definition),
        createdAt: now.toISOString(),
      });
      const { action, ...from } = origin;
      await recordAudit(
        trx,
        {
          actorUserId: actor.userId,
          action,
          entityType: 'questionnaire',
          entityId: created,
          detail: { family, version: 1, title, ...from },
        },
        now,
      );
      return created;
    })
    .catch((error: unknown) => {
      throw versionConflict(error);
    });
  return describeVersion(deps.db, await findQuestionnaireOr404(deps.db, id), prepared);
}

export async function copyQuestionnaire(
  deps: AppDeps,
  id: number,
  input: { title: string; raterType?: RaterType },
  actor: Actor,
  now: Date,
): Promise<QuestionnaireDetail> {
  const source = await findQuestionnaireOr404(deps.db, id);
  const definition = storedDefinition(source);
  if (!isDefinition(definition))
    throw new AppError(422, 'invalid_definition', `Questionnaire ${id} has no usable definition to copy.`);
  return createFamily(
    deps,
    { raterType: input.raterType ?? source.rater_type, title: input.title, definition },
    { action: 'questionnaire_copied', fromId: id },
    actor,
    now,
  );
}

export interface EditResult {
  detail: QuestionnaireDetail;
  /** True when the edited version was in use by a started campaign and the edit became a new version. */
  newVersion: boolean;
}

/**
 * Edits a version: in place while no started campaign uses it, otherwise as the family's next version.
 * The expensive checks run before the transaction, so no row is held while survey-core works.
 */
export async function editQuestionnaire(
  deps: AppDeps,
  id: number,
  input: { title?: string; definition: Definition },
  actor: Actor,
  now: Date,
): Promise<EditResult> {
  const current = await findQuestionnaireOr404(deps.db, id);
  const prepared = checkDefinition(input.definition, current.rater_type);
  const title = input.title ?? current.title;
  const definition = JSON.stringify(input.definition);
  const outcome = await deps.db
    .transaction()
    .execute(async (trx) => {
      const locked = await lockQuestionnaire(trx, deps.dialect, id);
      if (!locked) throw notFound(`Questionnaire ${id}`);
      const started = (await lockCampaignsUsing(trx, deps.dialect, id)).filter((c) => isStarted(c.status));
      const audit = { actorUserId: actor.userId, entityType: 'questionnaire' as const };
      if (started.length === 0) {
        await updateQuestionnaireInPlace(trx, id, { title, definition });
        await recordAudit(
          trx,
          {
            ...audit,
            action: 'questionnaire_edited',
            entityId: id,
            detail: { family: locked.family, version: locked.version, title },
          },
          now,
        );
        return { id, newVersion: false };
      }
      const version = (await latestVersionNumber(trx, locked.family)) + 1;
      const created = await insertQuestionnaire(trx, {
        family: locked.family,
        version,
        raterType: locked.rater_type,
        title,
        definition,
        createdAt: now.toISOString(),
      });
      await recordAudit(
        trx,
        {
          ...audit,
          action: 'questionnaire_versioned',
          entityId: created,
          detail: {
            family: locked.family,
            version,
            title,
            fromId: id,
            usedByStartedCampaigns: started.map((c) => c.id),
          },
        },
        now,
      );
      return { id: created, newVersion: true };
    })
    .catch((error: unknown) => {
      throw versionConflict(error);
    });
  return {
    detail: await describeVersion(deps.db, await findQuestionnaireOr404(deps.db, outcome.id), prepared),
    newVersion: outcome.newVersion,
  };
}
