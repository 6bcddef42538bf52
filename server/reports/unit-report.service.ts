import { BAD_HABITS } from '../../surveys/templates/recipient.ts';
import type { AppDeps } from '../app-deps.ts';
import { findCampaignBySlug, findCampaignUnit } from '../campaigns/campaigns.repository.ts';
import { AppError, notFound } from '../errors.ts';
import type { SessionUser } from '../http/app-env.ts';
import type { PublicationDocument } from '../publications/publication-document.ts';
import { problemDescriptions, recipientAnswers } from '../ballots/ballots.repository.ts';
import { latestPublication, previousPublication } from '../publications/publications.repository.ts';
import { unitLedgerFigures } from '../problems/problem-stats.ts';

type PublishedUnit = PublicationDocument['units'][number];

/**
 * A unit's own report: its published figures by rater type and item, what service recipients wrote
 * about it (only when its recipient group reached the anonymity minimum), the bad habits they ticked,
 * and the change since the previous published campaign. Unit staff may read their own unit only.
 */
export async function unitReport(
  deps: AppDeps,
  viewer: SessionUser,
  slug: string,
  unitId: number,
  now: Date = new Date(),
) {
  if (viewer.role === 'unit_staff' && viewer.unitId !== unitId) {
    throw new AppError(403, 'forbidden', "Unit staff may read their own unit's report only.");
  }
  const campaign = await findCampaignBySlug(deps.db, slug);
  if (!campaign || !(await findCampaignUnit(deps.db, campaign.id, unitId)))
    throw notFound(`Unit ${unitId} in campaign "${slug}"`);
  const publication = await latestPublication(deps.db, campaign.id);
  if (!publication)
    throw new AppError(409, 'not_published', 'The results of this campaign have not been published yet.');
  const document = JSON.parse(publication.content) as PublicationDocument;
  const unit = document.units.find((u) => u.unitId === unitId);
  if (!unit) throw notFound(`Unit ${unitId} in the publication`);
  const category = document.categories.find((c) => c.key === unit.categoryKey) ?? null;
  const recipient = unit.groups.find((g) => g.raterType === 'recipient');
  const quotable = recipient !== undefined && !recipient.suppressed;
  const voices = quotable ? await recipientVoices(deps, campaign.id, unitId) : null;
  return {
    campaign: { slug: campaign.slug, name: campaign.name, nameEn: campaign.name_en },
    publication: { version: publication.version, publishedAt: publication.published_at },
    category: category
      ? {
          name: category.name,
          nameEn: category.nameEn,
          ranked: category.ranked,
          size: document.units.filter((u) => u.categoryKey === category.key).length,
        }
      : null,
    unit,
    items: Object.fromEntries(document.settings.raterTypes.map((r) => [r.raterType, r.items])),
    comments: voices?.comments ?? null,
    badHabits: voices?.badHabits ?? null,
    previous: await previousFigures(deps, campaign.id, publication.published_at, unit),
    // The rectification ledger beside the scores (decision 017): the same figures as /api/problems/stats.
    ledger: await unitLedgerFigures(deps.db, unitId, now),
  };
}

async function recipientVoices(deps: AppDeps, campaignId: number, unitId: number) {
  const rows = await recipientAnswers(deps.db, campaignId, unitId);
  // Problem reports are stored apart from the ballots (decision 011): quoted with the comments, unjoined.
  const reports = await problemDescriptions(deps.db, campaignId, unitId);
  const comments: string[] = reports.map((report) => report.description.trim()).filter((text) => text !== '');
  const habits = new Map<string, number>();
  for (const { answers } of rows) {
    const parsed = JSON.parse(answers) as { comment?: unknown; badHabits?: unknown };
    if (typeof parsed.comment === 'string' && parsed.comment.trim()) comments.push(parsed.comment.trim());
    if (Array.isArray(parsed.badHabits))
      for (const habit of parsed.badHabits)
        if (typeof habit === 'string' && habit !== 'none') habits.set(habit, (habits.get(habit) ?? 0) + 1);
  }
  // Sorted by text, never by time: the order must not hint at who wrote what when.
  comments.sort((a, b) => a.localeCompare(b, 'zh-CN'));
  const badHabits = BAD_HABITS.map(([key, zh, en]) => ({
    key,
    label: zh,
    labelEn: en,
    count: habits.get(key) ?? 0,
  })).filter((h) => h.count > 0);
  return { comments, badHabits };
}

async function previousFigures(deps: AppDeps, campaignId: number, before: string, unit: PublishedUnit) {
  const previous = await previousPublication(deps.db, campaignId, before);
  if (!previous) return null;
  const document = JSON.parse(previous.content) as PublicationDocument;
  const earlier = document.units.find((u) => u.code === unit.code);
  if (!earlier) return null;
  return {
    campaignName: previous.name,
    campaignNameEn: previous.name_en,
    composite: earlier.composite,
    rank: earlier.rank,
    grade: earlier.grade,
  };
}
