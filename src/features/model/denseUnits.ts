/** Parses "256" or "512, 128" into Dense layer sizes; an empty field means no hidden layer. */
export function parseDenseUnits(text: string): { units: number[] } | { error: string } {
  const parts = text
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const units: number[] = [];
  for (const part of parts) {
    if (!/^\d+$/.test(part) || Number(part) < 1 || Number(part) > 8192) {
      return { error: `"${part}" is not a whole number from 1 to 8192` };
    }
    units.push(Number(part));
  }
  if (units.length > 8) return { error: 'At most 8 Dense layers' };
  return { units };
}
