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

/** One word folded into the four state words h1..h4, written to `out`. */
function fold(h1: number, h2: number, h3: number, h4: number, word: number, out: Int32Array): void {
  const lo = word >>> 0;
  const hi = Math.floor(word / 4294967296) >>> 0;
  h1 = fmix32(h1 ^ lo);
  h2 = fmix32(h2 ^ hi ^ h1);
  h3 = fmix32(h3 ^ h2 ^ lo);
  h4 = fmix32(h4 ^ h3 ^ hi);
  out[0] = h1;
  out[1] = h2;
  out[2] = h3;
  out[3] = h4;
}

const STATE = new Int32Array(4);

/**
 * sfc32 as a reusable object: `seed` restarts it on a new stream, so generating an event costs no
 * closures and no allocation (a million events used to make a million generators).
 */
export class Sfc32 implements Rng {
  private a = 0;
  private b = 0;
  private c = 0;
  private d = 0;

  /** The state after folding the first two words, kept: a run of events shares its seed and kind,
   * so each event folds only its index (a third of the work; seeding was a tenth of `logs`). */
  private prefixW1 = NaN;
  private prefixW2 = NaN;
  private readonly prefix = new Int32Array(4);

  /** An independent stream for the given integer words (e.g. seed, kind id, event index). */
  seed(w1: number, w2: number, w3: number): this {
    // Fold every word into four state words; the golden-ratio constants keep zero seeds lively.
    const p = this.prefix;
    if (w1 !== this.prefixW1 || w2 !== this.prefixW2) {
      fold(0x9e3779b9, 0x7f4a7c15, 0x85ebca6b, 0xc2b2ae35, w1, p);
      fold(p[0]!, p[1]!, p[2]!, p[3]!, w2, p);
      this.prefixW1 = w1;
      this.prefixW2 = w2;
    }
    const s = STATE;
    fold(p[0]!, p[1]!, p[2]!, p[3]!, w3, s);
    this.a = s[0]!;
    this.b = s[1]!;
    this.c = s[2]!;
    this.d = s[3]!;
    for (let i = 0; i < 12; i++) this.next(); // warm up, as sfc32's author recommends
    return this;
  }

  next(): number {
    const a = this.a >>> 0;
    const b = this.b >>> 0;
    let c = this.c >>> 0;
    const d = this.d >>> 0;
    const t = (((a + b) | 0) + d) | 0;
    this.d = (d + 1) | 0;
    this.a = b ^ (b >>> 9);
    this.b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    this.c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  uniform(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  hex(bytes: number): string {
    let out = '';
    for (let i = 0; i < bytes; i++) out += HEX[Math.floor(this.next() * 256)];
    return out;
  }
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** A fresh stream for (seed, kind id, index), e.g. to regenerate one event alone. */
export function rngFor(w1: number, w2: number, w3: number): Rng {
  return new Sfc32().seed(w1, w2, w3);
}
