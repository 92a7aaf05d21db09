// Models k8s.io/apimachinery/pkg/util/wait Jitter with a seeded source (Kubernetes 1.33); never Math.random.

/** mulberry32: a small, fast 32-bit generator; returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a 32-bit hash of a string: derives stable seeds and identifiers from names. */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** char codes of 0-9a-f */
const HEX = Array.from('0123456789abcdef', (ch) => ch.charCodeAt(0));
/** reused by every `hex` call (the simulator is single-threaded and synchronous) */
let hexScratch = new Uint16Array(64 + 3);

export class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  /** uniform float in [0, 1) */
  float(): number {
    return this.next();
  }
  /** uniform integer in [0, n) */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  /**
   * Go `wait.Jitter(d, maxFactor)`: d + rand·maxFactor·d (maxFactor <= 0 means 1), in whole ms.
   * k/am pkg/util/wait/backoff.go.
   */
  jitter(durationMs: number, maxFactor: number): number {
    const f = maxFactor <= 0 ? 1 : maxFactor;
    return durationMs + Math.floor(this.next() * f * durationMs);
  }
  /** `n` lower-case hex digits: four per draw (a 16-bit number, zero-padded), the last draw cut to fit */
  hex(n: number): string {
    // one string at the end, not a toString and a slice per draw: container IDs are made at every restart
    if (hexScratch.length < n + 3) hexScratch = new Uint16Array(n + 3);
    const codes = hexScratch;
    for (let i = 0; i < n; i += 4) {
      const v = Math.floor(this.next() * 0x10000);
      codes[i] = HEX[v >>> 12]!;
      codes[i + 1] = HEX[(v >>> 8) & 15]!;
      codes[i + 2] = HEX[(v >>> 4) & 15]!;
      codes[i + 3] = HEX[v & 15]!;
    }
    return String.fromCharCode.apply(null, codes.subarray(0, n) as unknown as number[]);
  }
}
