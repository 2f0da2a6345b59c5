import Papa from 'papaparse';

// Label and partition texts read record by record as they are decoded: no array of every line
// is built, and a file's text is never held whole, only the piece being read.

/** A text, whole or in the pieces it was decoded in (each piece follows on from the last). */
export type Text = string | readonly string[];

/** Takes a text a piece at a time, in order; `end` says what was read from it. */
export interface TextSink<T> {
  push(piece: string): void;
  end(): T;
}

const piecesOf = (text: Text): readonly string[] => (typeof text === 'string' ? [text] : text);

/** Gives `sink` a whole text, or its pieces, and ends it. */
export function feed<T>(sink: TextSink<T>, text: Text): T {
  for (const piece of piecesOf(text)) sink.push(piece);
  return sink.end();
}

/** How much of a text's start decides how it is read (its format, its delimiter). */
export const HEAD_CHARS = 65_536;

/** At least the first `chars` characters of `text` (all of it when shorter). */
export function headOf(text: Text, chars = HEAD_CHARS): string {
  if (typeof text === 'string') return text;
  let head = '';
  for (const piece of text) {
    if (head.length >= chars) break;
    head += piece;
  }
  return head;
}

/** Calls `each` with the lines of `text` and their 1-based numbers, starting at `number + 1`. */
function linesOf(
  text: string,
  number: number,
  each: (line: string, number: number) => void,
  whole: boolean,
): { rest: string; number: number } {
  const ending = /\r\n|\r|\n/g;
  let start = 0;
  let at = number;
  for (let found = ending.exec(text); found; found = ending.exec(text)) {
    // A piece that ends in \r may end halfway through \r\n: its line ends with the next piece.
    if (!whole && found[0] === '\r' && ending.lastIndex === text.length) break;
    each(text.slice(start, found.index), ++at);
    start = ending.lastIndex;
  }
  if (whole) each(text.slice(start), ++at);
  return { rest: whole ? '' : text.slice(start), number: at };
}

/** Splits a text given in pieces into lines, calling `each` with each line and its 1-based number. */
export function lineReader(each: (line: string, number: number) => void): TextSink<void> {
  let rest = '';
  let number = 0;
  return {
    push(piece) {
      ({ rest, number } = linesOf(rest + piece, number, each, false));
    },
    end() {
      linesOf(rest, number, each, true);
      rest = '';
    },
  };
}

/** Calls `each` with every line of `text` and its 1-based number, a piece at a time. */
export function eachLine(text: Text, each: (line: string, number: number) => void): void {
  feed(lineReader(each), text);
}

/** The first `count` lines of `text`. */
export function firstLines(text: Text, count: number): string[] {
  return headOf(text).split(/\r\n|\r|\n/, count);
}

/** Fields of a line separated by runs of spaces; none for a blank line. */
export function spacedFields(line: string): string[] {
  const trimmed = line.trim();
  return trimmed === '' ? [] : trimmed.split(/\s+/);
}

/** Rows papaparse looks at to guess the delimiter. */
const GUESS_ROWS = 10;

/**
 * The delimiter papaparse picks for a text that starts with `head`: it
 * guesses from the first rows, so a head that holds them whole gets the
 * guess the whole text would. A head cut inside a row ends at its last line.
 */
function guessDelimiter(head: string, whole: boolean): string {
  const lines = head.replace(/\r\n?/g, '\n');
  const cut = whole ? lines : lines.slice(0, lines.lastIndexOf('\n') + 1);
  return Papa.parse<string[]>(cut, { preview: 1 }).meta.delimiter;
}

/**
 * CSV records, one line at a time, as papaparse reads the whole text with
 * `delimiter`: a line without quotes is split at the delimiter (what
 * papaparse does with it); a line with quotes goes through papaparse, with
 * the lines that follow while a quoted field is still open.
 */
function csvRecords(delimiter: string, each: (fields: string[], number: number) => void) {
  let pending: string | null = null;
  let number = 0;
  const parse = (text: string, last: boolean): boolean => {
    const { data, errors } = Papa.parse<string[]>(text, { delimiter, skipEmptyLines: false });
    // A quoted field still open at the end of these lines goes on in the next one.
    if (!last && errors.some((e) => e.code === 'MissingQuotes')) return false;
    for (const row of data) each(row, ++number);
    return true;
  };
  return {
    line(line: string): void {
      if (pending === null && !line.includes('"')) {
        each(line.split(delimiter), ++number);
        return;
      }
      const text: string = pending === null ? line : `${pending}\n${line}`;
      // A line without quotes leaves an open quoted field open.
      pending = (pending === null || line.includes('"')) && parse(text, false) ? null : text;
    },
    end(): void {
      if (pending !== null) parse(pending, true);
      pending = null;
    },
  };
}

/** Past this many characters the delimiter is guessed from what is in, however few rows. */
const MAX_HEAD_CHARS = 1 << 20;

/**
 * Reads CSV records from a text given in pieces, calling `each` with each
 * record's fields and its 1-based number, as papaparse reads the whole text
 * (delimiter guessed from the first rows, quoted fields, quoted line breaks).
 */
export function csvReader(each: (fields: string[], number: number) => void): TextSink<void> {
  // The text is held only until its first rows are in, to guess the delimiter from.
  let head = '';
  let reading: { lines: TextSink<void>; records: ReturnType<typeof csvRecords> } | null = null;
  const start = (whole: boolean) => {
    const records = csvRecords(guessDelimiter(head, whole), each);
    const lines = lineReader((line) => records.line(line));
    lines.push(head);
    head = '';
    return { lines, records };
  };
  return {
    push(piece) {
      if (reading) {
        reading.lines.push(piece);
        return;
      }
      head += piece;
      const breaks = head.length < HEAD_CHARS ? 0 : (head.match(/\r\n?|\n/g)?.length ?? 0);
      if (breaks > GUESS_ROWS + 1 || head.length >= MAX_HEAD_CHARS) reading = start(false);
    },
    end() {
      reading ??= start(true);
      reading.lines.end();
      reading.records.end();
    },
  };
}

/** Calls `each` with every CSV record and its 1-based number, one record at a time. */
export function eachCsvRecord(text: Text, each: (fields: string[], number: number) => void): void {
  feed(csvReader(each), text);
}

/** Whether a text given in pieces holds anything but white space, for a sink to ask at its end. */
export function contentWatch(): { see(piece: string): void; readonly seen: boolean } {
  let seen = false;
  return {
    see(piece) {
      if (!seen && /\S/.test(piece)) seen = true;
    },
    get seen() {
      return seen;
    },
  };
}
