import Papa from 'papaparse';

// Label and partition texts read record by record: no array of every line is ever built, and
// a text read from a file in pieces is never joined whole unless CSV parsing needs it.

/** A text, whole or in the pieces it was decoded in (each piece follows on from the last). */
export type Text = string | readonly string[];

const piecesOf = (text: Text): readonly string[] => (typeof text === 'string' ? [text] : text);

/** At least the first `chars` characters of `text` (all of it when shorter). */
export function headOf(text: Text, chars = 65_536): string {
  if (typeof text === 'string') return text;
  let head = '';
  for (const piece of text) {
    if (head.length >= chars) break;
    head += piece;
  }
  return head;
}

/** Whether `text` holds anything but white space. */
export function hasContent(text: Text): boolean {
  return piecesOf(text).some((piece) => /\S/.test(piece));
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

/** Calls `each` with every line of `text` and its 1-based number, a piece at a time. */
export function eachLine(text: Text, each: (line: string, number: number) => void): void {
  const pieces = piecesOf(text);
  let rest = '';
  let number = 0;
  for (const [i, piece] of pieces.entries()) {
    ({ rest, number } = linesOf(rest + piece, number, each, i === pieces.length - 1));
  }
  if (pieces.length === 0) each('', 1);
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

/** Calls `each` with every CSV record and its 1-based number, one record at a time. */
export function eachCsvRecord(text: Text, each: (fields: string[], number: number) => void): void {
  let number = 0;
  const whole = typeof text === 'string' ? text : text.join('');
  // One newline style, or papaparse takes the first line's ending for the whole file.
  Papa.parse<string[]>(whole.replace(/\r\n?/g, '\n'), {
    skipEmptyLines: false,
    step: (result) => each(result.data, ++number),
  });
}
