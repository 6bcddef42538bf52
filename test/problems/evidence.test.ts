import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../server/auth/password.ts';
import { loadConfig } from '../../server/config.ts';
import type { Db } from '../../server/db/database.ts';
import type { UserRole } from '../../server/db/schema.ts';
import { createFolderEvidenceStore, defaultEvidenceDir } from '../../server/evidence/evidence-store.ts';
import { displayFileName, listEvidence } from '../../server/evidence/evidence.service.ts';
import { exifOrientation, stripMetadata } from '../../server/evidence/strip-metadata.ts';
import { createProblem, moveProblem, type Actor } from '../../server/problems/problem-writes.ts';
import type { ProblemState } from '../../server/db/schema.ts';
import { serveOnLoopback } from '../support/http-server.ts';
import { signIn } from '../support/sign-in.ts';
import { createTestApp } from '../support/test-app.ts';
import { describeEachDialect } from '../support/test-db.ts';

const MIB = 1024 * 1024;
const now = new Date('2026-10-12T02:00:00Z');
const office: Actor = { kind: 'office', userId: null };

// ------------------------------------------------------------------ fixtures, made here byte by byte

const bytesOf = (text: string) => new TextEncoder().encode(text);
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const contains = (haystack: Uint8Array, needle: string) => Buffer.from(haystack).includes(Buffer.from(needle));

function concat(...parts: Uint8Array[]): Uint8Array {
  return new Uint8Array(Buffer.concat(parts));
}

/** A TIFF structure (big-endian) with Orientation, Make and a GPS pointer to a GPS IFD with a latitude ref. */
function exifTiff(orientation: number, make: string): Uint8Array {
  const makeBytes = bytesOf(`${make}\0`);
  const ifd0 = 8;
  const ifd0Size = 2 + 3 * 12 + 4;
  const makeAt = ifd0 + ifd0Size;
  const gpsAt = makeAt + makeBytes.length;
  const gpsSize = 2 + 12 + 4;
  const tiff = new Uint8Array(gpsAt + gpsSize);
  const view = new DataView(tiff.buffer);
  tiff.set([0x4d, 0x4d, 0x00, 0x2a]);
  view.setUint32(4, ifd0);
  view.setUint16(ifd0, 3);
  const entry = (at: number, tag: number, type: number, count: number, value: number, short = false) => {
    view.setUint16(at, tag);
    view.setUint16(at + 2, type);
    view.setUint32(at + 4, count);
    if (short) view.setUint16(at + 8, value);
    else view.setUint32(at + 8, value);
  };
  entry(ifd0 + 2, 0x010f, 2, makeBytes.length, makeAt); // Make (ASCII)
  entry(ifd0 + 14, 0x0112, 3, 1, orientation, true); // Orientation
  entry(ifd0 + 26, 0x8825, 4, 1, gpsAt); // GPSInfo
  tiff.set(makeBytes, makeAt);
  view.setUint16(gpsAt, 1);
  entry(gpsAt + 2, 0x0001, 2, 2, 0x4e000000); // GPSLatitudeRef "N"
  return tiff;
}

function segment(marker: number, body: Uint8Array): Uint8Array {
  const length = body.length + 2;
  return concat(new Uint8Array([0xff, marker, length >> 8, length & 0xff]), body);
}

/** A JPEG's structure (not decodable pixels): what the server reads is the structure, never the picture. */
function jpeg(options: { orientation?: number; secret?: string } = {}): Uint8Array {
  const parts: Uint8Array[] = [new Uint8Array([0xff, 0xd8])];
  parts.push(segment(0xe0, concat(bytesOf('JFIF\0'), new Uint8Array([1, 1, 0, 0, 1, 0, 1, 0, 0]))));
  if (options.secret) {
    parts.push(segment(0xe1, concat(bytesOf('Exif\0\0'), exifTiff(options.orientation ?? 1, options.secret))));
    parts.push(segment(0xe1, bytesOf(`http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>${options.secret}</x:xmpmeta>`)));
    parts.push(segment(0xed, bytesOf(`Photoshop 3.0\0${options.secret}`)));
    parts.push(segment(0xfe, bytesOf(`comment ${options.secret}`)));
  }
  parts.push(segment(0xe2, concat(bytesOf('ICC_PROFILE\0'), new Uint8Array([1, 1, 9, 9, 9]))));
  parts.push(segment(0xdb, new Uint8Array(65).fill(1)));
  parts.push(segment(0xc0, new Uint8Array([8, 0, 8, 0, 8, 1, 1, 0x11, 0])));
  parts.push(segment(0xc4, new Uint8Array(20).fill(0)));
  parts.push(segment(0xda, new Uint8Array([1, 1, 0, 0, 63, 0])));
  parts.push(new Uint8Array([0x12, 0xff, 0x00, 0x34, 0xff, 0xd0, 0x56, 0x78]));
  parts.push(new Uint8Array([0xff, 0xd9]));
  if (options.secret) parts.push(bytesOf(`appended ${options.secret}`));
  return concat(...parts);
}

function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const head = new Uint8Array(8);
  new DataView(head.buffer).setUint32(0, data.length);
  head.set(bytesOf(type), 4);
  const crc = new Uint8Array(4);
  new DataView(crc.buffer).setUint32(0, crc32(concat(bytesOf(type), data)));
  return concat(head, data, crc);
}

function png(options: { secret?: string; idatBytes?: number; seed?: number } = {}): Uint8Array {
  const ihdr = new Uint8Array(13);
  new DataView(ihdr.buffer).setUint32(0, 1);
  new DataView(ihdr.buffer).setUint32(4, 1);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const idat = new Uint8Array(options.idatBytes ?? 12).fill(options.seed ?? 7);
  return concat(
    new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    ...(options.secret
      ? [pngChunk('tEXt', bytesOf(`Author\0${options.secret}`)), pngChunk('tIME', new Uint8Array(7))]
      : []),
    pngChunk('sRGB', new Uint8Array([0])),
    pngChunk('IDAT', idat),
    pngChunk('IEND', new Uint8Array(0)),
  );
}

function riffChunk(type: string, data: Uint8Array): Uint8Array {
  const head = new Uint8Array(8);
  head.set(bytesOf(type));
  new DataView(head.buffer).setUint32(4, data.length, true);
  return concat(head, data, data.length % 2 ? new Uint8Array(1) : new Uint8Array(0));
}

function webp(options: { orientation?: number; secret?: string } = {}): Uint8Array {
  const vp8x = new Uint8Array(10);
  vp8x[0] = options.secret ? 0x08 | 0x04 : 0;
  const body = concat(
    bytesOf('WEBP'),
    riffChunk('VP8X', vp8x),
    riffChunk('VP8L', new Uint8Array([0x2f, 0, 0, 0, 0x10, 0x07, 0x10, 0x11, 0x11, 0x88, 0x88, 0xfe, 0x07])),
    ...(options.secret
      ? [
          riffChunk('EXIF', exifTiff(options.orientation ?? 1, options.secret)),
          riffChunk('XMP ', bytesOf(`<x:xmpmeta>${options.secret}</x:xmpmeta>`)),
        ]
      : []),
  );
  const head = new Uint8Array(8);
  head.set(bytesOf('RIFF'));
  new DataView(head.buffer).setUint32(4, body.length, true);
  return concat(head, body);
}

function pdf(size = 0): Uint8Array {
  const text = bytesOf('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');
  if (size <= text.length) return text;
  const out = new Uint8Array(size).fill(0x20);
  out.set(text);
  return out;
}

/** The TIFF inside a JPEG's first EXIF segment, or null. */
function jpegExif(bytes: Uint8Array): Uint8Array | null {
  for (let at = 2; at + 4 < bytes.length;) {
    const marker = bytes[at + 1]!;
    const length = (bytes[at + 2]! << 8) | bytes[at + 3]!;
    if (marker === 0xe1) return bytes.subarray(at + 10, at + 2 + length);
    if (marker === 0xda) return null;
    at += 2 + length;
  }
  return null;
}

// ------------------------------------------------------------------ pure parts

describe('metadata stripping', () => {
  it('drops EXIF (GPS, make), XMP, IPTC, comments and trailing data from a JPEG, keeping the ICC profile, scans and orientation', () => {
    const original = jpeg({ orientation: 6, secret: 'SecretCam-4711' });
    const clean = stripMetadata('image/jpeg', original)!;
    expect(clean).not.toBeNull();
    expect(contains(clean, 'SecretCam-4711')).toBe(false);
    expect(contains(clean, 'ICC_PROFILE')).toBe(true);
    expect(contains(clean, 'JFIF')).toBe(true);
    expect(exifOrientation(jpegExif(clean)!)).toBe(6);
    // The scan data is copied byte for byte, up to and with the end-of-image marker.
    expect(
      Buffer.from(clean.subarray(clean.length - 10)).equals(
        Buffer.from(original.subarray(-10 - 'appended SecretCam-4711'.length, -'appended SecretCam-4711'.length)),
      ),
    ).toBe(true);
    // A clean photo stays as it was; stripping twice changes nothing more.
    expect(Buffer.from(stripMetadata('image/jpeg', clean)!).equals(Buffer.from(clean))).toBe(true);
    const plain = jpeg();
    expect(Buffer.from(stripMetadata('image/jpeg', plain)!).equals(Buffer.from(plain))).toBe(true);
    expect(jpegExif(stripMetadata('image/jpeg', jpeg({ orientation: 1, secret: 'x' }))!)).toBeNull();
  });

  it('drops text, time and other ancillary chunks from a PNG, and EXIF and XMP from a WebP (flags cleared, orientation kept)', () => {
    const cleanPng = stripMetadata('image/png', png({ secret: 'Author-Secret' }))!;
    expect(contains(cleanPng, 'Author-Secret')).toBe(false);
    expect(contains(cleanPng, 'tIME')).toBe(false);
    expect(Buffer.from(cleanPng).equals(Buffer.from(png()))).toBe(true);

    const cleanWebp = stripMetadata('image/webp', webp({ orientation: 3, secret: 'WebpSecret' }))!;
    expect(contains(cleanWebp, 'WebpSecret')).toBe(false);
    expect(contains(cleanWebp, 'XMP ')).toBe(false);
    const view = new DataView(cleanWebp.buffer, cleanWebp.byteOffset);
    expect(view.getUint32(4, true)).toBe(cleanWebp.length - 8);
    expect(cleanWebp[20]! & 0x04).toBe(0); // XMP flag cleared
    expect(cleanWebp[20]! & 0x08).toBe(0x08); // EXIF kept for the orientation only
    const exifAt = Buffer.from(cleanWebp).indexOf('EXIF');
    expect(exifOrientation(cleanWebp.subarray(exifAt + 8))).toBe(3);
    const noOrientation = stripMetadata('image/webp', webp({ secret: 'WebpSecret' }))!;
    expect(contains(noOrientation, 'EXIF')).toBe(false);
    expect(noOrientation[20]! & 0x0c).toBe(0);
  });

  it('refuses a broken structure rather than storing it half-cleaned', () => {
    const original = jpeg({ secret: 's' });
    expect(stripMetadata('image/jpeg', original.subarray(0, 30))).toBeNull();
    expect(stripMetadata('image/png', png().subarray(0, 20))).toBeNull();
    expect(stripMetadata('image/webp', webp().subarray(0, 25))).toBeNull();
  });

  it('keeps a display name only: last segment, no control or direction marks, at most 200 characters', () => {
    expect(displayFileName('C:\\Users\\zhang\\整改照片.jpg')).toBe('整改照片.jpg');
    expect(displayFileName('../../etc/passwd')).toBe('passwd');
    expect(displayFileName('a\u202egpj.exe')).toBe('agpj.exe');
    expect(displayFileName('..')).toBe('file');
    expect(Array.from(displayFileName('照'.repeat(300))).length).toBe(200);
  });

  it('puts the default folder beside the SQLite file, or under ./data for PostgreSQL', () => {
    expect(defaultEvidenceDir('file:/srv/pingyi/pingyi.sqlite')).toBe('/srv/pingyi/evidence');
    expect(defaultEvidenceDir('postgres://u@h/db')).toBe(join(process.cwd(), 'data', 'evidence'));
  });

  it('stores content once by its hash, atomically, and refuses keys that are not hashes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pingyi-evidence-store-'));
    const store = createFolderEvidenceStore(dir);
    const bytes = png({ seed: 1 });
    const first = await store.put(bytes);
    const second = await store.put(bytes);
    expect(first).toEqual({ key: sha256(bytes), sha256: sha256(bytes), written: true });
    expect(second.written).toBe(false);
    expect(readdirSync(join(dir, first.key.slice(0, 2)))).toEqual([first.key]);
    expect(readdirSync(join(dir, 'tmp'))).toEqual([]);
    expect(Buffer.from((await store.get(first.key))!).equals(Buffer.from(bytes))).toBe(true);
    expect(await store.has(first.key)).toBe(true);
    expect(await store.get('../../etc/passwd')).toBeNull();
    expect(await store.has('0'.repeat(64))).toBe(false);
  });
});

// ------------------------------------------------------------------ the API, on both dialects

async function addUser(db: Db, username: string, role: UserRole, unitId: number | null) {
  await db
    .insertInto('users')
    .values({
      username,
      display_name: username,
      role,
      unit_id: unitId,
      password_hash: await hashPassword('correct horse battery staple'),
      must_change_password: 0,
      disabled: 0,
      created_at: now.toISOString(),
    })
    .execute();
}

async function addUnit(db: Db, code: string): Promise<number> {
  const row = await db
    .insertInto('units')
    .values({
      code,
      name: `${code}局`,
      name_en: `${code} Bureau`,
      parent_id: null,
      level: 'department',
      category_id: null,
      sort_order: 0,
      active: 1,
      created_at: now.toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A problem moved to `state` by the office (filed straight away, as an inspection's finding is). */
async function problemIn(db: Db, unitId: number, state: ProblemState, visibility: 'public' | 'internal' = 'public') {
  const initial = state === 'draft' ? 'draft' : 'filed';
  const problem = await createProblem(
    db,
    { unit_id: unitId, title: `问题 ${state}`, detail: '窗口排队久', source: 'inspection', visibility },
    office,
    now,
    initial,
  );
  if (state === 'in_progress' || state === 'claimed' || state === 'closed') {
    await moveProblem(db, problem.id, { action: 'start' }, office, now);
  }
  if (state === 'claimed' || state === 'closed') {
    await moveProblem(db, problem.id, { action: 'claim', note: '已整改' }, office, now);
  }
  if (state === 'closed') await moveProblem(db, problem.id, { action: 'close' }, office, now);
  return problem.id;
}

interface Upload {
  name: string;
  bytes: Uint8Array;
  type?: string;
}

describeEachDialect('evidence of a fix', (database) => {
  let server: Awaited<ReturnType<typeof serveOnLoopback>>;
  let evidenceDir: string;
  const cookies: Record<string, string> = {};
  const problems: Record<string, number> = {};
  let unitA: number;

  async function upload(who: string | null, problemId: number, files: Upload[], extra: Record<string, string> = {}) {
    const form = new FormData();
    for (const file of files)
      form.append(
        'file',
        new Blob([file.bytes as Uint8Array<ArrayBuffer>], { type: file.type ?? 'image/jpeg' }),
        file.name,
      );
    if (extra.note) form.append('note', extra.note);
    const headers: Record<string, string> = { 'x-pingyi-upload': '1' };
    if (who) headers.cookie = cookies[who]!;
    if (extra.noHeader) delete headers['x-pingyi-upload'];
    const response = await fetch(`${server.baseUrl}/api/problems/${problemId}/evidence`, {
      method: 'POST',
      headers,
      body: form,
    });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the answers are checked field by field
    return { status: response.status, body: (await response.json()) as Record<string, any> };
  }

  async function read(who: string | null, url: string, headers: Record<string, string> = {}) {
    return fetch(`${server.baseUrl}${url}`, { headers: { ...headers, ...(who ? { cookie: cookies[who]! } : {}) } });
  }

  beforeAll(async () => {
    const { db } = database();
    unitA = await addUnit(db, 'EVA');
    const unitB = await addUnit(db, 'EVB');
    await addUser(db, 'ev-office', 'admin', null);
    await addUser(db, 'ev-leader', 'leader', null);
    await addUser(db, 'ev-staff-a', 'unit_staff', unitA);
    await addUser(db, 'ev-staff-b', 'unit_staff', unitB);
    evidenceDir = mkdtempSync(join(tmpdir(), 'pingyi-evidence-api-'));
    const { app } = createTestApp(database(), { evidence: createFolderEvidenceStore(evidenceDir) });
    server = await serveOnLoopback(app);
    for (const [who, name] of [
      ['office', 'ev-office'],
      ['leader', 'ev-leader'],
      ['staffA', 'ev-staff-a'],
      ['staffB', 'ev-staff-b'],
    ] as const) {
      cookies[who] = await signIn(app, name, 'correct horse battery staple');
    }
    problems.draft = await problemIn(db, unitA, 'draft');
    problems.filed = await problemIn(db, unitA, 'filed');
    problems.inProgress = await problemIn(db, unitA, 'in_progress');
    problems.claimed = await problemIn(db, unitA, 'claimed');
    problems.closed = await problemIn(db, unitA, 'closed');
    problems.internal = await problemIn(db, unitA, 'in_progress', 'internal');
  });

  afterAll(async () => {
    await server?.close();
  });

  it('accepts JPEG, PNG, WebP and PDF by content whatever their names, strips photo metadata, and records one public timeline entry', async () => {
    const { db } = database();
    const photo = jpeg({ orientation: 6, secret: 'SecretCam-4711' });
    const result = await upload(
      'staffA',
      problems.inProgress!,
      [
        { name: '现场照片.jpg', bytes: photo },
        { name: 'scan.bin', bytes: png({ seed: 2 }), type: 'application/octet-stream' },
        { name: '照片.webp', bytes: webp({ secret: 'WebpSecret' }) },
        { name: '验收报告.pdf', bytes: pdf(), type: 'application/pdf' },
      ],
      { note: '已增开两个窗口，附现场照片和验收报告' },
    );
    expect(result.status).toBe(201);
    expect(result.body.state).toBe('in_progress');
    const evidence = result.body.evidence as {
      id: string;
      mediaType: string;
      fileName: string;
      url: string;
      bytes: number;
      eventId: number;
    }[];
    expect(evidence.map((e) => e.mediaType)).toEqual(['image/jpeg', 'image/png', 'image/webp', 'application/pdf']);
    expect(evidence.map((e) => e.fileName)).toEqual(['现场照片.jpg', 'scan.bin', '照片.webp', '验收报告.pdf']);

    const events = await db
      .selectFrom('problem_events')
      .selectAll()
      .where('problem_id', '=', problems.inProgress!)
      .orderBy('id')
      .execute();
    const entry = events.at(-1)!;
    expect(entry).toMatchObject({
      action: 'evidence',
      from_state: 'in_progress',
      to_state: 'in_progress',
      public: 1,
      note: '已增开两个窗口，附现场照片和验收报告',
    });
    expect(entry.id).toBe(result.body.eventId);
    const rows = await db.selectFrom('problem_evidence').selectAll().where('event_id', '=', entry.id).execute();
    expect(rows).toHaveLength(4);

    // The hash stored is the SHA-256 of the bytes stored and served; the photo's metadata is gone.
    for (const row of rows) {
      const response = await read(null, `/api/evidence/${row.id}`);
      expect(response.status).toBe(200);
      const served = new Uint8Array(await response.arrayBuffer());
      expect(sha256(served)).toBe(row.sha256);
      expect(served.length).toBe(row.bytes);
      expect(row.storage_key).toBe(row.sha256);
    }
    const jpegRow = rows.find((r) => r.media_type === 'image/jpeg')!;
    const storedJpeg = new Uint8Array(await (await read(null, `/api/evidence/${jpegRow.id}`)).arrayBuffer());
    expect(contains(storedJpeg, 'SecretCam-4711')).toBe(false);
    expect(exifOrientation(jpegExif(storedJpeg)!)).toBe(6);
    const pngRow = rows.find((r) => r.media_type === 'image/png')!;
    expect(pngRow.sha256).toBe(sha256(png({ seed: 2 })));

    expect((await listEvidence(db, problems.inProgress!, true)).map((e) => e.id).sort()).toEqual(
      rows.map((r) => r.id).sort(),
    );
  });

  it('refuses disguised and unknown files by content: HTML named .jpg, SVG, an EXE, plain text; and an empty file', async () => {
    const cases: [Upload, string, number][] = [
      [{ name: 'photo.jpg', bytes: bytesOf('<!doctype html><script>alert(1)</script>') }, 'evidence_type_refused', 415],
      [
        {
          name: 'logo.svg',
          bytes: bytesOf('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
          type: 'image/svg+xml',
        },
        'evidence_type_refused',
        415,
      ],
      [
        { name: 'report.pdf', bytes: concat(bytesOf('MZ'), new Uint8Array(200)), type: 'application/pdf' },
        'evidence_type_refused',
        415,
      ],
      [{ name: 'notes.png', bytes: bytesOf('just some words') }, 'evidence_type_refused', 415],
      [{ name: 'anim.gif', bytes: concat(bytesOf('GIF89a'), new Uint8Array(20)) }, 'evidence_type_refused', 415],
      [{ name: 'empty.jpg', bytes: new Uint8Array(0) }, 'evidence_empty', 422],
      [{ name: 'broken.jpg', bytes: jpeg({ secret: 'x' }).subarray(0, 40) }, 'evidence_unreadable', 422],
    ];
    const { db } = database();
    const before = await db
      .selectFrom('problem_evidence')
      .select((e) => e.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    for (const [file, code, status] of cases) {
      const result = await upload('staffA', problems.filed!, [file]);
      expect([file.name, result.status, result.body.error?.code]).toEqual([file.name, status, code]);
    }
    // One bad file among good ones refuses the whole upload: nothing is recorded.
    const mixed = await upload('staffA', problems.filed!, [{ name: 'ok.png', bytes: png({ seed: 3 }) }, cases[0]![0]]);
    expect(mixed.body.error.code).toBe('evidence_type_refused');
    const after = await db
      .selectFrom('problem_evidence')
      .select((e) => e.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('takes a 9 MiB file past the 1 MiB API body limit and refuses an 11 MiB one with 413, no file, too many files', async () => {
    const nine = await upload('staffA', problems.filed!, [
      { name: 'big.pdf', bytes: pdf(9 * MIB), type: 'application/pdf' },
    ]);
    expect(nine.status).toBe(201);
    expect(nine.body.evidence[0].bytes).toBe(9 * MIB);
    const eleven = await upload('staffA', problems.filed!, [
      { name: 'bigger.pdf', bytes: pdf(11 * MIB), type: 'application/pdf' },
    ]);
    expect(eleven.status).toBe(413);
    expect(eleven.body.error.code).toBe('evidence_too_large');
    expect(Object.keys(eleven.body)).toEqual(['error']);
    const none = await upload('staffA', problems.filed!, []);
    expect([none.status, none.body.error.code]).toEqual([422, 'evidence_empty']);
    const six = await upload(
      'staffA',
      problems.filed!,
      Array.from({ length: 6 }, (_, i) => ({ name: `p${i}.png`, bytes: png({ seed: 10 + i }) })),
    );
    expect([six.status, six.body.error.code]).toEqual([422, 'evidence_too_many']);
  });

  it('refuses a whole body over its own limit (413), and an upload that is not multipart or lacks the upload header', async () => {
    const small = createTestApp(database(), {
      config: loadConfig({ DATABASE_URL: database().url, EVIDENCE_MAX_MB: '1' }),
      evidence: createFolderEvidenceStore(evidenceDir),
    });
    const smallServer = await serveOnLoopback(small.app);
    try {
      const form = new FormData();
      form.append('file', new Blob([pdf(6 * MIB) as Uint8Array<ArrayBuffer>]), 'a.pdf');
      const response = await fetch(`${smallServer.baseUrl}/api/problems/${problems.filed}/evidence`, {
        method: 'POST',
        headers: { cookie: cookies.staffA!, 'x-pingyi-upload': '1' },
        body: form,
      });
      expect(response.status).toBe(413);
      expect((await response.json()).error.code).toBe('payload_too_large');
    } finally {
      await smallServer.close();
    }
    const noHeader = await upload('staffA', problems.filed!, [{ name: 'a.png', bytes: png() }], { noHeader: '1' });
    expect([noHeader.status, noHeader.body.error.code]).toEqual([403, 'cross_site_request']);
    const crossSite = await fetch(`${server.baseUrl}/api/problems/${problems.filed}/evidence`, {
      method: 'POST',
      headers: {
        cookie: cookies.staffA!,
        'x-pingyi-upload': '1',
        'sec-fetch-site': 'cross-site',
        'content-type': 'multipart/form-data; boundary=x',
      },
      body: '--x--',
    });
    expect([crossSite.status, (await crossSite.json()).error.code]).toEqual([403, 'cross_site_request']);
    const json = await fetch(`${server.baseUrl}/api/problems/${problems.filed}/evidence`, {
      method: 'POST',
      headers: { cookie: cookies.staffA!, 'x-pingyi-upload': '1', 'content-type': 'application/json' },
      body: '{}',
    });
    expect([json.status, (await json.json()).error.code]).toEqual([415, 'unsupported_media_type']);
  });

  it('stores the same content once, however often and wherever it is uploaded', async () => {
    const { db } = database();
    const photo = png({ seed: 42, idatBytes: 300 });
    const first = await upload('office', problems.filed!, [{ name: 'a.png', bytes: photo }]);
    const second = await upload('staffA', problems.claimed!, [{ name: 'b.png', bytes: photo }]);
    expect([first.status, second.status]).toEqual([201, 201]);
    const hash = sha256(photo);
    const rows = await db
      .selectFrom('problem_evidence')
      .select(['id', 'problem_id'])
      .where('sha256', '=', hash)
      .execute();
    expect(rows.map((r) => r.problem_id).sort()).toEqual([problems.filed, problems.claimed].sort());
    expect(readdirSync(join(evidenceDir, hash.slice(0, 2))).filter((name) => name === hash)).toHaveLength(1);
  });

  it('refuses the wrong role (leader 403, signed out 401), another unit (404) and the wrong state (409), storing nothing', async () => {
    const { db } = database();
    const photo = png({ seed: 99, idatBytes: 77 });
    const leader = await upload('leader', problems.filed!, [{ name: 'a.png', bytes: photo }]);
    expect([leader.status, leader.body.error.code]).toEqual([403, 'forbidden']);
    const anonymous = await upload(null, problems.filed!, [{ name: 'a.png', bytes: photo }]);
    expect([anonymous.status, anonymous.body.error.code]).toEqual([401, 'unauthorized']);
    const other = await upload('staffB', problems.filed!, [{ name: 'a.png', bytes: photo }]);
    expect([other.status, other.body.error.code]).toEqual([404, 'not_found']);
    for (const state of ['draft', 'closed'] as const) {
      for (const who of ['staffA', 'office']) {
        const wrong = await upload(who, problems[state]!, [{ name: 'a.png', bytes: photo }]);
        expect([state, who, wrong.status, wrong.body.error.code, wrong.body.error.state]).toEqual([
          state,
          who,
          409,
          'problem_wrong_state',
          state,
        ]);
      }
    }
    const missing = await upload('office', 999_999, [{ name: 'a.png', bytes: photo }]);
    expect(missing.status).toBe(404);
    expect(await db.selectFrom('problem_evidence').select('id').where('sha256', '=', sha256(photo)).execute()).toEqual(
      [],
    );
    expect(
      readdirSync(evidenceDir).includes(sha256(photo).slice(0, 2)) &&
        readdirSync(join(evidenceDir, sha256(photo).slice(0, 2))).includes(sha256(photo)),
    ).toBe(false);
  });

  it('serves the bytes with their type, nosniff, a sandbox CSP, an inline UTF-8 name and cache headers; 304 on the same hash', async () => {
    const result = await upload('staffA', problems.claimed!, [
      { name: '整改 "前后" 对比.jpg', bytes: jpeg({ secret: 'y' }) },
    ]);
    const { url } = result.body.evidence[0];
    const response = await read(null, url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/jpeg');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toContain('sandbox');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(response.headers.get('content-disposition')).toBe(
      `inline; filename*=UTF-8''${encodeURIComponent('整改 "前后" 对比.jpg')}`,
    );
    expect(response.headers.get('cache-control')).toBe('public, max-age=86400, immutable');
    const etag = response.headers.get('etag')!;
    expect((await read(null, url, { 'if-none-match': etag })).status).toBe(304);
  });

  it('lets the public read only evidence of a filed, public problem; staff by role and unit', async () => {
    const internal = await upload('office', problems.internal!, [{ name: 'internal.png', bytes: png({ seed: 5 }) }]);
    expect(internal.status).toBe(201);
    const url = internal.body.evidence[0].url as string;
    expect((await read(null, url)).status).toBe(404);
    expect((await read('staffB', url)).status).toBe(404);
    const staff = await read('staffA', url);
    expect(staff.status).toBe(200);
    expect(staff.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
    expect((await read('leader', url)).status).toBe(200);
    expect((await read('office', url)).status).toBe(200);
    expect((await read(null, '/api/evidence/no-such-id')).status).toBe(404);
    expect((await read(null, '/api/evidence/..%2F..%2Fetc')).status).toBe(400);

    // A public problem's evidence is public once filed (and stays so when closed).
    const { db } = database();
    const open = await upload('staffA', problems.claimed!, [{ name: 'c.png', bytes: png({ seed: 6 }) }]);
    await moveProblem(db, problems.claimed!, { action: 'close' }, office, now);
    expect((await read(null, open.body.evidence[0].url)).status).toBe(200);
    expect((await read('staffB', open.body.evidence[0].url)).status).toBe(200);
  });

  it('re-checks the hash on every read: a changed file is refused, not served', async () => {
    const result = await upload('staffA', problems.filed!, [{ name: 'd.png', bytes: png({ seed: 8, idatBytes: 40 }) }]);
    const hash = sha256(png({ seed: 8, idatBytes: 40 }));
    writeFileSync(join(evidenceDir, hash.slice(0, 2), hash), png({ seed: 9, idatBytes: 40 }));
    const response = await read('office', result.body.evidence[0].url);
    expect(response.status).toBe(500);
    expect((await response.json()).error.code).toBe('evidence_unavailable');
    writeFileSync(join(evidenceDir, hash.slice(0, 2), hash), png({ seed: 8, idatBytes: 40 }));
    expect((await read('office', result.body.evidence[0].url)).status).toBe(200);
  });
});
