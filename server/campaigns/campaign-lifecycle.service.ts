import type { AppDeps } from '../app-deps.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import type { Db, DialectName } from '../db/database.ts';
import type { Campaign, CampaignStatus } from '../db/schema.ts';
import { AppError, notFound } from '../errors.ts';
import { lockCampaign, transitionStatus, updateCampaignFields } from './campaigns.repository.ts';
import { findOpeningProblems } from './campaign-readiness.ts';
import { loadCampaign } from './campaign-loader.ts';
import { emitWebhookEvent } from '../webhooks/webhook-events.ts';

/*
 * draft → open → closed → published → archived. A draft is edited freely; opening checks it is complete
 * and freezes it; while open only harmless, audited changes are allowed (a later end date, more access
 * codes); closing scrubs what could link access to ballots. Publishing again keeps the status (each
 * publication is a new snapshot); archiving is allowed from closed or published.
 */

export type LifecycleAction = 'open' | 'close' | 'publish' | 'archive';

const TRANSITIONS: Readonly<
  Record<LifecycleAction, { from: readonly CampaignStatus[]; to: CampaignStatus; done: string }>
> = {
  open: { from: ['draft'], to: 'open', done: 'opened' },
  close: { from: ['open'], to: 'closed', done: 'closed' },
  publish: { from: ['closed', 'published'], to: 'published', done: 'published' },
  archive: { from: ['closed', 'published'], to: 'archived', done: 'archived' },
};

/**
 * What other folders do when a campaign stops taking ballots (access scrubs its traces, ballots seal
 * their storage): wired in app.ts, so campaigns/ needs to know none of them.
 */
export interface LifecycleHooks {
  afterClose(campaignId: number): Promise<void>;
}

export interface Actor {
  readonly userId: number;
}

type CampaignRef = Pick<Campaign, 'id' | 'slug' | 'status'>;

export function invalidTransition(campaign: CampaignRef, action: LifecycleAction): AppError {
  const { from, done } = TRANSITIONS[action];
  return new AppError(
    409,
    'invalid_transition',
    `Campaign "${campaign.slug}" is ${campaign.status}; only ${withArticle(from.join(' or '))} campaign can be ${done}.`,
  );
}

function withArticle(words: string): string {
  return /^[aeiou]/.test(words) ? `an ${words}` : `a ${words}`;
}

/** The refusal for any configuration change once a campaign has left draft, saying what is still allowed. */
export function frozenError(
  campaign: Pick<Campaign, 'id' | 'slug' | 'status' | 'ends_at'>,
  attempted: string,
): AppError {
  const prefix = `Campaign "${campaign.slug}" is ${campaign.status}, so its configuration is frozen (refused: ${attempted}).`;
  const allowed =
    campaign.status === 'open'
      ? ` While it is open you may only extend the end date (PATCH /api/campaigns/${campaign.id} with endsAt alone, ` +
        `later than ${campaign.ends_at}) and issue more access codes; close it to stop the ratings.`
      : campaign.status === 'archived'
        ? ' An archived campaign is read-only.'
        : ` Its results can still be published and the campaign archived; to run it again, create a new campaign.`;
  return new AppError(409, 'campaign_frozen', prefix + allowed);
}

export async function lockCampaignOr404(trx: Db, dialect: DialectName, id: number): Promise<Campaign> {
  const campaign = await lockCampaign(trx, dialect, id);
  if (!campaign) throw notFound(`Campaign ${id}`);
  return campaign;
}

/**
 * Runs a configuration change in one transaction, holding the campaign row, only while it is a draft.
 * `attempted` names the change for the refusal message.
 */
export function withDraftCampaign<T>(
  deps: AppDeps,
  id: number,
  attempted: string,
  work: (trx: Db, campaign: Campaign) => Promise<T>,
): Promise<T> {
  return deps.db.transaction().execute(async (trx) => {
    const campaign = await lockCampaignOr404(trx, deps.dialect, id);
    if (campaign.status !== 'draft') throw frozenError(campaign, attempted);
    return work(trx, campaign);
  });
}

async function transition(
  trx: Db,
  campaign: Campaign,
  action: LifecycleAction,
  actor: Actor,
  now: Date,
  stamps: { opened_at?: string; closed_at?: string } = {},
) {
  const { from, to } = TRANSITIONS[action];
  if (!from.includes(campaign.status) || !(await transitionStatus(trx, campaign.id, from, to, stamps))) {
    throw invalidTransition(campaign, action);
  }
  await recordAudit(
    trx,
    {
      actorUserId: actor.userId,
      action: `campaign_${TRANSITIONS[action].done}`,
      entityType: 'campaign',
      entityId: campaign.id,
      detail: { from: campaign.status, to },
    },
    now,
  );
  // Webhooks (decision 019): the change announced in its own transaction; archiving is not an event.
  const event = WEBHOOK_EVENTS[action];
  if (event) {
    const data = {
      campaignId: campaign.id,
      campaignSlug: campaign.slug,
      campaignName: campaign.name,
      from: campaign.status,
      to,
    };
    await emitWebhookEvent(trx, event, data, now);
  }
}

const WEBHOOK_EVENTS = {
  open: 'campaign.opened',
  close: 'campaign.closed',
  publish: 'campaign.published',
  archive: null,
} as const satisfies Record<LifecycleAction, string | null>;

/** Opens a draft after checking it is complete; every missing piece is named in one refusal. */
export async function openCampaign(deps: AppDeps, id: number, actor: Actor, now: Date): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const campaign = await lockCampaignOr404(trx, deps.dialect, id);
    if (campaign.status !== 'draft') throw invalidTransition(campaign, 'open');
    const problems = findOpeningProblems(await loadCampaign(trx, campaign), now);
    if (problems.length > 0) {
      throw new AppError(
        422,
        'campaign_incomplete',
        `Campaign "${campaign.slug}" cannot open yet (${problems.length} problem${problems.length === 1 ? '' : 's'}): ${problems.map((p) => p.message).join('; ')}.`,
        { problems },
      );
    }
    await transition(trx, campaign, 'open', actor, now, { opened_at: now.toISOString() });
  });
}

/**
 * Closes an open campaign, then scrubs the access traces (rate-limit keys, code-row metadata). The scrub
 * runs after the commit because PostgreSQL's VACUUM cannot run inside a transaction; archiving runs it
 * again, so a scrub that failed here (logged as an error) is not lost.
 */
export async function closeCampaign(
  deps: AppDeps,
  hooks: LifecycleHooks,
  id: number,
  actor: Actor,
  now: Date,
): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const campaign = await lockCampaignOr404(trx, deps.dialect, id);
    await transition(trx, campaign, 'close', actor, now, { closed_at: now.toISOString() });
  });
  await hooks.afterClose(id);
}

/**
 * Archives a campaign: read-only from then on. A closed campaign whose results were never published is
 * archived only when the office says so (`withoutPublishing`): afterwards they can never be published.
 */
export async function archiveCampaign(
  deps: AppDeps,
  hooks: LifecycleHooks,
  id: number,
  actor: Actor,
  now: Date,
  options: { withoutPublishing: boolean },
): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const campaign = await lockCampaignOr404(trx, deps.dialect, id);
    if (campaign.status === 'closed' && !options.withoutPublishing) {
      throw new AppError(
        409,
        'archive_unpublished',
        "This campaign's results have not been published. An archived campaign is read-only and can never be published: publish first, or archive with withoutPublishing: true.",
      );
    }
    await transition(trx, campaign, 'archive', actor, now);
  });
  await hooks.afterClose(id);
}

/**
 * For the publication work: marks a closed (or already published) campaign published, audited. Pass the
 * transaction that stores the publication snapshot so the two commit together.
 */
export async function markPublished(trx: Db, dialect: DialectName, id: number, actor: Actor, now: Date): Promise<void> {
  const campaign = await lockCampaignOr404(trx, dialect, id);
  await transition(trx, campaign, 'publish', actor, now);
}

/**
 * The one change to the window an open campaign allows: a later end, audited with both dates. Moving the
 * end earlier would cut off raters who were promised time; a closed campaign stays closed.
 */
export async function extendEndDate(
  trx: Db,
  campaign: Campaign,
  endsAt: string,
  actor: Actor,
  now: Date,
): Promise<void> {
  if (campaign.status !== 'open') throw frozenError(campaign, 'endsAt');
  if (!(endsAt > campaign.ends_at)) {
    throw new AppError(
      409,
      'campaign_frozen',
      `Campaign "${campaign.slug}" is open: its end can only move later than ${campaign.ends_at}, never earlier (asked for ${endsAt}). To stop the ratings now, close it.`,
    );
  }
  await updateCampaignFields(trx, campaign.id, { ends_at: endsAt });
  await recordAudit(
    trx,
    {
      actorUserId: actor.userId,
      action: 'campaign_end_extended',
      entityType: 'campaign',
      entityId: campaign.id,
      detail: { from: campaign.ends_at, to: endsAt },
    },
    now,
  );
}
