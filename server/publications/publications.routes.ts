import { createRoute, z } from '@hono/zod-openapi';
import type { AppDeps } from '../app-deps.ts';
import { currentUser, requireRole } from '../sessions/session.middleware.ts';
import { notFound } from '../errors.ts';
import { createRouter } from '../http/router.ts';
import { errorResponse, IdParam, jsonResponse } from '../http/schemas.ts';
import { LiveResultsSchema } from '../results/results-view.ts';
import { findCampaignOr404 } from '../campaigns/campaign-loader.ts';
import type { PublicationDocument } from './publication-document.ts';
import { XLSX_TYPE } from '../sheets/xlsx-write.ts';
import { publicationWorkbook } from './publication-workbook.ts';
import { DOCX_TYPE, publicationDocx } from './publication-docx.ts';
import { NoticeRequestSchema, NoticeSchema } from './publication-notice.ts';
import { findPublication, listPublications } from './publications.repository.ts';
import { noticeSuggestion, publishResults } from './publications.service.ts';

const denied = { 401: errorResponse('Not signed in'), 403: errorResponse('Not an administrator') };

const VersionSchema = z.object({ version: z.number(), publishedAt: z.string(), contentHash: z.string() });

const MethodTextSchema = z.object({
  intro: z.string(),
  method: z.array(z.string()),
  rankRange: z.object({ lead: z.string(), note: z.string() }).nullable(),
});

/** The frozen content: what the hash covers (publication-document.ts). */
const ContentSchema = z
  .object({
    format: z.string(),
    campaign: z
      .object({ slug: z.string(), name: z.string(), nameEn: z.string(), startsAt: z.string(), endsAt: z.string() })
      .catchall(z.unknown()),
    settings: z.record(z.string(), z.unknown()),
    /** The counted ballots (计分票) per rater type. */
    ballots: z.record(z.string(), z.number()),
    /** Per rater type: received = excluded + onlyDontKnow + counted; absent before format 3. */
    ballotCounts: z
      .array(
        z.object({
          raterType: z.string(),
          received: z.number(),
          excluded: z.number(),
          onlyDontKnow: z.number(),
          counted: z.number(),
        }),
      )
      .optional(),
    categories: LiveResultsSchema.shape.categories,
    units: z.array(
      LiveResultsSchema.shape.units.element.extend({
        /** "How this was computed", line by line in each language; absent before format 3. */
        explanation: z.object({ zh: z.array(z.string()), en: z.array(z.string()) }).optional(),
      }),
    ),
    /** The notice's issuer, 文号, title, addressee, signature and date; absent from versions of format 1. */
    notice: NoticeSchema.optional(),
    /** The method paragraph in both languages, written from the settings at publication; absent from format 1. */
    method: z.object({ zh: MethodTextSchema, en: MethodTextSchema }).optional(),
  })
  .catchall(z.unknown());

const PublicationSchema = ContentSchema.extend({
  version: z.number(),
  /** How many versions exist; earlier ones stay readable at /versions/{n}. */
  versions: z.number(),
  publishedAt: z.string(),
  /** SHA-256 (hex) of the canonical JSON of the content: every field but these four, keys sorted, no whitespace. */
  contentHash: z.string(),
}).openapi('Publication');

const SlugParam = z
  .string()
  .min(1)
  .max(200)
  .openapi({ param: { in: 'path' }, example: 'demo-2026' });

const publishRoute = createRoute({
  method: 'post',
  path: '/campaigns/{id}/publish',
  tags: ['publications'],
  summary: 'Publishes the results of a closed campaign as a new frozen version with a content hash (audited)',
  middleware: [requireRole('admin')] as const,
  request: {
    params: z.object({ id: IdParam }),
    body: {
      content: {
        'application/json': {
          schema: z
            .object({
              acceptUnreviewed: z.boolean().optional().openapi({
                description: 'Publish although flagged ballots are still undecided (they count as they stand)',
              }),
              notice: NoticeRequestSchema.optional(),
            })
            .strict()
            .openapi('PublishRequest'),
        },
      },
      required: false,
    },
  },
  responses: {
    201: jsonResponse(VersionSchema.extend({ url: z.string() }), 'The new version'),
    400: errorResponse('The body breaks the schema (unknown keys, a field that is not a string)'),
    404: errorResponse('No such campaign'),
    409: errorResponse(
      'Not closed, no scoring settings, flagged ballots undecided (flagged_unreviewed, with their count), or the recount disagrees with the live figures',
    ),
    422: errorResponse(
      'A notice field cannot be published (invalid_notice; `problems` names each field with a stable code: required, too_long, line_break, document_number_format, date_format, date_out_of_range)',
    ),
    ...denied,
  },
});

const noticeRoute = createRoute({
  method: 'get',
  path: '/campaigns/{id}/notice',
  tags: ['publications'],
  summary:
    "The notice fields (issuer, 文号, title, addressee, signature, date) the campaign's next publication carries where the publish request names none",
  middleware: [requireRole('admin')] as const,
  request: { params: z.object({ id: IdParam }) },
  responses: {
    200: jsonResponse(NoticeSchema, 'The suggested notice'),
    404: errorResponse('No such campaign'),
    ...denied,
  },
});

const listRoute = createRoute({
  method: 'get',
  path: '/campaigns/{id}/publications',
  tags: ['publications'],
  summary: 'Every published version of a campaign, oldest first',
  middleware: [requireRole('admin')] as const,
  request: { params: z.object({ id: IdParam }) },
  responses: {
    200: jsonResponse(
      z.object({ versions: z.array(VersionSchema.extend({ publishedBy: z.string().nullable() })) }),
      'Versions',
    ),
    404: errorResponse('No such campaign'),
    ...denied,
  },
});

const latestRoute = createRoute({
  method: 'get',
  path: '/publications/{slug}',
  tags: ['publications'],
  summary: 'The latest published results of a campaign (public); no figure of a group below its minimum, no comments',
  request: { params: z.object({ slug: SlugParam }) },
  responses: { 200: jsonResponse(PublicationSchema, 'The latest version'), 404: errorResponse('Nothing published') },
});

const versionRoute = createRoute({
  method: 'get',
  path: '/publications/{slug}/versions/{version}',
  tags: ['publications'],
  summary: 'One published version (public); a version never changes',
  request: { params: z.object({ slug: SlugParam, version: IdParam }) },
  responses: { 200: jsonResponse(PublicationSchema, 'The version'), 404: errorResponse('No such version') },
});

const workbookRoute = createRoute({
  method: 'get',
  path: '/publications/{slug}/versions/{version}/export.xlsx',
  tags: ['publications'],
  summary:
    'One published version as an Excel workbook (public): the ranking per category, each unit by rater type and item, the settings and the content hash',
  request: { params: z.object({ slug: SlugParam, version: IdParam }) },
  responses: {
    200: {
      description: 'The workbook',
      content: { [XLSX_TYPE]: { schema: z.string().openapi({ format: 'binary' }) } },
    },
    404: errorResponse('No such version'),
  },
});

const documentRoute = createRoute({
  method: 'get',
  path: '/publications/{slug}/versions/{version}/export.docx',
  tags: ['publications'],
  summary:
    'One published version as a Word document (public) in the GB/T 9704-2012 layout: red head, 文号, title, method, the ranking per category, signature and date',
  request: { params: z.object({ slug: SlugParam, version: IdParam }) },
  responses: {
    200: {
      description: 'The document',
      content: { [DOCX_TYPE]: { schema: z.string().openapi({ format: 'binary' }) } },
    },
    404: errorResponse('No such version'),
  },
});

export function createPublicationRoutes(deps: AppDeps) {
  const find = async (slug: string, version: number | null) => {
    const row = await findPublication(deps.db, slug, version);
    if (!row)
      throw notFound(
        version === null ? `A publication of campaign "${slug}"` : `Version ${version} of campaign "${slug}"`,
      );
    return row;
  };
  const load = async (slug: string, version: number | null) => {
    const row = await find(slug, version);
    // Served as stored: the content is the canonical JSON written at publication (a PublicationDocument).
    const content = JSON.parse(row.content) as z.infer<typeof ContentSchema>;
    return {
      ...content,
      version: row.version,
      versions: Number(row.versions),
      publishedAt: row.published_at,
      contentHash: row.content_hash,
    };
  };
  return createRouter()
    .openapi(publishRoute, async (c) => {
      const campaign = await findCampaignOr404(deps.db, c.req.valid('param').id);
      const { acceptUnreviewed = false, notice } = c.req.valid('json');
      const published = await publishResults(deps, campaign, currentUser(c).id, new Date(), {
        acceptUnreviewed,
        notice,
      });
      return c.json({ ...published, url: `/api/publications/${campaign.slug}/versions/${published.version}` }, 201);
    })
    .openapi(noticeRoute, async (c) => {
      const campaign = await findCampaignOr404(deps.db, c.req.valid('param').id);
      return c.json(await noticeSuggestion(deps, campaign, new Date()), 200);
    })
    .openapi(listRoute, async (c) => {
      const campaign = await findCampaignOr404(deps.db, c.req.valid('param').id);
      const rows = await listPublications(deps.db, campaign.id);
      const versions = rows.map((row) => ({
        version: row.version,
        publishedAt: row.published_at,
        contentHash: row.content_hash,
        publishedBy: row.username,
      }));
      return c.json({ versions }, 200);
    })
    .openapi(latestRoute, async (c) => {
      c.header('cache-control', 'no-cache');
      return c.json(await load(c.req.valid('param').slug, null), 200);
    })
    .openapi(versionRoute, async (c) => {
      const { slug, version } = c.req.valid('param');
      const body = await load(slug, version);
      // A version is frozen: caches may keep it for good, and its hash is a perfect validator.
      c.header('cache-control', 'public, max-age=31536000, immutable');
      c.header('etag', `"${body.contentHash}"`);
      return c.json(body, 200);
    })
    .openapi(workbookRoute, async (c) => {
      const { slug, version } = c.req.valid('param');
      const row = await find(slug, version);
      const content = JSON.parse(row.content) as PublicationDocument;
      const bytes = await publicationWorkbook({
        version: row.version,
        publishedAt: row.published_at,
        contentHash: row.content_hash,
        content,
      });
      return c.body(bytes, 200, {
        'content-type': XLSX_TYPE,
        'content-disposition': `attachment; filename="${encodeURIComponent(slug)}-v${row.version}.xlsx"`,
        'cache-control': 'public, max-age=31536000, immutable',
      });
    })
    .openapi(documentRoute, async (c) => {
      const { slug, version } = c.req.valid('param');
      const row = await find(slug, version);
      const bytes = await publicationDocx({
        version: row.version,
        publishedAt: row.published_at,
        contentHash: row.content_hash,
        content: JSON.parse(row.content) as PublicationDocument,
      });
      return c.body(bytes, 200, {
        'content-type': DOCX_TYPE,
        'content-disposition': `attachment; filename="${encodeURIComponent(slug)}-v${row.version}.docx"`,
        'cache-control': 'public, max-age=31536000, immutable',
      });
    });
}
