import { createRoute, z } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { AppDeps } from '../app-deps.ts';
import { AppError, notFound } from '../errors.ts';
import type { AppEnv } from '../http/app-env.ts';
import { createRouter } from '../http/router.ts';
import { errorResponse, IdParam, jsonResponse } from '../http/schemas.ts';
import { decide } from '../problems/problem-states.ts';
import { loadProblem, type Actor } from '../problems/problem-writes.ts';
import { currentUser, requireRole, SESSION_COOKIE } from '../sessions/session.middleware.ts';
import {
  addEvidence,
  checkEvidenceFile,
  evidenceLimits,
  MAX_EVIDENCE_FILES,
  MAX_EVIDENCE_NOTE,
  readEvidence,
  type CheckedFile,
} from './evidence.service.ts';

/**
 * The header every evidence upload must carry. A multipart body is what a cross-site HTML form can send
 * without a CORS preflight, so the JSON-only guard of other writes cannot apply; a custom header cannot be
 * sent cross-site without a preflight, which Pingyi never grants.
 */
export const UPLOAD_HEADER = 'x-pingyi-upload';

const UPLOAD_PATH = /^\/api\/problems\/\d+\/evidence\/?$/;

/** True for the evidence upload, which has its own body limit and cross-site guard (see app.ts). */
export function isEvidenceUpload(c: Context): boolean {
  return c.req.method === 'POST' && UPLOAD_PATH.test(c.req.path);
}

/** The middleware, except on the evidence upload. */
export function exceptEvidenceUpload<E extends AppEnv>(middleware: MiddlewareHandler<E>): MiddlewareHandler<E> {
  return (c, next) => (isEvidenceUpload(c) ? next() : middleware(c, next));
}

const uploadGuard: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (getCookie(c, SESSION_COOKIE)) {
    if (c.req.header('sec-fetch-site') === 'cross-site' || c.req.header(UPLOAD_HEADER) !== '1') {
      throw new AppError(
        403,
        'cross_site_request',
        `Uploads from other sites are not accepted (send the ${UPLOAD_HEADER}: 1 header from Pingyi's own pages).`,
      );
    }
  }
  if (!/^multipart\/form-data\s*;/i.test(c.req.header('content-type') ?? '')) {
    throw new AppError(415, 'unsupported_media_type', 'Send evidence as multipart/form-data with `file` parts.');
  }
  await next();
};

const EvidenceItemSchema = z
  .object({
    id: z.string(),
    fileName: z.string().openapi({ description: 'The original name, for display only' }),
    mediaType: z.string().openapi({ example: 'image/jpeg' }),
    bytes: z.number().int(),
    uploadedAt: z.string(),
    url: z.string().openapi({ example: '/api/evidence/5f0c…' }),
    eventId: z.number().int().nullable(),
  })
  .openapi('EvidenceItem');

const UploadResultSchema = z
  .object({ eventId: z.number().int(), state: z.string(), evidence: z.array(EvidenceItemSchema) })
  .openapi('EvidenceUpload');

const uploadRoute = createRoute({
  method: 'post',
  path: '/problems/{id}/evidence',
  tags: ['problems'],
  summary: "Adds photos or PDFs of the fix to a problem's timeline (unit staff of its unit, or the office)",
  description: [
    `One to ${MAX_EVIDENCE_FILES} \`file\` parts and an optional \`note\` (at most ${MAX_EVIDENCE_NOTE} characters),`,
    'as multipart/form-data with the header `X-Pingyi-Upload: 1`. Each file is at most EVIDENCE_MAX_MB (default 10 MiB)',
    'and must be a JPEG, PNG or WebP photo or a PDF by its content (the name and the declared type are ignored).',
    'Photos are stored without their metadata (EXIF GPS and camera serial, XMP, IPTC, comments); the orientation is kept.',
    'Works while the problem is filed, in progress or claimed; the files and the timeline entry land together.',
  ].join(' '),
  middleware: [requireRole('admin', 'unit_staff'), uploadGuard] as const,
  request: {
    params: z.object({ id: IdParam }),
    body: {
      required: true,
      content: {
        'multipart/form-data': {
          schema: {
            type: 'object',
            required: ['file'],
            properties: {
              file: { type: 'array', items: { type: 'string', format: 'binary' }, maxItems: MAX_EVIDENCE_FILES },
              note: { type: 'string', maxLength: MAX_EVIDENCE_NOTE },
            },
          },
        },
      },
    },
  },
  responses: {
    201: jsonResponse(UploadResultSchema, 'Stored; the timeline entry and the evidence rows'),
    400: errorResponse('The body is not readable multipart/form-data, or the note is too long'),
    401: errorResponse('Not signed in'),
    403: errorResponse('A leader, or an upload without the X-Pingyi-Upload header (cross-site)'),
    404: errorResponse("No such problem, or another unit's"),
    409: errorResponse('The problem is not filed, in progress or claimed (problem_wrong_state)'),
    413: errorResponse('A file larger than the limit (evidence_too_large), or the whole body (payload_too_large)'),
    415: errorResponse(
      'Not multipart/form-data, or a file that is not a JPEG, PNG, WebP or PDF (evidence_type_refused)',
    ),
    422: errorResponse('No file or an empty one (evidence_empty), too many (evidence_too_many), a broken photo'),
  },
});

const readRoute = createRoute({
  method: 'get',
  path: '/evidence/{id}',
  tags: ['problems'],
  summary: 'The bytes of one evidence file (signed-in staff by role and unit; anyone for a filed, public problem)',
  request: {
    params: z.object({
      id: z
        .string()
        .regex(/^[A-Za-z0-9_-]{1,64}$/)
        .openapi({ param: { in: 'path' } }),
    }),
  },
  responses: {
    200: {
      description: 'The file, with its stored media type, nosniff and a sandboxing CSP',
      content: {
        'image/jpeg': { schema: z.string().openapi({ format: 'binary' }) },
        'image/png': { schema: z.string().openapi({ format: 'binary' }) },
        'image/webp': { schema: z.string().openapi({ format: 'binary' }) },
        'application/pdf': { schema: z.string().openapi({ format: 'binary' }) },
      },
    },
    304: { description: 'Not modified (If-None-Match with its hash)' },
    400: errorResponse('The id is not an evidence id'),
    404: errorResponse('No such evidence, or not visible to this reader'),
    500: errorResponse('The stored file is missing or does not match its hash (evidence_unavailable)'),
  },
});

/** The rest of the body beyond the limit is not read: the size is counted as it arrives. */
async function readBody(request: Request, maxBytes: number): Promise<Uint8Array> {
  const declared = request.headers.get('content-length');
  const tooLarge = () => new AppError(413, 'payload_too_large', `The request body is larger than ${maxBytes} bytes.`);
  if (declared !== null && Number(declared) > maxBytes) throw tooLarge();
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.byteLength;
  }
  return body;
}

export function createEvidenceRoutes(deps: AppDeps) {
  const limits = evidenceLimits(deps.config);
  // Every file at its limit, plus room for the note and the multipart framing.
  const maxBody = MAX_EVIDENCE_FILES * limits.maxBytes + 256 * 1024;
  return createRouter()
    .openapi(uploadRoute, async (c) => {
      const user = currentUser(c);
      const { id } = c.req.valid('param');
      const now = new Date();
      const problem = await loadProblem(deps.db, id);
      if (user.role === 'unit_staff' && user.unitId !== problem.unit_id) throw notFound(`Problem ${id}`);
      const actor: Actor = { kind: user.role === 'admin' ? 'office' : 'unit', userId: user.id };
      // Refused before the body is read and before anything is stored (checked again in the transaction).
      const early = decide('evidence', problem.state, actor.kind, true);
      if (!early.ok) throw new AppError(409, early.code, early.message, { state: problem.state });

      const body = await readBody(c.req.raw, maxBody);
      let form: FormData;
      try {
        form = await new Response(body as Uint8Array<ArrayBuffer>, {
          headers: { 'content-type': c.req.header('content-type')! },
        }).formData();
      } catch {
        throw new AppError(400, 'invalid_request', 'The body is not readable multipart/form-data.');
      }
      const parts = form.getAll('file').filter((part): part is File => typeof part !== 'string');
      if (parts.length === 0) throw new AppError(422, 'evidence_empty', 'Send at least one file (a `file` part).');
      if (parts.length > MAX_EVIDENCE_FILES) {
        throw new AppError(
          422,
          'evidence_too_many',
          `At most ${MAX_EVIDENCE_FILES} files per upload; send the rest after.`,
        );
      }
      const noteValue = form.get('note');
      const note = typeof noteValue === 'string' && noteValue.trim() !== '' ? noteValue.trim() : null;
      if (note !== null && note.length > MAX_EVIDENCE_NOTE) {
        throw new AppError(400, 'invalid_request', `The note is longer than ${MAX_EVIDENCE_NOTE} characters.`);
      }
      const files: CheckedFile[] = [];
      for (const part of parts) {
        files.push(
          await checkEvidenceFile({ name: part.name, bytes: new Uint8Array(await part.arrayBuffer()) }, limits),
        );
      }
      const added = await addEvidence(deps.db, deps.evidence, id, files, note, actor, now);
      return c.json({ eventId: added.eventId, state: added.problem.state, evidence: added.items }, 201);
    })
    .openapi(readRoute, async (c) => {
      const { id } = c.req.valid('param');
      const user = c.get('user');
      let file;
      try {
        file = await readEvidence(deps.db, deps.evidence, id, user ? { role: user.role, unitId: user.unitId } : null);
      } catch (error) {
        if (error instanceof AppError && error.code === 'evidence_unavailable') {
          deps.logger.error('evidence file unavailable', { id, message: error.message });
        }
        throw error;
      }
      const etag = `"${file.row.sha256}"`;
      const headers: Record<string, string> = {
        'content-type': file.row.media_type,
        'x-content-type-options': 'nosniff',
        'content-disposition': `inline; filename*=UTF-8''${encodeRfc5987(file.row.file_name)}`,
        // Nothing in the file runs: no scripts, no forms, no plugins beyond the browser's own viewers.
        'content-security-policy': "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
        'cache-control': file.isPublic ? 'public, max-age=86400, immutable' : 'private, max-age=31536000, immutable',
        etag,
      };
      if (!file.isPublic) headers.vary = 'Cookie';
      if (c.req.header('if-none-match') === etag) return c.body(null, 304, headers);
      return c.body(file.bytes as Uint8Array<ArrayBuffer>, 200, headers);
    });
}

/** RFC 5987 encoding of a file name for `filename*`: percent-encoded UTF-8, with the few marks it forbids too. */
function encodeRfc5987(name: string): string {
  return encodeURIComponent(name).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
}
