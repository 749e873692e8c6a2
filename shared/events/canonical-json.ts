/**
 * RFC 8785 (JCS) canonical JSON: the same value always gives the same bytes, on every device.
 *
 * Byte for byte what the `canonicalize` package (4.0.0) gives, the same errors included (NaN,
 * Infinity, a lone surrogate, a circular reference), written for speed: every event's hash and
 * stored row go through it. test/unit/canonical-json.test.ts holds it against that package over
 * real days and random values.
 */
export function canonicalJson(value: unknown): string {
  const text = canonical(value, new Set());
  if (text === undefined) throw new Error('value cannot be canonicalised');
  return text;
}

// Any UTF-16 surrogate: only a string holding one needs the pairing walk below.
const SURROGATE = /[\uD800-\uDFFF]/;

function hasLoneSurrogate(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) {
      if (i === text.length - 1) return true;
      const next = text.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return true;
      i += 1;
    } else if (code >= 0xdc00 && code <= 0xdfff) return true;
  }
  return false;
}

function canonicalString(text: string): string {
  if (SURROGATE.test(text) && hasLoneSurrogate(text)) throw new Error('Lone surrogate is not allowed');
  return JSON.stringify(text);
}

/** undefined where JSON has no text for the value (undefined, a function, a symbol), as JSON.stringify. */
function canonical(value: unknown, seen: Set<object>): string | undefined {
  if (typeof value === 'string') return canonicalString(value);
  if (typeof value === 'number') {
    if (Number.isNaN(value)) throw new Error('NaN is not allowed');
    if (!Number.isFinite(value)) throw new Error('Infinity is not allowed');
    return JSON.stringify(value);
  }
  if (value === null || typeof value !== 'object') return JSON.stringify(value) as string | undefined;
  if (seen.has(value)) throw new Error('Circular reference detected');
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') {
    seen.add(value);
    const text = canonical((toJSON as () => unknown).call(value), seen);
    seen.delete(value);
    return text;
  }
  seen.add(value);
  let text = '';
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) {
      // A hole is empty, an undefined or symbol null, a function empty: as the package's map and join make them.
      if (!(i in value)) {
        if (i > 0) text += ',';
        continue;
      }
      const item: unknown = value[i];
      const part = canonical(item === undefined || typeof item === 'symbol' ? null : item, seen);
      text += i === 0 ? (part ?? '') : `,${part ?? ''}`;
    }
    text = `[${text}]`;
  } else {
    const record = value as Record<string, unknown>;
    // Default sort: UTF-16 code units, as RFC 8785 orders keys.
    const keys = Object.keys(record).sort();
    let first = true;
    for (const key of keys) {
      const item = record[key];
      if (item === undefined || typeof item === 'symbol') continue;
      // A template, as the package writes it: a function's value becomes the text "undefined".
      const part = `${canonicalString(key)}:${canonical(item, seen)}`;
      text += first ? part : `,${part}`;
      first = false;
    }
    text = `{${text}}`;
  }
  seen.delete(value);
  return text;
}
