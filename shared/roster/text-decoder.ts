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
  const Decoder = (globalThis as unknown as { TextDecoder?: TextDecoderConstructor }).TextDecoder;
  if (Decoder === undefined) return undefined;
  let decoder: TextDecoderLike;
  try {
    decoder = new Decoder(label, { fatal });
  } catch {
    return undefined;
  }
  try {
    return decoder.decode(bytes);
  } catch {
    return undefined;
  }
}
