import Papa from 'papaparse';

// Label and partition texts read record by record: no array of every line is ever built.

/** Calls `each` with every line of `text` and its 1-based number, without splitting the text at once. */
export function eachLine(text: string, each: (line: string, number: number) => void): void {
  const ending = /\r\n|\r|\n/g;
  let start = 0;
  let number = 0;
  while (start <= text.length) {
    const found = ending.exec(text);
    const end = found ? found.index : text.length;
    each(text.slice(start, end), ++number);
    if (!found) break;
    start = ending.lastIndex;
  }
}

/** The first `count` lines of `text`. */
export function firstLines(text: string, count: number): string[] {
  return text.split(/\r\n|\r|\n/, count);
}

/** Fields of a line separated by runs of spaces; none for a blank line. */
export function spacedFields(line: string): string[] {
  const trimmed = line.trim();
  return trimmed === '' ? [] : trimmed.split(/\s+/);
}

/** Calls `each` with every CSV record and its 1-based number, one record at a time. */
export function eachCsvRecord(
  text: string,
  each: (fields: string[], number: number) => void,
): void {
  let number = 0;
  // One newline style, or papaparse takes the first line's ending for the whole file.
  Papa.parse<string[]>(text.replace(/\r\n?/g, '\n'), {
    skipEmptyLines: false,
    step: (result) => each(result.data, ++number),
  });
}
