import { SequentialReader } from './sequentialReader.ts';
import { HEAD_CHARS, type TextSink } from './textRecords.ts';

/**
 * Which text encoding a dropped label or partition file uses. Excel writes
 * UTF-8 with a byte-order mark, or UTF-16 LE ("Unicode Text"); older Windows
 * exports write Windows-1252. A file is never shown as raw bytes: it is read
 * in one of these, and the summary says which.
 */
export type TextEncoding = 'UTF-8' | 'UTF-8 with BOM' | 'UTF-16 LE' | 'UTF-16 BE' | 'Windows-1252';

export interface DecodedText {
  text: string;
  encoding: TextEncoding;
  /** True when the encoding was a guess (not UTF-8 and no byte-order mark). */
  guessed: boolean;
}

/** UTF-16 without a byte-order mark: ASCII text has a zero byte in every other place. */
function utf16WithoutBom(bytes: Uint8Array): 'UTF-16 LE' | 'UTF-16 BE' | null {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  if (oddZeros > pairs * 0.4 && evenZeros < pairs * 0.05) return 'UTF-16 LE';
  if (evenZeros > pairs * 0.4 && oddZeros < pairs * 0.05) return 'UTF-16 BE';
  return null;
}

const LABELS: Record<Exclude<TextEncoding, 'Windows-1252'>, string> = {
  'UTF-8': 'utf-8',
  'UTF-8 with BOM': 'utf-8',
  'UTF-16 LE': 'utf-16le',
  'UTF-16 BE': 'utf-16be',
};

/** Windows-1252 bytes 0x80–0x9F; the rest is Latin-1. Some Node versions decode it as Latin-1, so it is done here. */
const CP1252_C1 =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

function decodeWindows1252(bytes: Uint8Array): string {
  const chars: string[] = [];
  for (const b of bytes) {
    chars.push(b >= 0x80 && b < 0xa0 ? (CP1252_C1[b - 0x80] as string) : String.fromCharCode(b));
  }
  return chars.join('');
}

function decode(bytes: Uint8Array, encoding: TextEncoding, fatal = false): string {
  if (encoding === 'Windows-1252') return decodeWindows1252(bytes);
  // ignoreBOM keeps the mark in the text; callers pass the bytes after it.
  return new TextDecoder(LABELS[encoding], { fatal, ignoreBOM: true }).decode(bytes);
}

interface Sniffed {
  encoding: TextEncoding;
  /** Length of the byte-order mark, which the text leaves out. */
  skip: number;
  guessed: boolean;
}

/** What the first bytes say: a byte-order mark, or UTF-16 without one; null for UTF-8 or Windows-1252. */
function sniff(head: Uint8Array): Sniffed | null {
  const [a, b, c] = head;
  if (a === 0xef && b === 0xbb && c === 0xbf) {
    return { encoding: 'UTF-8 with BOM', skip: 3, guessed: false };
  }
  if (a === 0xff && b === 0xfe) return { encoding: 'UTF-16 LE', skip: 2, guessed: false };
  if (a === 0xfe && b === 0xff) return { encoding: 'UTF-16 BE', skip: 2, guessed: false };
  const utf16 = utf16WithoutBom(head);
  return utf16 ? { encoding: utf16, skip: 0, guessed: true } : null;
}

/** Detects the encoding (byte-order mark, then strict UTF-8, then Windows-1252) and decodes. */
export function decodeTextFile(input: ArrayBuffer | Uint8Array): DecodedText {
  const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  const sniffed = sniff(bytes);
  if (sniffed) {
    const { encoding, skip, guessed } = sniffed;
    return { text: decode(bytes.subarray(skip), encoding), encoding, guessed };
  }
  try {
    return { text: decode(bytes, 'UTF-8', true), encoding: 'UTF-8', guessed: false };
  } catch {
    return { text: decode(bytes, 'Windows-1252'), encoding: 'Windows-1252', guessed: true };
  }
}

/**
 * Bytes read and decoded at a time. Each piece of text is parsed before the
 * next is read, so a small piece is garbage before the collector moves it to
 * the old generation, where a dead piece would wait for a full collection.
 */
const READ_SLICE = 1 << 16;

/** Bytes that are not text in the encoding tried (strict UTF-8). */
class InvalidBytes extends Error {}

/** Bytes made into a string by one call: well under the arguments a call may take. */
const ASCII_PART = 8192;

/**
 * `bytes` as a string when they are all ASCII (read the same in UTF-8 and
 * Windows-1252), else null. A browser's TextDecoder makes each string in
 * memory of its own, outside the script's heap, which stays until the
 * collector comes to it; strings made here are plain script strings.
 */
export function asciiText(bytes: Uint8Array): string | null {
  for (const byte of bytes) if (byte >= 0x80) return null;
  let text = '';
  for (let at = 0; at < bytes.length; at += ASCII_PART) {
    const part = bytes.subarray(at, at + ASCII_PART);
    text += String.fromCharCode.apply(null, part as unknown as number[]);
  }
  return text;
}

/**
 * Decodes `file` from byte `skip` on, a slice at a time, giving each piece
 * to a sink as it is decoded; throws InvalidBytes on invalid bytes when
 * `fatal`. The sink is opened with the text's start (see `headOf`) and about
 * how many characters the whole holds.
 */
async function decodeInto<T>(
  file: Blob,
  { skip, encoding }: Pick<Sniffed, 'skip' | 'encoding'>,
  open: (head: string, size: number) => TextSink<T>,
  fatal = false,
): Promise<T> {
  const decoder =
    encoding === 'Windows-1252'
      ? null
      : new TextDecoder(LABELS[encoding], { fatal, ignoreBOM: true });
  // No UTF-8 sequence is left half-read by the decoder (the last slice it read ended in ASCII).
  let clean = true;
  const utf16 = encoding.startsWith('UTF-16');
  const decodeSlice = (bytes?: Uint8Array): string => {
    const fast = bytes && !utf16 && clean ? asciiText(bytes) : null;
    if (fast !== null) return fast;
    if (!decoder) return bytes ? decodeWindows1252(bytes) : '';
    try {
      if (!bytes) return decoder.decode();
      clean = bytes.length === 0 || (bytes[bytes.length - 1] as number) < 0x80;
      return decoder.decode(bytes, { stream: true });
    } catch (error) {
      throw error instanceof TypeError ? new InvalidBytes(error.message) : error;
    }
  };
  // Pieces wait only until the start of the text is in.
  let waiting: string[] | null = [];
  let sink: TextSink<T> | null = null;
  const openWith = (pieces: string[]): TextSink<T> => {
    const bytes = file.size - skip;
    const opened = open(pieces.join(''), utf16 ? bytes / 2 : bytes);
    for (const piece of pieces) opened.push(piece);
    return opened;
  };
  const reader = new SequentialReader(file, READ_SLICE);
  try {
    for (let offset = skip; offset <= file.size; offset += READ_SLICE) {
      const last = offset + READ_SLICE > file.size;
      const bytes = await reader.window(offset, READ_SLICE);
      const piece = decodeSlice(bytes) + (last ? decodeSlice() : '');
      if (sink) sink.push(piece);
      else if (waiting) {
        waiting.push(piece);
        if (waiting.reduce((n, p) => n + p.length, 0) >= HEAD_CHARS) {
          sink = openWith(waiting);
          waiting = null;
        }
      }
    }
  } finally {
    reader.close();
  }
  sink ??= openWith(waiting ?? []);
  return sink.end();
}

/** A dropped text file's reading: what the sink made of it, and the encoding it was read in. */
export interface ReadText<T> extends Omit<DecodedText, 'text'> {
  result: T;
}

/**
 * `decodeTextFile` for a dropped file, read and decoded a slice at a time
 * and given to a sink piece by piece as it is read: a large label file is
 * never held whole, as bytes or as text. Text that is not valid UTF-8 is
 * read again from its start as Windows-1252, into a sink opened anew.
 */
export async function readTextFile<T>(
  file: Blob,
  open: (head: string, size: number) => TextSink<T>,
): Promise<ReadText<T>> {
  const sniffed = sniff(new Uint8Array(await file.slice(0, 4096).arrayBuffer()));
  if (sniffed) {
    const { guessed, encoding } = sniffed;
    return { result: await decodeInto(file, sniffed, open), encoding, guessed };
  }
  try {
    const result = await decodeInto(file, { skip: 0, encoding: 'UTF-8' }, open, true);
    return { result, encoding: 'UTF-8', guessed: false };
  } catch (error) {
    if (!(error instanceof InvalidBytes)) throw error;
    const result = await decodeInto(file, { skip: 0, encoding: 'Windows-1252' }, open);
    return { result, encoding: 'Windows-1252', guessed: true };
  }
}

/** One sentence for the summary when the encoding was not certain. */
export function encodingNotice(
  fileName: string,
  decoded: Pick<DecodedText, 'encoding' | 'guessed'>,
): string | null {
  if (!decoded.guessed) return null;
  return decoded.encoding === 'Windows-1252'
    ? `${fileName} is not valid UTF-8; it was read as Windows-1252. If names with accents do not match, save it as "CSV UTF-8".`
    : `${fileName} has no byte-order mark; it was read as ${decoded.encoding}.`;
}
