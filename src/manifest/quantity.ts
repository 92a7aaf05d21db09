// Resource quantities ("500m", "64Mi", 1) as k8s.io/apimachinery pkg/api/resource parses, compares
// and prints them (canonical form), in exact integer milli-units.

export const QUANTITY_REGEX = '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$';
export const QUANTITY_FORMAT_ERROR = `quantities must match the regular expression '${QUANTITY_REGEX}'`;
export const QUANTITY_SUFFIX_ERROR = "unable to parse quantity's suffix";

export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

export interface Quantity {
  /** the value in thousandths, rounded up as upstream does (0.1m -> 1m) */
  milli: bigint;
  format: QuantityFormat;
}

const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };

/** Parses a quantity, or returns upstream's error text. */
export function parseQuantity(input: string | number): Quantity | { error: string } {
  const s = typeof input === 'number' ? numberText(input) : input.trim();
  const m = new RegExp(QUANTITY_REGEX).exec(s);
  if (!m || s === '') return { error: QUANTITY_FORMAT_ERROR };
  const [, num, suffix] = m as unknown as [string, string, string];
  if ((num.match(/\./g) ?? []).length > 1 || !/[0-9]/.test(num)) return { error: QUANTITY_FORMAT_ERROR };
  let format: QuantityFormat;
  let exp10 = 0;
  let exp2 = 0;
  if (suffix in DECIMAL) {
    format = 'DecimalSI';
    exp10 = DECIMAL[suffix]!;
  } else if (suffix in BINARY) {
    format = 'BinarySI';
    exp2 = BINARY[suffix]!;
  } else if (/^[eE][-+]?[0-9]+$/.test(suffix)) {
    format = 'DecimalExponent';
    exp10 = Number(suffix.slice(1));
    if (!Number.isSafeInteger(exp10)) return { error: QUANTITY_SUFFIX_ERROR };
  } else {
    return { error: QUANTITY_SUFFIX_ERROR };
  }
  const negative = num.startsWith('-');
  const digits = num.replace(/^[+-]/, '');
  const [int = '', frac = ''] = digits.split('.');
  // value = (int.frac) * 10^exp10 * 2^exp2, in milli-units, rounded up (away from zero)
  const numerator = BigInt((int || '0') + frac) * 2n ** BigInt(exp2);
  const scale = exp10 + 3 - frac.length;
  let milli: bigint;
  if (scale >= 0) milli = numerator * 10n ** BigInt(scale);
  else {
    const div = 10n ** BigInt(-scale);
    milli = numerator / div + (numerator % div === 0n ? 0n : 1n);
  }
  if (negative) milli = -milli;
  return { milli, format };
}

function numberText(n: number): string {
  // JSON numbers reach the API server as text; avoid JS exponent notation for ordinary values
  return Number.isInteger(n) ? BigInt(n).toString() : String(n);
}

/** Quantity.String(): canonical form (no precision lost, no fraction, largest suffix). */
export function formatQuantity(q: Quantity): string {
  const neg = q.milli < 0n;
  const abs = neg ? -q.milli : q.milli;
  const sign = neg ? '-' : '';
  if (q.format === 'BinarySI' && abs >= 1024n * 1000n && abs % 1000n === 0n) {
    let v = abs / 1000n;
    const suffixes = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];
    let i = 0;
    while (i < suffixes.length - 1 && v % 1024n === 0n) {
      v /= 1024n;
      i++;
    }
    return `${sign}${v}${suffixes[i]}`;
  }
  if (abs === 0n) return '0';
  // decimal: exponent (multiple of 3, from milli up) as large as possible with an integer mantissa
  let v = abs;
  let e = -3;
  while (v % 1000n === 0n && e < 18) {
    v /= 1000n;
    e += 3;
  }
  if (q.format === 'DecimalExponent') return `${sign}${v}${e === 0 ? '' : `e${e}`}`;
  const suffix = { [-3]: 'm', 0: '', 3: 'k', 6: 'M', 9: 'G', 12: 'T', 15: 'P', 18: 'E' }[e]!;
  return `${sign}${v}${suffix}`;
}

export function compareQuantity(a: Quantity, b: Quantity): number {
  return a.milli < b.milli ? -1 : a.milli > b.milli ? 1 : 0;
}
