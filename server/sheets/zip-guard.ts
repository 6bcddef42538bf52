import { inflateRawSync } from 'node:zlib';
import { AppError } from '../errors.ts';

// An .xlsx file is a zip archive. A small archive can unpack to gigabytes (a "zip bomb"), and exceljs
// would unpack it all in memory; this walks the archive first and inflates each entry with a hard cap,
// so a hostile or broken file costs at most the cap, and answers a 422 rather than taking the server down.

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const MAX_ENTRIES = 2000;

export const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04] as const;

export function looksLikeZip(bytes: Uint8Array): boolean {
  return ZIP_MAGIC.every((byte, index) => bytes[index] === byte);
}

function corrupt(why: string): AppError {
  return new AppError(
    422,
    'unreadable_file',
    `The file is not a readable .xlsx workbook (${why}); open it in Excel and save it again as .xlsx.`,
  );
}

function findEndOfCentralDirectory(view: DataView): number {
  // The record is 22 bytes plus a comment of at most 65535 bytes, at the very end.
  const lowest = Math.max(0, view.byteLength - 22 - 0xffff);
  for (let offset = view.byteLength - 22; offset >= lowest; offset--) {
    if (view.getUint32(offset, true) === EOCD_SIGNATURE) return offset;
  }
  throw corrupt('no zip directory');
}

/** Throws unless every entry of the archive inflates, all together, to at most `maxUnpackedBytes`. */
export function assertZipUnpacksWithin(bytes: Uint8Array, maxUnpackedBytes: number): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.byteLength < 22) throw corrupt('too short');
  const eocd = findEndOfCentralDirectory(view);
  const entries = view.getUint16(eocd + 10, true);
  let offset = view.getUint32(eocd + 16, true);
  if (entries > MAX_ENTRIES) throw corrupt(`${entries} parts`);
  let budget = maxUnpackedBytes;
  for (let n = 0; n < entries; n++) {
    if (offset + 46 > view.byteLength || view.getUint32(offset, true) !== CENTRAL_SIGNATURE)
      throw corrupt('broken zip directory');
    const method = view.getUint16(offset + 10, true);
    const compressedSize = view.getUint32(offset + 20, true);
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    const localOffset = view.getUint32(offset + 42, true);
    budget -= unpackedSize(view, bytes, { method, compressedSize, localOffset }, budget);
    offset += 46 + nameLength + extraLength + commentLength;
  }
}

function unpackedSize(
  view: DataView,
  bytes: Uint8Array,
  entry: { method: number; compressedSize: number; localOffset: number },
  budget: number,
): number {
  const { method, compressedSize, localOffset } = entry;
  if (localOffset + 30 > view.byteLength || view.getUint32(localOffset, true) !== LOCAL_SIGNATURE)
    throw corrupt('broken zip entry');
  const start = localOffset + 30 + view.getUint16(localOffset + 26, true) + view.getUint16(localOffset + 28, true);
  if (start + compressedSize > bytes.byteLength) throw corrupt('truncated');
  const data = bytes.subarray(start, start + compressedSize);
  if (method === 0) {
    if (compressedSize > budget) throw tooBig();
    return compressedSize;
  }
  if (method !== 8) throw corrupt(`unsupported compression ${method}`);
  try {
    return inflateRawSync(data, { maxOutputLength: Math.max(1, budget) }).byteLength;
  } catch (error) {
    if (error instanceof RangeError || (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw tooBig();
    throw corrupt('damaged data');
  }
}

function tooBig(): AppError {
  return new AppError(
    422,
    'file_too_large',
    'The workbook unpacks to more data than a unit list can need; remove other sheets, pictures or empty formatted rows and try again.',
  );
}
