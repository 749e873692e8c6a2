import { Inflate, strFromU8 } from 'fflate';
import { refusedReason, type RefusedReason } from '../api/refusal';
import { crc32 } from './crc32';

/**
 * What a .zip may expand to before anything is inflated. A zip bomb declares (or hides) a huge
 * inflated size in a small file; the caps refuse it up front, and the inflater stops at the declared
 * size, so a header that lies costs no more memory than one that tells the truth.
 */
export interface UnzipLimits {
  maxEntries: number;
  /** Inflated bytes of one entry that is read. */
  maxEntryBytes: number;
  /** Inflated bytes of all entries read together. */
  maxTotalBytes: number;
  /** Inflated ÷ compressed, for the entries read together, once they pass `ratioFloorBytes`. */
  maxRatio: number;
  /** Below this many inflated bytes the ratio is not checked (a few KB of XML compress 100-fold). */
  ratioFloorBytes: number;
}

/** An entry as the central directory declares it. */
export interface ZipEntryInfo {
  name: string;
  compressedSize: number;
  uncompressedSize: number;
}

export type UnzipResult = { ok: true; files: Map<string, Uint8Array> } | RefusedReason;

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const ZIP64_MARK = 0xffffffff;
/** Input is fed to the inflater in slices this small, so one push can add at most a few MB of output. */
const INFLATE_SLICE = 4096;

function mb(bytes: number): string {
  return `${Math.round(bytes / 1024 / 1024)} MB`;
}

/**
 * Reads the entries `select` wants from a .zip (PKWARE APPNOTE: stored and deflate, no ZIP64, no
 * encryption). Refused with a reason in Chinese (and coded), before inflating, when the declared sizes pass the
 * limits; each entry is inflated as a stream that stops once it passes its declared size, and its
 * length and CRC-32 must then match the central directory, so a damaged file is never read as a
 * shorter one.
 */
export function safeUnzip(bytes: Uint8Array, limits: UnzipLimits, select: (entry: ZipEntryInfo) => boolean = () => true): UnzipResult {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const eocd = findEndOfCentralDirectory(view);
  if (eocd < 0) return refusedReason('zip-not-a-zip');
  const entryCount = view.getUint16(eocd + 10, true);
  const directorySize = view.getUint32(eocd + 12, true);
  const directoryOffset = view.getUint32(eocd + 16, true);
  if (directoryOffset === ZIP64_MARK || entryCount === 0xffff) return refusedReason('zip-zip64');
  if (entryCount > limits.maxEntries) return refusedReason('zip-too-many-entries', { count: entryCount, max: limits.maxEntries });
  if (directoryOffset + directorySize > eocd) return refusedReason('zip-damaged');

  interface Wanted extends ZipEntryInfo {
    method: number;
    crc: number;
    localOffset: number;
  }
  const wanted: Wanted[] = [];
  let at = directoryOffset;
  for (let i = 0; i < entryCount; i += 1) {
    if (at + 46 > eocd || view.getUint32(at, true) !== CENTRAL_SIGNATURE) return refusedReason('zip-damaged');
    const flags = view.getUint16(at + 8, true);
    const method = view.getUint16(at + 10, true);
    const crc = view.getUint32(at + 16, true);
    const compressedSize = view.getUint32(at + 20, true);
    const uncompressedSize = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const localOffset = view.getUint32(at + 42, true);
    if (at + 46 + nameLength > eocd) return refusedReason('zip-damaged');
    // Bit 11: the name is UTF-8; otherwise read byte for byte, as fflate and most tools do.
    const name = strFromU8(bytes.subarray(at + 46, at + 46 + nameLength), (flags & 0x800) === 0);
    at += 46 + nameLength + extraLength + commentLength;
    const info: ZipEntryInfo = { name, compressedSize, uncompressedSize };
    if (name.endsWith('/') || !select(info)) continue;
    if (compressedSize === ZIP64_MARK || uncompressedSize === ZIP64_MARK || localOffset === ZIP64_MARK) {
      return refusedReason('zip-zip64');
    }
    if ((flags & 0x1) !== 0) return refusedReason('zip-entry-encrypted', { name });
    if (method !== 0 && method !== 8) return refusedReason('zip-entry-method', { name });
    wanted.push({ ...info, method, crc, localOffset });
  }

  let totalInflated = 0;
  let totalCompressed = 0;
  for (const entry of wanted) {
    if (entry.uncompressedSize > limits.maxEntryBytes) {
      return refusedReason('zip-entry-too-large', { name: entry.name, size: mb(entry.uncompressedSize), max: mb(limits.maxEntryBytes) });
    }
    totalInflated += entry.uncompressedSize;
    totalCompressed += entry.compressedSize;
  }
  if (totalInflated > limits.maxTotalBytes) {
    return refusedReason('zip-too-large', { size: mb(totalInflated), max: mb(limits.maxTotalBytes) });
  }
  if (totalInflated > limits.ratioFloorBytes && totalInflated > totalCompressed * limits.maxRatio) {
    return refusedReason('zip-ratio', { ratio: Math.round(totalInflated / Math.max(1, totalCompressed)), max: limits.maxRatio });
  }

  const files = new Map<string, Uint8Array>();
  for (const entry of wanted) {
    const data = entryData(view, bytes, entry.localOffset, entry.compressedSize);
    if (data === undefined) return refusedReason('zip-entry-damaged', { name: entry.name });
    const inflated = entry.method === 0 ? data : inflateAtMost(data, entry.uncompressedSize);
    if (inflated === undefined || inflated.length !== entry.uncompressedSize || crc32(inflated) !== entry.crc) {
      return refusedReason('zip-entry-damaged', { name: entry.name });
    }
    files.set(entry.name, inflated);
  }
  return { ok: true, files };
}

function findEndOfCentralDirectory(view: DataView): number {
  // The record is 22 bytes plus a comment of at most 65 535.
  const last = view.byteLength - 22;
  for (let at = last; at >= 0 && at >= last - 0xffff; at -= 1) {
    if (view.getUint32(at, true) === EOCD_SIGNATURE && at + 22 + view.getUint16(at + 20, true) === view.byteLength) return at;
  }
  return -1;
}

/** An entry's stored bytes, found through its local header (whose own name and extra lengths may differ). */
function entryData(view: DataView, bytes: Uint8Array, localOffset: number, compressedSize: number): Uint8Array | undefined {
  if (localOffset + 30 > view.byteLength || view.getUint32(localOffset, true) !== LOCAL_SIGNATURE) return undefined;
  const start = localOffset + 30 + view.getUint16(localOffset + 26, true) + view.getUint16(localOffset + 28, true);
  if (start + compressedSize > view.byteLength) return undefined;
  return bytes.subarray(start, start + compressedSize);
}

/** Inflates `data`, giving up (undefined) as soon as the output passes `declared` bytes or the stream is broken. */
function inflateAtMost(data: Uint8Array, declared: number): Uint8Array | undefined {
  const out = new Uint8Array(declared);
  let length = 0;
  let overflow = false;
  const inflater = new Inflate((chunk) => {
    if (overflow) return;
    if (length + chunk.length > declared) {
      overflow = true;
      return;
    }
    out.set(chunk, length);
    length += chunk.length;
  });
  try {
    for (let at = 0; at < data.length && !overflow; at += INFLATE_SLICE) {
      const end = Math.min(data.length, at + INFLATE_SLICE);
      inflater.push(data.subarray(at, end), end === data.length);
    }
    if (data.length === 0) inflater.push(new Uint8Array(0), true);
  } catch {
    return undefined;
  }
  return overflow ? undefined : out.subarray(0, length);
}
