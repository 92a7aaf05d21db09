// Models k8s.io/apimachinery/pkg/util/rand (String, SafeEncodeString), pkg/controller/controller_utils.go
// ComputeHash and the API server's generateName / UID / IP allocation (Kubernetes 1.33), from a seeded source.
import { Rng, fnv1a } from '../engine/rng.js';

/** utilrand's alphabet: no vowels (no words), no 0/1/3 (no look-alikes) */
export const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

/** rand.SafeEncodeString: each byte of `s` mapped into ALPHANUMS (a hash's decimal digits become e.g. "7d4b9c8f5"). */
export function safeEncodeString(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += ALPHANUMS[s.charCodeAt(i) % ALPHANUMS.length];
  return out;
}

/** rand.String(n) with a seeded source: the 5 characters generateName appends. */
export function randomSuffix(rng: Rng, n = 5): string {
  let out = '';
  for (let i = 0; i < n; i++) out += ALPHANUMS[rng.int(ALPHANUMS.length)];
  return out;
}

/** JSON with object keys sorted: equal data gives equal text whatever the key order of the manifest. */
export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o).filter((k) => o[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(',')}}`;
}

/**
 * controller.ComputeHash: FNV-32a of the pod template (upstream hashes Go's spew dump of the struct; we hash
 * its canonical JSON, so the value differs from a real cluster's but is as stable), plus the collision
 * count, as SafeEncodeString of the decimal number.
 */
export function computeHash(template: unknown, collisionCount?: number): string {
  let text = canonicalJson(template);
  if (collisionCount !== undefined && collisionCount !== null) text += `#${collisionCount}`;
  return safeEncodeString(String(fnv1a(text)));
}

/** A v4-looking UID from a name and a seed (the same recipe as the single-pod simulator's). */
export function uidFrom(key: string): string {
  const r = new Rng(fnv1a(key));
  const hex = r.hex(32).split('');
  hex[12] = '4';
  hex[16] = '89ab'[parseInt(hex[16]!, 16) & 3]!;
  const u = hex.join('');
  return `${u.slice(0, 8)}-${u.slice(8, 12)}-${u.slice(12, 16)}-${u.slice(16, 20)}-${u.slice(20)}`;
}

/** 10.244.0.0/16 pod network: index n (2 ...) as an address */
export function podAddress(n: number): string {
  return `10.244.${Math.floor(n / 256)}.${n % 256}`;
}

/** The pod CIDR's usable indexes: 10.244.0.2 – 10.244.255.254, skipping .0, .1 and .255 of every /24. */
export function nextPodIndex(n: number): number {
  let m = n + 1;
  for (;;) {
    if (m > 0xfffe) m = 2;
    const last = m % 256;
    if (last !== 0 && last !== 1 && last !== 255) return m;
    m++;
  }
}

/** The Service CIDR 10.96.0.0/12 as an offset (1 .. 2^20 - 2). */
export function serviceAddress(offset: number): string {
  const base = (10 << 24) + (96 << 16);
  const v = base + offset;
  return `${(v >>> 24) & 255}.${(v >>> 16) & 255}.${(v >>> 8) & 255}.${v & 255}`;
}

export const SERVICE_RANGE = (1 << 20) - 2;
