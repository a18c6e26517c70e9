/**
 * Exact non-negative rationals on BigInt, for interest: amount × rate × days / 365 is rarely a whole
 * number of cents, and rounding must happen once, at the end.
 */
import { InvalidArgumentError } from '../errors';

export interface Fraction {
  readonly num: bigint;
  /** Always > 0. */
  readonly den: bigint;
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

export function fraction(num: bigint, den = 1n): Fraction {
  if (den <= 0n) throw new InvalidArgumentError('denominator', `${den} is not positive`);
  const divisor = gcd(num, den);
  return divisor > 1n ? { num: num / divisor, den: den / divisor } : { num, den };
}

export const ZERO: Fraction = { num: 0n, den: 1n };

export function add(a: Fraction, b: Fraction): Fraction {
  return fraction(a.num * b.den + b.num * a.den, a.den * b.den);
}

export function subtract(a: Fraction, b: Fraction): Fraction {
  return fraction(a.num * b.den - b.num * a.den, a.den * b.den);
}

export function multiply(a: Fraction, b: Fraction): Fraction {
  return fraction(a.num * b.num, a.den * b.den);
}

export function compare(a: Fraction, b: Fraction): number {
  const difference = a.num * b.den - b.num * a.den;
  return difference < 0n ? -1 : difference > 0n ? 1 : 0;
}

export function max(a: Fraction, b: Fraction): Fraction {
  return compare(a, b) >= 0 ? a : b;
}

export function min(a: Fraction, b: Fraction): Fraction {
  return compare(a, b) <= 0 ? a : b;
}

/** Largest integer ≤ a (a ≥ 0). */
export function floor(a: Fraction): bigint {
  return a.num / a.den;
}

/** Nearest integer, halves rounded up (a ≥ 0). */
export function roundHalfUp(a: Fraction): bigint {
  return (2n * a.num + a.den) / (2n * a.den);
}

/** '7/3', or '5' when whole. */
export function fractionToString(a: Fraction): string {
  return a.den === 1n ? `${a.num}` : `${a.num}/${a.den}`;
}

/** '12.125' → 12125/1000. Only plain non-negative decimals. */
export function parseDecimal(text: string): Fraction | undefined {
  const match = /^(\d{1,6})(?:\.(\d{1,6}))?$/.exec(text);
  if (!match) return undefined;
  const decimals = match[2] ?? '';
  return fraction(BigInt(match[1] + decimals), 10n ** BigInt(decimals.length));
}

/** 1215/100 → '12.15', 21/2 → '10.50', 12125/1000 → '12.125': at least two decimals, exact. */
export function formatDecimal(a: Fraction): string {
  let scale = 0n;
  while ((10n ** scale) % a.den !== 0n) {
    if (scale > 30n) throw new InvalidArgumentError('decimal', `${fractionToString(a)} has no finite decimal form`);
    scale++;
  }
  const decimals = scale < 2n ? 2n : scale;
  const scaled = (a.num * 10n ** decimals) / a.den;
  const negative = scaled < 0n;
  const digits = (negative ? -scaled : scaled).toString().padStart(Number(decimals) + 1, '0');
  const cut = digits.length - Number(decimals);
  return `${negative ? '-' : ''}${digits.slice(0, cut)}.${digits.slice(cut)}`;
}
