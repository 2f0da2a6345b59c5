/** CelebA's aligned crops are 178 wide and 218 high. */
export const FACE_WIDTH = 178;
export const FACE_HEIGHT = 218;

type Rgb = [number, number, number];

// Hair is darker than any background, so the class shapes stay visible at the
// coarse scale a randomly initialised base sees (when no ImageNet weights are loaded).
const HAIR: Rgb[] = [
  [30, 24, 20],
  [60, 40, 28],
  [90, 60, 35],
  [110, 45, 25],
  [70, 70, 75],
];
const SKIN: Rgb[] = [
  [245, 215, 190],
  [225, 185, 150],
  [190, 140, 100],
  [140, 95, 65],
  [95, 65, 45],
];

/** An RGBA drawing surface with the few shapes a face needs. */
class Surface {
  readonly data: Uint8Array;
  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.data = new Uint8Array(width * height * 4).fill(255);
  }

  set(x: number, y: number, [r, g, b]: Rgb): void {
    const i = (y * this.width + x) * 4;
    this.data[i] = r;
    this.data[i + 1] = g;
    this.data[i + 2] = b;
  }

  ellipse(cx: number, cy: number, rx: number, ry: number, color: Rgb, minY = 0): void {
    const y0 = Math.max(Math.floor(cy - ry), Math.ceil(minY), 0);
    const y1 = Math.min(Math.ceil(cy + ry), this.height - 1);
    for (let y = y0; y <= y1; y++) {
      const dy = (y - cy) / ry;
      if (dy * dy > 1) continue;
      const half = rx * Math.sqrt(1 - dy * dy);
      const x0 = Math.max(Math.ceil(cx - half), 0);
      const x1 = Math.min(Math.floor(cx + half), this.width - 1);
      for (let x = x0; x <= x1; x++) this.set(x, y, color);
    }
  }

  rect(x0: number, y0: number, x1: number, y1: number, color: Rgb): void {
    for (let y = Math.max(Math.round(y0), 0); y <= Math.min(Math.round(y1), this.height - 1); y++) {
      for (
        let x = Math.max(Math.round(x0), 0);
        x <= Math.min(Math.round(x1), this.width - 1);
        x++
      ) {
        this.set(x, y, color);
      }
    }
  }
}

const pick = <T>(items: readonly T[], random: () => number): T =>
  items[Math.floor(random() * items.length)] as T;
const jitter = (random: () => number, amount: number) => (random() * 2 - 1) * amount;
const shade = (c: Rgb, f: number): Rgb => [
  Math.min(255, c[0] * f),
  Math.min(255, c[1] * f),
  Math.min(255, c[2] * f),
];
const randomColor = (random: () => number): Rgb => [
  150 + random() * 105,
  150 + random() * 105,
  150 + random() * 105,
];

/**
 * A cartoon face in CelebA's frame. The class shows in the shape, not the
 * colour: "female" faces have long hair falling past the jaw and coloured
 * lips; "male" faces have short hair, a beard and a moustache. Colours,
 * position, size, background and noise are random, so a model must learn the
 * shapes. Returns RGBA pixels.
 */
export function drawFace(male: boolean, random: () => number): Uint8Array {
  const s = new Surface(FACE_WIDTH, FACE_HEIGHT);
  const top = randomColor(random);
  const bottom = randomColor(random);
  for (let y = 0; y < s.height; y++) {
    const t = y / (s.height - 1);
    const row: Rgb = [
      top[0] * (1 - t) + bottom[0] * t,
      top[1] * (1 - t) + bottom[1] * t,
      top[2] * (1 - t) + bottom[2] * t,
    ];
    for (let x = 0; x < s.width; x++) s.set(x, y, row);
  }
  const scale = 1 + jitter(random, 0.1);
  const cx = 89 + jitter(random, 8);
  const cy = 112 + jitter(random, 8);
  const rx = 38 * scale;
  const ry = 50 * scale;
  const hair = pick(HAIR, random);
  const skin = pick(SKIN, random);

  if (!male) {
    // Long hair: a mass behind the head that falls to the shoulders.
    s.ellipse(cx, cy - 8, rx + 22, ry + 20, hair);
    s.rect(cx - rx - 22, cy, cx + rx + 22, cy + ry + 55 + jitter(random, 10), hair);
  }
  s.ellipse(cx, s.height + 20, 85 + jitter(random, 10), 70, randomColor(random)); // shoulders
  s.rect(cx - 15 * scale, cy + ry * 0.6, cx + 15 * scale, s.height - 40, shade(skin, 0.92)); // neck
  s.ellipse(cx, cy, rx, ry, skin);
  if (male) {
    // Short hair: a cap over the top of the head only.
    s.ellipse(cx, cy - ry * 0.55, rx + 3, ry * 0.55, hair);
    s.ellipse(cx, cy + 4, rx - 2, ry * 0.75, skin, cy - ry * 0.3);
    // Beard over the jaw, and a moustache.
    s.ellipse(cx, cy + ry * 0.45, rx * 0.95, ry * 0.6, shade(hair, 0.8), cy + ry * 0.2);
    s.rect(cx - rx * 0.35, cy + ry * 0.3, cx + rx * 0.35, cy + ry * 0.38, shade(hair, 0.7));
  } else {
    s.ellipse(cx, cy - ry * 0.75, rx * 0.9, ry * 0.3, hair); // fringe
    s.ellipse(cx, cy + ry * 0.45, rx * 0.28, ry * 0.08, [190 + jitter(random, 40), 40, 70]);
  }
  for (const side of [-1, 1]) {
    s.ellipse(cx + side * rx * 0.4, cy - ry * 0.1, 6 * scale, 3.5 * scale, [250, 250, 250]);
    s.ellipse(cx + side * rx * 0.4, cy - ry * 0.1, 3 * scale, 3 * scale, [30, 30, 40]);
    s.rect(
      cx + side * rx * 0.4 - 8,
      cy - ry * 0.28,
      cx + side * rx * 0.4 + 8,
      cy - ry * 0.25,
      shade(hair, 0.7),
    );
  }
  s.ellipse(cx, cy + ry * 0.15, 4 * scale, 8 * scale, shade(skin, 0.85)); // nose
  if (male) s.rect(cx - rx * 0.25, cy + ry * 0.47, cx + rx * 0.25, cy + ry * 0.5, [90, 40, 40]);
  // Sensor-like noise, so no two pixels of a region are exactly equal.
  for (let i = 0; i < s.data.length; i += 4) {
    const n = jitter(random, 12);
    for (let c = 0; c < 3; c++)
      s.data[i + c] = Math.max(0, Math.min(255, (s.data[i + c] ?? 0) + n));
  }
  return s.data;
}
