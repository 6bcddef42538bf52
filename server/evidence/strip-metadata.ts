// Strips what a photo says about where and with what it was taken (EXIF: GPS position, camera serial,
// time; XMP; IPTC; comments; text chunks) before it is stored, keeping only what displays it correctly:
// the colour profile and the orientation. Pure TypeScript over the container formats, no decoding: the
// picture data itself is copied byte for byte. A structure that cannot be walked is refused (null), never
// stored half-cleaned.

export type StrippableType = 'image/jpeg' | 'image/png' | 'image/webp';

/** The file without its metadata, or null when its structure is broken. */
export function stripMetadata(type: StrippableType, bytes: Uint8Array): Uint8Array | null {
  try {
    if (type === 'image/jpeg') return stripJpeg(bytes);
    if (type === 'image/png') return stripPng(bytes);
    return stripWebp(bytes);
  } catch (error) {
    if (error instanceof BrokenFile) return null;
    throw error;
  }
}

class BrokenFile extends Error {}

function need(condition: boolean): asserts condition {
  if (!condition) throw new BrokenFile();
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

function ascii(bytes: Uint8Array, start: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(start, start + length));
}

// ---------------------------------------------------------------- EXIF orientation (TIFF structure)

/** The Orientation tag (0x0112) of a TIFF structure (EXIF's body), or 1 when absent or unreadable. */
export function exifOrientation(tiff: Uint8Array): number {
  if (tiff.length < 8) return 1;
  const order = ascii(tiff, 0, 2);
  if (order !== 'II' && order !== 'MM') return 1;
  const view = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength);
  const little = order === 'II';
  const ifd = view.getUint32(4, little);
  if (ifd + 2 > tiff.length) return 1;
  const count = view.getUint16(ifd, little);
  for (let i = 0; i < count; i += 1) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > tiff.length) return 1;
    if (view.getUint16(entry, little) === 0x0112 && view.getUint16(entry + 2, little) === 3) {
      const value = view.getUint16(entry + 8, little);
      return value >= 1 && value <= 8 ? value : 1;
    }
  }
  return 1;
}

/** A TIFF structure holding only the Orientation tag (26 bytes, big-endian). */
function orientationOnlyTiff(orientation: number): Uint8Array {
  const tiff = new Uint8Array(26);
  const view = new DataView(tiff.buffer);
  tiff.set([0x4d, 0x4d, 0x00, 0x2a]); // "MM", 42
  view.setUint32(4, 8); // IFD0 right after the header
  view.setUint16(8, 1); // one entry
  view.setUint16(10, 0x0112); // Orientation
  view.setUint16(12, 3); // SHORT
  view.setUint32(14, 1); // one value
  view.setUint16(18, orientation);
  view.setUint32(22, 0); // no next IFD
  return tiff;
}

const EXIF_HEADER = new Uint8Array([0x45, 0x78, 0x69, 0x66, 0x00, 0x00]); // "Exif\0\0"

// ---------------------------------------------------------------- JPEG

/**
 * Walks the JPEG's segments: keeps the frame, tables, scans, JFIF (APP0), ICC profile (APP2
 * "ICC_PROFILE") and Adobe (APP14, needed to decode CMYK); drops EXIF and XMP (APP1), every other APPn
 * (IPTC in APP13, MPF thumbnails in APP2) and comments; writes back a minimal EXIF with the orientation
 * when it was not 1; drops anything after the end of the image (appended pictures, trailing data).
 */
function stripJpeg(bytes: Uint8Array): Uint8Array {
  need(bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8);
  const kept: Uint8Array[] = [bytes.subarray(0, 2)];
  let orientation = 1;
  let exifAt = -1; // where the minimal EXIF goes: after APP0 when there is one, else first
  let at = 2;
  for (;;) {
    need(at + 2 <= bytes.length && bytes[at] === 0xff);
    let marker = bytes[at + 1]!;
    while (marker === 0xff) {
      // fill bytes before a marker
      at += 1;
      need(at + 2 <= bytes.length);
      marker = bytes[at + 1]!;
    }
    if (marker === 0xd9) {
      kept.push(bytes.subarray(at, at + 2));
      break;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      kept.push(bytes.subarray(at, at + 2));
      at += 2;
      continue;
    }
    need(at + 4 <= bytes.length);
    const length = (bytes[at + 2]! << 8) | bytes[at + 3]!;
    need(length >= 2 && at + 2 + length <= bytes.length);
    const segment = bytes.subarray(at, at + 2 + length);
    const body = bytes.subarray(at + 4, at + 2 + length);
    let keep = true;
    if (marker === 0xe1) {
      keep = false;
      if (body.length > 6 && ascii(body, 0, 6) === 'Exif\0\0') orientation = exifOrientation(body.subarray(6));
    } else if (marker >= 0xe2 && marker <= 0xef) {
      keep =
        (marker === 0xe2 && body.length >= 12 && ascii(body, 0, 12) === 'ICC_PROFILE\0') ||
        (marker === 0xee && body.length >= 5 && ascii(body, 0, 5) === 'Adobe');
    } else if (marker === 0xfe) {
      keep = false;
    }
    if (keep) kept.push(segment);
    if (marker === 0xe0 && exifAt < 0) exifAt = kept.length;
    at += 2 + length;
    if (marker === 0xda) {
      // Entropy-coded data runs to the next marker that is not a stuffed 0xFF00 or a restart marker.
      const start = at;
      while (at + 1 < bytes.length) {
        if (bytes[at] === 0xff) {
          const next = bytes[at + 1]!;
          if (next !== 0x00 && !(next >= 0xd0 && next <= 0xd7) && next !== 0xff) break;
        }
        at += 1;
      }
      need(at + 1 < bytes.length);
      kept.push(bytes.subarray(start, at));
    }
  }
  if (orientation !== 1) {
    const tiff = orientationOnlyTiff(orientation);
    const length = 2 + EXIF_HEADER.length + tiff.length;
    const app1 = concat([new Uint8Array([0xff, 0xe1, length >> 8, length & 0xff]), EXIF_HEADER, tiff]);
    kept.splice(exifAt < 0 ? 1 : exifAt, 0, app1);
  }
  return concat(kept);
}

// ---------------------------------------------------------------- PNG

/** Ancillary chunks that say how to display the picture (colour, transparency, density, animation). */
const PNG_DISPLAY_CHUNKS = new Set([
  'tRNS',
  'cHRM',
  'gAMA',
  'iCCP',
  'sBIT',
  'sRGB',
  'cICP',
  'mDCv',
  'cLLi',
  'bKGD',
  'hIST',
  'pHYs',
  'sPLT',
  'acTL',
  'fcTL',
  'fdAT',
]);

/**
 * Keeps the critical chunks (IHDR, PLTE, IDAT, IEND and any other critical one) and the display chunks
 * above; drops text (tEXt, zTXt, iTXt: XMP lives there), eXIf, tIME and every other ancillary chunk, and
 * anything after IEND.
 */
function stripPng(bytes: Uint8Array): Uint8Array {
  need(bytes.length >= 8 && ascii(bytes, 1, 3) === 'PNG');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const kept: Uint8Array[] = [bytes.subarray(0, 8)];
  let at = 8;
  for (;;) {
    need(at + 12 <= bytes.length);
    const length = view.getUint32(at);
    need(at + 12 + length <= bytes.length);
    const type = ascii(bytes, at + 4, 4);
    const critical = (bytes[at + 4]! & 0x20) === 0;
    if (critical || PNG_DISPLAY_CHUNKS.has(type)) kept.push(bytes.subarray(at, at + 12 + length));
    at += 12 + length;
    if (type === 'IEND') break;
  }
  return concat(kept);
}

// ---------------------------------------------------------------- WebP

const VP8X_EXIF = 0x08;
const VP8X_XMP = 0x04;

/**
 * Walks the RIFF chunks: drops EXIF and XMP (writing back a minimal EXIF with the orientation when it
 * was not 1) and clears their flags in VP8X; every other chunk (VP8, VP8L, VP8X, ALPH, ICCP, ANIM, ANMF)
 * is copied; the RIFF size is recomputed.
 */
function stripWebp(bytes: Uint8Array): Uint8Array {
  need(bytes.length >= 12 && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = Math.min(bytes.length, 8 + view.getUint32(4, true));
  const chunks: Uint8Array[] = [];
  let orientation = 1;
  let vp8x: Uint8Array | null = null;
  let at = 12;
  while (at + 8 <= end) {
    const type = ascii(bytes, at, 4);
    const size = view.getUint32(at + 4, true);
    const padded = size + (size & 1);
    need(at + 8 + size <= end);
    const chunk = bytes.slice(at, Math.min(end, at + 8 + padded));
    if (type === 'EXIF') {
      let tiff = bytes.subarray(at + 8, at + 8 + size);
      if (tiff.length > 6 && ascii(tiff, 0, 6) === 'Exif\0\0') tiff = tiff.subarray(6);
      orientation = exifOrientation(tiff);
    } else if (type !== 'XMP ') {
      if (type === 'VP8X') vp8x = chunk;
      chunks.push(chunk);
    }
    at += 8 + padded;
  }
  need(at >= end - 1 && chunks.length > 0);
  if (vp8x) {
    need(vp8x.length >= 9);
    vp8x[8] = vp8x[8]! & ~(VP8X_EXIF | VP8X_XMP);
    if (orientation !== 1) {
      vp8x[8] = vp8x[8]! | VP8X_EXIF;
      const tiff = orientationOnlyTiff(orientation);
      const header = new Uint8Array(8);
      header.set([0x45, 0x58, 0x49, 0x46]); // "EXIF"
      new DataView(header.buffer).setUint32(4, tiff.length, true);
      chunks.push(header, tiff);
    }
  }
  const body = concat(chunks);
  const head = new Uint8Array(12);
  head.set(bytes.subarray(0, 12));
  new DataView(head.buffer).setUint32(4, body.length + 4, true);
  return concat([head, body]);
}
