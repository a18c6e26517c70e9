/**
 * Rates of the law are published with at most two decimals of a percent, so the tables hold them
 * as integer basis points (2.15 % = 215 bp): exact, and plain JSON for operator-added entries.
 */
import { InvalidArgumentError } from '../errors';

export type BasisPoints = number;

/** '2.15' → 215, '10.5' → 1050, '-0.5' → -50. More than two decimals is refused, not rounded. */
export function basisPointsFromPercent(percent: string): BasisPoints {
  const match = /^(-?)(\d{1,4})(?:\.(\d{1,2}))?$/.exec(percent);
  if (!match) {
    throw new InvalidArgumentError('rate', `${JSON.stringify(percent)} is not a percentage with at most two decimals`);
  }
  const value = Number(match[2]) * 100 + Number((match[3] ?? '').padEnd(2, '0'));
  return match[1] && value !== 0 ? -value : value;
}

/** 215 → '2.15', 1050 → '10.50', -50 → '-0.50'. */
export function percentFromBasisPoints(bp: BasisPoints): string {
  if (!Number.isSafeInteger(bp)) throw new InvalidArgumentError('basis points', `${bp} is not an integer`);
  const absolute = Math.abs(bp);
  return `${bp < 0 ? '-' : ''}${Math.floor(absolute / 100)}.${String(absolute % 100).padStart(2, '0')}`;
}
