import { randomUUID } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import type { Db } from '../db/database.ts';
import type { Problem, ProblemEvidenceTable } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { FILED_STATES } from '../problems/problem-states.ts';
import { moveProblem, type Actor } from '../problems/problem-writes.ts';
import { sha256OfBytes, type EvidenceStore } from './evidence-store.ts';
import { stripMetadata, type StrippableType } from './strip-metadata.ts';

// Evidence of a fix (decision 017): photos (JPEG, PNG, WebP) and PDFs, their type decided by their
// content, photos stripped of their metadata, the bytes stored outside the database by their SHA-256
// and one `problem_evidence` row each, written with the problem's timeline entry in one transaction.

export const EVIDENCE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] as const;
export type EvidenceType = (typeof EVIDENCE_TYPES)[number];
/** Files one request may carry. */
export const MAX_EVIDENCE_FILES = 5;
/** Characters of an original file name kept for display. */
export const MAX_FILE_NAME = 200;
/** Characters of the text that goes with the files (the timeline entry's note). */
export const MAX_EVIDENCE_NOTE = 2000;

const MIB = 1024 * 1024;

export interface EvidenceLimits {
  /** The largest file accepted, in bytes. */
  readonly maxBytes: number;
}

export function evidenceLimits(config: { EVIDENCE_MAX_MB: number }): EvidenceLimits {
  return { maxBytes: config.EVIDENCE_MAX_MB * MIB };
}

/** A file as it arrived: the name the browser gave and the bytes. */
export interface IncomingFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

/** A file checked and cleaned, ready to store. */
export interface CheckedFile {
  readonly fileName: string;
  readonly mediaType: EvidenceType;
  readonly bytes: Uint8Array;
}

/** What the API lists for each evidence file of a problem. */
export interface EvidenceItem {
  id: string;
  fileName: string;
  mediaType: string;
  bytes: number;
  uploadedAt: string;
  url: string;
  /** The timeline entry it belongs to (null for evidence written outside the timeline, e.g. demo data). */
  eventId: number | null;
}

/**
 * Checks one file: not empty, within the size limit, a JPEG, PNG, WebP or PDF by its content (the name
 * and the browser's declared type are ignored), and returns it with the metadata of a photo stripped.
 */
export async function checkEvidenceFile(file: IncomingFile, limits: EvidenceLimits): Promise<CheckedFile> {
  const fileName = displayFileName(file.name);
  if (file.bytes.length === 0) throw new AppError(422, 'evidence_empty', `The file "${fileName}" is empty.`);
  if (file.bytes.length > limits.maxBytes) {
    throw new AppError(
      413,
      'evidence_too_large',
      `The file "${fileName}" is ${file.bytes.length} bytes; at most ${limits.maxBytes} bytes (${limits.maxBytes / MIB} MiB) are accepted.`,
    );
  }
  const detected = await fileTypeFromBuffer(file.bytes);
  const mediaType = EVIDENCE_TYPES.find((type) => type === detected?.mime);
  if (!mediaType) {
    throw new AppError(
      415,
      'evidence_type_refused',
      `The file "${fileName}" is ${detected ? detected.mime : 'of no known type'} by its content; only JPEG, PNG and WebP photos and PDF documents are accepted.`,
    );
  }
  if (mediaType === 'application/pdf') return { fileName, mediaType, bytes: file.bytes };
  const stripped = stripMetadata(mediaType as StrippableType, file.bytes);
  if (!stripped) {
    throw new AppError(
      422,
      'evidence_unreadable',
      `The file "${fileName}" starts as ${mediaType} but its structure is broken.`,
    );
  }
  return { fileName, mediaType, bytes: stripped };
}

/**
 * The original name, for display only (never a path): the last path segment, without control and
 * bidirectional-override characters, spaces collapsed, at most MAX_FILE_NAME characters.
 */
export function displayFileName(name: string): string {
  const last = name.split(/[\\/]/).pop() ?? '';
  const clean = last
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  const chars = Array.from(clean);
  const cut = chars.length > MAX_FILE_NAME ? chars.slice(0, MAX_FILE_NAME).join('') : clean;
  return cut === '' || cut === '.' || cut === '..' ? 'file' : cut;
}

/**
 * Adds evidence to a problem: stores the files (before the transaction: a file whose row never lands,
 * because the move was refused or the database failed, is harmless, content-addressed and unreferenced),
 * then takes the `evidence` action, whose timeline entry and the rows commit together.
 */
export async function addEvidence(
  db: Db,
  store: EvidenceStore,
  problemId: number,
  files: readonly CheckedFile[],
  note: string | null,
  actor: Actor,
  now: Date,
): Promise<{ problem: Problem; eventId: number; items: EvidenceItem[] }> {
  if (files.length === 0) throw new AppError(422, 'evidence_empty', 'Send at least one file (a `file` part).');
  const stored: { file: CheckedFile; key: string; sha256: string }[] = [];
  for (const file of files) stored.push({ file, ...(await store.put(file.bytes)) });
  let eventId = 0;
  const rows: ProblemEvidenceTable[] = [];
  const problem = await moveProblem(
    db,
    problemId,
    {
      action: 'evidence',
      note,
      within: async (trx, _problem, event) => {
        eventId = event;
        for (const { file, key, sha256 } of stored) {
          rows.push({
            id: randomUUID(),
            problem_id: problemId,
            event_id: event,
            media_type: file.mediaType,
            bytes: file.bytes.length,
            sha256,
            storage_key: key,
            file_name: file.fileName,
            uploaded_by: actor.userId,
            uploaded_at: now.toISOString(),
          });
        }
        await trx.insertInto('problem_evidence').values(rows).execute();
      },
    },
    actor,
    now,
  );
  return { problem, eventId, items: rows.map(itemOf) };
}

function itemOf(row: ProblemEvidenceTable): EvidenceItem {
  return {
    id: row.id,
    fileName: row.file_name,
    mediaType: row.media_type,
    bytes: row.bytes,
    uploadedAt: row.uploaded_at,
    url: `/api/evidence/${row.id}`,
    eventId: row.event_id,
  };
}

/**
 * A problem's evidence, oldest first, for GET /api/problems/{id} and the public ledger. With
 * `publicOnly`, only evidence whose timeline entry is public (or that has none).
 */
export async function listEvidence(db: Db, problemId: number, publicOnly = false): Promise<EvidenceItem[]> {
  let query = db
    .selectFrom('problem_evidence as e')
    .leftJoin('problem_events as v', 'v.id', 'e.event_id')
    .selectAll('e')
    .where('e.problem_id', '=', problemId);
  if (publicOnly) query = query.where((w) => w.or([w('e.event_id', 'is', null), w('v.public', '=', 1)]));
  const rows = await query.orderBy('e.uploaded_at').orderBy('e.id').execute();
  return rows.map(itemOf);
}

/** Who asks for an evidence file: a signed-in user (role and unit) or the public (null). */
export interface EvidenceReader {
  readonly role: 'admin' | 'leader' | 'unit_staff';
  readonly unitId: number | null;
}

export interface EvidenceFile {
  readonly row: ProblemEvidenceTable;
  readonly bytes: Uint8Array;
  /** Whether anyone may see it (the problem filed and public, its entry public): cacheable publicly. */
  readonly isPublic: boolean;
}

/**
 * One evidence file for a reader, or a 404 when it does not exist or they may not see it (the same
 * answer, so nothing leaks). Signed-in admins and leaders see all; unit staff their own unit's; anyone the
 * evidence of a filed, public problem. The bytes are checked against their hash on every read.
 */
export async function readEvidence(
  db: Db,
  store: EvidenceStore,
  id: string,
  reader: EvidenceReader | null,
): Promise<EvidenceFile> {
  const found = await db
    .selectFrom('problem_evidence as e')
    .innerJoin('problems as p', 'p.id', 'e.problem_id')
    .leftJoin('problem_events as v', 'v.id', 'e.event_id')
    .selectAll('e')
    .select(['p.unit_id', 'p.state', 'p.visibility', 'v.public as event_public'])
    .where('e.id', '=', id)
    .executeTakeFirst();
  const missing = new AppError(404, 'not_found', `Evidence ${id} was not found.`);
  if (!found) throw missing;
  const isPublic =
    FILED_STATES.includes(found.state) &&
    found.visibility === 'public' &&
    (found.event_id === null || found.event_public === 1);
  const allowed =
    isPublic ||
    reader?.role === 'admin' ||
    reader?.role === 'leader' ||
    (reader?.role === 'unit_staff' && reader.unitId === found.unit_id);
  if (!allowed) throw missing;
  const bytes = await store.get(found.storage_key);
  if (!bytes || sha256OfBytes(bytes) !== found.sha256) {
    throw new AppError(
      500,
      'evidence_unavailable',
      bytes
        ? `The stored file of evidence ${id} does not match its hash: it was changed or damaged on disk.`
        : `The stored file of evidence ${id} is missing from the evidence store.`,
    );
  }
  const { unit_id: _unit, state: _state, visibility: _visibility, event_public: _public, ...row } = found;
  return { row, bytes, isPublic };
}
