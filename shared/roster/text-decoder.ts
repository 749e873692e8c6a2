/**
 * The WHATWG TextDecoder, a standard global in browsers and Node ≥ 11, typed here because
 * shared/tsconfig.json has neither the DOM nor Node's types (that is how it proves shared/ uses
 * neither). Reached through `globalThis` rather than a global declaration, which would clash with
 * lib.dom's where both are loaded.
 */
interface TextDecoderLike {
  decode(input: Uint8Array): string;
}
type TextDecoderConstructor = new (label: string, options?: { fatal?: boolean; ignoreBOM?: boolean }) => TextDecoderLike;

/**
 * Decodes `bytes` as `label`; with `fatal`, a malformed sequence gives undefined instead of U+FFFD.
 * Also undefined where the runtime lacks the encoding (a Node built without full ICU has no gb18030).
 * A leading byte-order mark of the encoding itself is dropped.
 */
export function decodeText(bytes: Uint8Array, label: string, fatal: boolean): string | undefined {
  const decoder = decoderFor(label, fatal);
  if (decoder === undefined) return undefined;
  try {
    return decoder.decode(bytes);
  } catch {
    return undefined;
  }
}

/** Decoders are reused: creating one (an ICU converter in Node) costs more than decoding a roster. */
const decoders = new Map<string, TextDecoderLike | undefined>();

function decoderFor(label: string, fatal: boolean): TextDecoderLike | undefined {
  const key = `${label}/${fatal}`;
  if (decoders.has(key)) return decoders.get(key);
  const Decoder = (globalThis as unknown as { TextDecoder?: TextDecoderConstructor }).TextDecoder;
  let decoder: TextDecoderLike | undefined;
  try {
    decoder = Decoder === undefined ? undefined : new Decoder(label, { fatal });
  } catch {
    decoder = undefined;
  }
  decoders.set(key, decoder);
  return decoder;
}
