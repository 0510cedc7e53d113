/**
 * The one source of chance for the demo generator. Everything — ids included — comes from a
 * seeded PRNG, so the same seed builds the same district byte for byte.
 */

/** Every generated row is "created" at this moment (the day the admin opened the year). */
export const DEMO_CREATED_AT = new Date('2026-08-28T06:00:00.000Z');

/** Ids carry a UUIDv7 time stamp from here on, one millisecond per id, so they sort by creation. */
const ID_EPOCH_MS = Date.UTC(2026, 7, 20);
/** Room for 2^22 ids per stream before the next stream's time stamps begin. */
const IDS_PER_STREAM = 2 ** 22;

/** A 32-bit mix (murmur3 finaliser) to derive independent streams from (seed, stream). */
function mix32(a: number, b: number): number {
  let h = (Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x7f4a7c15, 0xc2b2ae35)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const hex = (n: number, digits: number) => n.toString(16).padStart(digits, '0');
/** Two hex digits per byte, looked up: ids are made by the million. */
const BYTE = Array.from({ length: 256 }, (_, i) => hex(i, 2));
const hex32 = (n: number) => BYTE[n >>> 24]! + BYTE[(n >>> 16) & 0xff]! + BYTE[(n >>> 8) & 0xff]! + BYTE[n & 0xff]!;

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private idCounter = 0;
  /** A seed for faker, drawn once from the same stream. */
  readonly fakerSeed: number;

  constructor(seed: number, private readonly stream: number) {
    this.a = mix32(seed, stream);
    this.b = mix32(this.a, 1);
    this.c = mix32(this.b, 2);
    this.d = mix32(this.c, 3);
    for (let i = 0; i < 16; i++) this.next();
    this.fakerSeed = this.next();
  }

  /** sfc32: a small, fast PRNG with a 128-bit state; returns a 32-bit unsigned integer. */
  next(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t;
  }

  /** A float in [0, 1). */
  float(): number {
    return this.next() / 4294967296;
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.float() * items.length)]!;
  }

  /** A value by weight: `weighted([['a', 3], ['b', 1]])` gives 'a' three times as often. */
  weighted<T>(choices: readonly (readonly [T, number])[]): T {
    const total = choices.reduce((s, [, w]) => s + w, 0);
    let x = this.float() * total;
    for (const [value, w] of choices) {
      x -= w;
      if (x < 0) return value;
    }
    return choices[choices.length - 1]![0];
  }

  /** A shuffled copy (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[] {
    const out = items.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.float() * (i + 1));
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  }

  /** A date 'YYYY-MM-DD' between two dates, both included. */
  date(from: string, to: string): string {
    const a = Date.parse(`${from}T00:00:00Z`);
    const b = Date.parse(`${to}T00:00:00Z`);
    return new Date(a + this.int(0, Math.round((b - a) / 86_400_000)) * 86_400_000).toISOString().slice(0, 10);
  }

  /** A string of random decimal digits. */
  digits(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += String(this.next() % 10);
    return s;
  }

  /**
   * A UUIDv7-shaped id: the time stamp is the stream's epoch plus a counter (not the clock),
   * the 74 random bits come from this stream.
   */
  id(): string {
    const ms = ID_EPOCH_MS + this.stream * IDS_PER_STREAM + this.idCounter++;
    const time = hex(ms, 12);
    const r1 = this.next();
    const r2 = this.next();
    const r3 = this.next();
    const v = 0x8000 | ((r1 >>> 12) & 0x3fff);
    return (
      `${time.slice(0, 8)}-${time.slice(8, 12)}-7${BYTE[(r1 >>> 8) & 0xf]!.slice(1)}${BYTE[r1 & 0xff]}-` +
      `${BYTE[v >>> 8]}${BYTE[v & 0xff]}-${hex32(r2)}${BYTE[(r3 >>> 8) & 0xff]}${BYTE[r3 & 0xff]}`
    );
  }
}

/** Stream 0 is the district (region, municipalities); stream i + 1 is school i. */
export const districtRng = (seed: number) => new Rng(seed, 0);
export const schoolRng = (seed: number, index: number) => new Rng(seed, index + 1);
