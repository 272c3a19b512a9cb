// The text of a .csv as offices save it. Excel's "CSV UTF-8" writes a BOM; plain "CSV" on a Chinese
// Windows writes GB18030/GBK with no marker at all; "Unicode text" is UTF-16 with a BOM.

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

/**
 * The encoding: a BOM when there is one, else UTF-8 if the bytes are valid UTF-8, else GB18030.
 * Chinese text in GBK is almost never valid UTF-8 (its lead bytes 0x81–0xFE are followed by bytes
 * UTF-8 would reject), so trying UTF-8 strictly first is a safe test; GB18030 is a superset of GBK.
 */
export function detectEncoding(bytes: Uint8Array): TextEncodingName {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return 'utf-8';
  } catch {
    return 'gb18030';
  }
}

/** The bytes as text, the BOM dropped (TextDecoder drops it for the encoding it names). */
export function decodeText(bytes: Uint8Array): { readonly text: string; readonly encoding: TextEncodingName } {
  const encoding = detectEncoding(bytes);
  return { text: new TextDecoder(encoding).decode(bytes), encoding };
}
