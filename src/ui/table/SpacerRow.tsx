/**
 * Stands in for the rows of a windowed table that are out of view, keeping the scroll
 * height; hidden (visibility) so it is no row to assistive technology.
 */
export function SpacerRow({ height }: { height: number }) {
  return height > 0 ? <tr className="table-spacer" style={{ height }} /> : null;
}
