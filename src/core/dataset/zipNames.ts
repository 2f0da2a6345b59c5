/** Code page 437, bytes 0x80–0xFF: what zips written without the UTF-8 flag (old Windows tools) use. */
const CP437_HIGH =
  'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0';

export type ZipNameEncoding = 'ASCII' | 'UTF-8' | 'CP437';

/** Bytes as CP437: every byte is a character, so nothing fails and no raw byte is shown. */
export function decodeCp437(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes)
    out += byte < 0x80 ? String.fromCharCode(byte) : CP437_HIGH[byte - 0x80];
  return out;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * A zip entry's name. With general-purpose flag bit 11 set the name is UTF-8;
 * otherwise the zip format says CP437. macOS's Archive Utility writes UTF-8
 * without setting the flag, so an unflagged name that is valid UTF-8 and not
 * plain ASCII is read as UTF-8: CP437 text is almost never valid UTF-8.
 */
export function decodeZipName(
  bytes: Uint8Array,
  utf8Flag: boolean,
): { name: string; encoding: ZipNameEncoding } {
  if (utf8Flag) return { name: new TextDecoder('utf-8').decode(bytes), encoding: 'UTF-8' };
  if (bytes.every((b) => b < 0x80)) return { name: decodeCp437(bytes), encoding: 'ASCII' };
  try {
    return { name: strictUtf8.decode(bytes), encoding: 'UTF-8' };
  } catch {
    return { name: decodeCp437(bytes), encoding: 'CP437' };
  }
}
