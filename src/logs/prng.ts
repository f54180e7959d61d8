// A small seeded PRNG: sfc32 (Chris Doty-Humphrey's "Small Fast Counting" generator, public
// domain), seeded through the murmur3 finaliser. Each log event gets its own stream derived from
// (seed, kind, index), so event i can be regenerated alone, e.g. when a produce run resumes.

export interface Rng {
  /** Uniform float in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max], both inclusive (like Python's random.randint). */
  int(min: number, max: number): number;
  /** Uniform float in [min, max). */
  uniform(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  /** `bytes` random bytes as lower-case hex (like Python's random.randbytes(n).hex()). */
  hex(bytes: number): string;
}

/** murmur3's 32-bit finaliser: spreads every input bit over the whole word. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function sfc32(a: number, b: number, c: number, d: number): () => number {
  return () => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}

/** An independent stream for the given integer words (e.g. seed, kind id, event index). */
export function rngFor(...words: number[]): Rng {
  // Fold every word into four state words; the golden-ratio constants keep zero seeds lively.
  let h1 = 0x9e3779b9;
  let h2 = 0x7f4a7c15;
  let h3 = 0x85ebca6b;
  let h4 = 0xc2b2ae35;
  for (const word of words) {
    const lo = word >>> 0;
    const hi = Math.floor(word / 4294967296) >>> 0;
    h1 = fmix32(h1 ^ lo);
    h2 = fmix32(h2 ^ hi ^ h1);
    h3 = fmix32(h3 ^ h2 ^ lo);
    h4 = fmix32(h4 ^ h3 ^ hi);
  }
  const raw = sfc32(h1, h2, h3, h4);
  for (let i = 0; i < 12; i++) raw(); // warm up, as sfc32's author recommends
  const rng: Rng = {
    next: raw,
    int: (min, max) => min + Math.floor(raw() * (max - min + 1)),
    uniform: (min, max) => min + raw() * (max - min),
    pick: (items) => items[Math.floor(raw() * items.length)]!,
    hex: (bytes) => {
      let out = '';
      for (let i = 0; i < bytes; i++) out += Math.floor(raw() * 256).toString(16).padStart(2, '0');
      return out;
    },
  };
  return rng;
}
