/**
 * Matching the names a label file writes to the paths a zip holds. A row may
 * name a bare file (000001.jpg) or a path (female/001.jpg); zips nest folders
 * (img_align_celeba/img_align_celeba/000001.jpg). A path is matched by its
 * trailing folders; a bare name only when one entry of the zip has it.
 */

/** Unicode NFC, forward slashes, no leading "./" or "/": macOS writes NFD names, Windows backslashes. */
export function normalizeName(raw: string): string {
  return raw
    .trim()
    .normalize('NFC')
    .replace(/\\/g, '/')
    .replace(/^(\.?\/)+/, '');
}

/** The last path segment of a normalized name. */
export function lastSegment(name: string): string {
  return name.slice(name.lastIndexOf('/') + 1);
}

export type NameMatch =
  | { kind: 'found'; path: string }
  | { kind: 'ambiguous'; paths: string[] }
  | { kind: 'missing' };

export interface NameIndex {
  /** Distinct paths indexed. */
  readonly size: number;
  paths(): IterableIterator<string>;
  match(name: string): NameMatch;
  /** Basenames held at more than one path, with those paths. */
  collisions(): Map<string, string[]>;
}

const MISSING: NameMatch = { kind: 'missing' };

/**
 * Indexes zip paths (already normalized, each once) by path and by basename.
 * Given a map keyed by path (the zip's own index), it looks paths up there
 * rather than holding a second set of 200,000 paths.
 */
export function buildNameIndex(paths: Iterable<string> | ReadonlyMap<string, unknown>): NameIndex {
  const all: ReadonlySet<string> | ReadonlyMap<string, unknown> =
    paths instanceof Map ? paths : new Set(paths as Iterable<string>);
  // One string per basename; an array only where basenames collide, so 200,000 names stay cheap.
  const byBase = new Map<string, string | string[]>();
  for (const path of all.keys()) {
    const base = lastSegment(path);
    const seen = byBase.get(base);
    if (seen === undefined) byBase.set(base, path);
    else if (typeof seen === 'string') byBase.set(base, [seen, path]);
    else seen.push(path);
  }
  const candidates = (base: string): string[] => {
    const seen = byBase.get(base);
    return seen === undefined ? [] : typeof seen === 'string' ? [seen] : seen;
  };
  return {
    size: all.size,
    paths: () => all.keys(),
    match(raw) {
      const name = normalizeName(raw);
      if (name === '') return MISSING;
      if (all.has(name)) return { kind: 'found', path: name };
      const base = lastSegment(name);
      const sameBase = candidates(base);
      if (name !== base) {
        // Either side may carry extra leading folders: the zip's own, or the machine the CSV was made on.
        const byPath = sameBase.filter((p) => p.endsWith(`/${name}`) || name.endsWith(`/${p}`));
        if (byPath.length === 1) return { kind: 'found', path: byPath[0] as string };
        if (byPath.length > 1) return { kind: 'ambiguous', paths: byPath };
      }
      if (sameBase.length === 1) return { kind: 'found', path: sameBase[0] as string };
      return sameBase.length > 1 ? { kind: 'ambiguous', paths: sameBase } : MISSING;
    },
    collisions() {
      const out = new Map<string, string[]>();
      for (const [base, seen] of byBase) if (typeof seen !== 'string') out.set(base, seen);
      return out;
    },
  };
}
