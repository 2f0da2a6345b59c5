/** Name helpers shared by the label, partition and zip readers. */

/** The last path segment: zips nest folders, label files name bare files. */
export function basename(path: string): string {
  const trimmed = path.trim();
  const slash = Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\'));
  return slash >= 0 ? trimmed.slice(slash + 1) : trimmed;
}

const IMAGE_EXTENSION = /\.(jpe?g|png)$/i;

export function isImageName(name: string): boolean {
  return IMAGE_EXTENSION.test(name);
}

/** "a, b, c and 4 more": keeps messages short while naming real examples. */
export function listSome(items: readonly string[], max = 5): string {
  const shown = items.slice(0, max).join(', ');
  return items.length > max ? `${shown} and ${items.length - max} more` : shown;
}
