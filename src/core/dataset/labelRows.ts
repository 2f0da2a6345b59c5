type Codes = Uint8Array | Uint16Array | Uint32Array;

/** A typed array for codes up to `largest`, of `length` cells, holding `from`'s first cells. */
function codesFor(largest: number, length: number, from?: Codes): Codes {
  const codes =
    largest < 2 ** 8
      ? new Uint8Array(length)
      : largest < 2 ** 16
        ? new Uint16Array(length)
        : new Uint32Array(length);
  if (from) codes.set(from.subarray(0, Math.min(from.length, length)));
  return codes;
}

/**
 * `value` in memory of its own. A field cut from a line can be a view into
 * the whole piece of text the line was read in (V8 slices strings of 13
 * characters or more), which would keep every piece of a label file alive.
 */
export function ownString(value: string): string {
  return value.length < 13 ? value : ` ${value}`.slice(1);
}

/**
 * One column's cells as codes into its distinct values, 1, 2 or 4 bytes a
 * cell as the distinct values need: CelebA's 40 attribute columns hold two
 * values each, so 202,599 rows cost 8 MB instead of 8 million pointers.
 * Code 0 is '' (a cell the row does not have). A column whose values are
 * nearly all distinct stops looking values up: its map would be as large as
 * its values, and garbage once the file is read.
 */
class CodedColumn {
  readonly distinct: string[] = [''];
  private lookup: Map<string, number> | null = new Map([['', 0]]);
  codes: Codes;

  constructor(capacity: number) {
    this.codes = new Uint8Array(capacity);
  }

  set(row: number, value: string): void {
    const { lookup } = this;
    let code = lookup?.get(value);
    if (code === undefined) {
      code = this.distinct.length;
      const kept = ownString(value);
      this.distinct.push(kept);
      lookup?.set(kept, code);
      if (code === 2 ** 8 || code === 2 ** 16) {
        this.codes = codesFor(code, this.codes.length, this.codes);
        // Most values new (a column of image names): each is kept as it comes, not looked up.
        if (code === 2 ** 16 && code * 2 > row + 1) this.lookup = null;
      }
    }
    this.codes[row] = code;
  }

  get(row: number): string {
    return this.distinct[this.codes[row] ?? 0] ?? '';
  }

  resize(length: number): void {
    this.codes = codesFor(this.distinct.length - 1, length, this.codes);
  }

  /** No more cells: the value → code map goes (for a name column it is as large as the names). */
  seal(): void {
    this.lookup = null;
  }
}

/**
 * The data rows of a label file, stored column by column. A row whose field
 * count differs from the header's keeps its fields as written too, so it
 * can be reported exactly; such rows are rare (they cannot be used).
 */
export class LabelRows {
  private readonly columns: CodedColumn[];
  private lines: Uint32Array;
  private count = 0;
  private readonly irregular = new Map<number, readonly string[]>();

  /** `capacity`: the rows expected, if known; storage grows past it as needed. */
  constructor(
    readonly columnCount: number,
    capacity = 1024,
  ) {
    this.lines = new Uint32Array(Math.max(1, capacity));
    this.columns = Array.from({ length: columnCount }, () => new CodedColumn(this.lines.length));
  }

  get length(): number {
    return this.count;
  }

  /** Adds a row read at 1-based `line` of the file. */
  add(line: number, values: readonly string[]): void {
    if (this.count === this.lines.length) this.grow(Math.max(1024, this.count * 2));
    const row = this.count++;
    this.lines[row] = line;
    const cells = Math.min(values.length, this.columnCount);
    for (let c = 0; c < cells; c++) this.columns[c]?.set(row, values[c] ?? '');
    if (values.length !== this.columnCount) this.irregular.set(row, [...values]);
  }

  /** Trims the storage to the rows read; no row can be added after. */
  seal(): this {
    if (this.count < this.lines.length) this.grow(this.count);
    for (const column of this.columns) column.seal();
    return this;
  }

  private grow(capacity: number): void {
    const lines = new Uint32Array(capacity);
    lines.set(this.lines.subarray(0, Math.min(this.count, capacity)));
    this.lines = lines;
    for (const column of this.columns) column.resize(capacity);
  }

  /** The 1-based line of the file that row `i` was read from. */
  line(i: number): number {
    return this.lines[i] ?? 0;
  }

  fieldCount(i: number): number {
    return this.irregular.get(i)?.length ?? this.columnCount;
  }

  /** Row `i`'s field in `column`, as written; '' where the row has no such field. */
  value(i: number, column: number): string {
    const fields = this.irregular.get(i);
    if (fields) return fields[column] ?? '';
    return this.columns[column]?.get(i) ?? '';
  }

  /** Row `i`'s fields, as written. */
  values(i: number): string[] {
    const fields = this.irregular.get(i);
    if (fields) return [...fields];
    return this.columns.map((column) => column.get(i));
  }
}
