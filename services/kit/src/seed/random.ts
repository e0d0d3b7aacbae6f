// Deterministic randomness for synthetic data: the same seed and stream give the same draws.

/** mulberry32: a tiny 32-bit PRNG, plenty for synthetic data. */
export class Random {
  private state: number;

  constructor(seed: number, stream: number) {
    this.state = (seed + Math.imul(stream, 0x9e3779b9)) >>> 0;
  }

  uint32(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** [0, 1) */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }

  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
    let roll = this.next() * total;
    for (const [value, weight] of entries) {
      roll -= weight;
      if (roll < 0) return value;
    }
    return (entries[entries.length - 1] as readonly [T, number])[0];
  }

  digits(count: number): string {
    let out = "";
    for (let i = 0; i < count; i++) out += String(this.int(0, 9));
    return out;
  }

  hex(count: number): string {
    let out = "";
    while (out.length < count) out += this.uint32().toString(16).padStart(8, "0");
    return out.slice(0, count);
  }
}

/** A weighted draw over many entries (the employers): cumulative weights and a binary search. */
export class WeightedTable<T> {
  private readonly cumulative: number[] = [];
  private readonly total: number;

  constructor(private readonly values: readonly T[], weightOf: (value: T) => number) {
    let sum = 0;
    for (const value of values) this.cumulative.push((sum += weightOf(value)));
    this.total = sum;
  }

  draw(rng: Random): T {
    const roll = rng.next() * this.total;
    let low = 0;
    let high = this.cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((this.cumulative[middle] as number) > roll) high = middle;
      else low = middle + 1;
    }
    return this.values[low] as T;
  }
}
