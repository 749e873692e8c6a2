import canonicalize from 'canonicalize';

/** RFC 8785 (JCS) canonical JSON: the same value always gives the same bytes, on every device. */
export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new Error('value cannot be canonicalised');
  return text;
}
