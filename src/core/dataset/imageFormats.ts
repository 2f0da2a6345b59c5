/**
 * What a file holds, read from its first bytes rather than its extension,
 * and what to say about the formats the decoder does not read.
 */
export type SniffedFormat =
  | 'jpeg'
  | 'png'
  | 'webp'
  | 'gif'
  | 'bmp'
  | 'tiff'
  | 'zip'
  | 'empty'
  | 'unknown';

const startsWith = (bytes: Uint8Array, ...sig: number[]) => sig.every((b, i) => bytes[i] === b);
const ascii = (bytes: Uint8Array, from: number, text: string) =>
  [...text].every((c, i) => bytes[from + i] === c.charCodeAt(0));

export function sniffFormat(bytes: Uint8Array): SniffedFormat {
  if (bytes.length === 0) return 'empty';
  if (startsWith(bytes, 0xff, 0xd8, 0xff)) return 'jpeg';
  if (startsWith(bytes, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'png';
  if (ascii(bytes, 0, 'RIFF') && ascii(bytes, 8, 'WEBP')) return 'webp';
  if (ascii(bytes, 0, 'GIF8')) return 'gif';
  if (ascii(bytes, 0, 'BM')) return 'bmp';
  if (startsWith(bytes, 0x49, 0x49, 0x2a, 0) || startsWith(bytes, 0x4d, 0x4d, 0, 0x2a))
    return 'tiff';
  if (ascii(bytes, 0, 'PK')) return 'zip';
  return 'unknown';
}

const WHAT: Record<Exclude<SniffedFormat, 'jpeg' | 'png' | 'unknown'>, string> = {
  webp: 'a WebP image: convert to JPEG or PNG',
  gif: 'a GIF image: convert to JPEG or PNG',
  bmp: 'a BMP image: convert to JPEG or PNG',
  tiff: 'a TIFF image: convert to JPEG or PNG',
  zip: 'a zip inside the zip: unzip it first',
  empty: '0 bytes: the download did not finish',
};

/**
 * Why bytes cannot be decoded, or null for a JPEG, a PNG, or bytes no known
 * format claims (the injected decoder then has its say, and its error is kept).
 */
export function formatProblem(bytes: Uint8Array): string | null {
  const format = sniffFormat(bytes);
  return format === 'jpeg' || format === 'png' || format === 'unknown' ? null : WHAT[format];
}

/** Bytes enough for `sniffFormat` to tell every format it knows. */
export const HEAD_BYTES = 16;

const printable = (b: number) => b === 9 || b === 10 || b === 13 || (b >= 0x20 && b < 0x7f);

/**
 * Why an image named like a JPEG or PNG cannot be decoded, from its first
 * `HEAD_BYTES` bytes; null for a JPEG or a PNG. Unlike `formatProblem`, bytes
 * no format claims are a problem too: the decoder reads only JPEG and PNG.
 */
export function headProblem(head: Uint8Array): string | null {
  const format = sniffFormat(head);
  if (format === 'jpeg' || format === 'png') return null;
  if (format !== 'unknown') return WHAT[format];
  return head.every(printable)
    ? 'a text file, not an image'
    : 'not a JPEG or PNG image: its first bytes are neither';
}

const BY_EXTENSION: Record<string, string> = {
  webp: WHAT.webp,
  gif: WHAT.gif,
  bmp: WHAT.bmp,
  tif: WHAT.tiff,
  tiff: WHAT.tiff,
  heic: 'a HEIC image (from an iPhone): convert to JPEG or PNG',
  heif: 'a HEIF image: convert to JPEG or PNG',
  zip: WHAT.zip,
};

/** For an entry the index does not take as an image: what it is, when its name or size tells. */
export function entryProblem(name: string, size: number): string | null {
  const ext = name.slice(name.lastIndexOf('.') + 1).toLowerCase();
  if (size === 0 && /^(jpe?g|png)$/.test(ext)) return WHAT.empty;
  return BY_EXTENSION[ext] ?? null;
}
