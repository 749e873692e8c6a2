import { zipSync, type Zippable } from 'fflate';

/**
 * Test-only edits of real .zip files written by fflate's zipSync, to make the damaged and hostile
 * archives no spreadsheet program writes: a header that understates a size, an entry repeated.
 */

interface CentralEntry {
  name: string;
  /** Offset of the central directory record. */
  at: number;
  localOffset: number;
}

function centralEntries(zip: Uint8Array): CentralEntry[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const eocd = zip.length - 22;
  if (view.getUint32(eocd, true) !== 0x06054b50) throw new Error('zip with a comment: not supported by this helper');
  const count = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  const out: CentralEntry[] = [];
  for (let i = 0; i < count; i += 1) {
    const nameLength = view.getUint16(at + 28, true);
    const name = new TextDecoder().decode(zip.subarray(at + 46, at + 46 + nameLength));
    out.push({ name, at, localOffset: view.getUint32(at + 42, true) });
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return out;
}

/** A copy of `zip` whose headers (central and local) declare `entryName`'s inflated size as `size`. */
export function withDeclaredSize(zip: Uint8Array, entryName: string, size: (actual: number) => number): Uint8Array {
  const copy = zip.slice();
  const view = new DataView(copy.buffer);
  const entry = centralEntries(copy).find((e) => e.name === entryName);
  if (!entry) throw new Error(`no entry ${entryName}`);
  const declared = size(view.getUint32(entry.at + 24, true));
  view.setUint32(entry.at + 24, declared, true);
  view.setUint32(entry.localOffset + 22, declared, true);
  return copy;
}

/**
 * A zip holding `times` copies of the single entry of `zipSync(one)`, named by `nameOf`, deflated once:
 * a bomb of many large entries costs one compression.
 */
export function repeatedEntryZip(one: Zippable, times: number, nameOf: (i: number) => string, extra: Zippable = {}): Uint8Array {
  const single = zipSync(one);
  const [entry] = centralEntries(single);
  if (!entry) throw new Error('empty zip');
  const view = new DataView(single.buffer, single.byteOffset, single.byteLength);
  const compressed = view.getUint32(entry.at + 20, true);
  const localNameLength = view.getUint16(entry.localOffset + 26, true);
  const localExtraLength = view.getUint16(entry.localOffset + 28, true);
  const data = single.subarray(entry.localOffset + 30 + localNameLength + localExtraLength, entry.localOffset + 30 + localNameLength + localExtraLength + compressed);
  const centralFixed = single.subarray(entry.at, entry.at + 46);
  const localFixed = single.subarray(entry.localOffset, entry.localOffset + 30);

  const base = zipSync(extra);
  const baseEntries = centralEntries(base);
  const baseView = new DataView(base.buffer, base.byteOffset, base.byteLength);
  const baseCentralStart = baseView.getUint32(base.length - 22 + 16, true);
  const parts: Uint8Array[] = [base.subarray(0, baseCentralStart)];
  const centrals: Uint8Array[] = [base.subarray(baseCentralStart, base.length - 22)];
  let offset = baseCentralStart;
  for (let i = 0; i < times; i += 1) {
    const name = new TextEncoder().encode(nameOf(i));
    const local = new Uint8Array(30 + name.length);
    local.set(localFixed);
    new DataView(local.buffer).setUint16(26, name.length, true);
    new DataView(local.buffer).setUint16(28, 0, true);
    local.set(name, 30);
    const central = new Uint8Array(46 + name.length);
    central.set(centralFixed);
    const cv = new DataView(central.buffer);
    cv.setUint16(28, name.length, true);
    cv.setUint16(30, 0, true);
    cv.setUint16(32, 0, true);
    cv.setUint32(42, offset, true);
    central.set(name, 46);
    parts.push(local, data);
    centrals.push(central);
    offset += local.length + data.length;
  }
  const centralSize = centrals.reduce((n, c) => n + c.length, 0);
  const eocd = new Uint8Array(22);
  const ev = new DataView(eocd.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, baseEntries.length + times, true);
  ev.setUint16(10, baseEntries.length + times, true);
  ev.setUint32(12, centralSize, true);
  ev.setUint32(16, offset, true);
  const all = [...parts, ...centrals, eocd];
  const out = new Uint8Array(all.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of all) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
