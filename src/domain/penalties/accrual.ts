/**
 * Splits the late period into maximal runs of days with the same unpaid base and the same rate,
 * and computes each run's exact interest: base × rate × days / 365 (also in leap years).
 */
import { addDays, CalendarDate, compareDates, daysBetween, halfYearOf } from '../calendar';
import { Cents } from '../money';
import { HalfYear } from '../rates';
import { compare, fraction, Fraction } from './fraction';
import { PenaltyPayment } from './penalty-types';

export interface AccrualSegment {
  from: CalendarDate;
  to: CalendarDate;
  days: number;
  baseCents: Cents;
  ratePercent: Fraction;
  exactInterestCents: Fraction;
}

export interface AccrualRequest {
  /** Interest runs from the day after this date... */
  startsAfter: CalendarDate;
  /** ...up to and including this one. */
  lastDay: CalendarDate;
  amountCents: Cents;
  payments: readonly PenaltyPayment[];
  ratePercentOf(halfYear: HalfYear): Fraction;
}

const DAYS_PER_YEAR = 365n;

/** The unpaid amount on `day`: a payment lowers the base from the day after it is received. */
export function baseOn(day: CalendarDate, amountCents: Cents, payments: readonly PenaltyPayment[]): Cents {
  const paid = payments.filter((p) => compareDates(p.date, day) < 0).reduce((sum, p) => sum + p.amountCents, 0);
  return Math.max(0, amountCents - paid);
}

export function accrue(request: AccrualRequest): AccrualSegment[] {
  const { lastDay, amountCents, payments } = request;
  const segments: AccrualSegment[] = [];
  let day = addDays(request.startsAfter, 1);
  while (compareDates(day, lastDay) <= 0) {
    const baseCents = baseOn(day, amountCents, payments);
    if (baseCents === 0) break; // payments only lower the base: nothing more accrues
    const halfYear = halfYearOf(day);
    let to = compareDates(halfYear.end, lastDay) < 0 ? halfYear.end : lastDay;
    for (const payment of payments) {
      if (compareDates(payment.date, day) >= 0 && compareDates(payment.date, to) < 0) to = payment.date;
    }
    appendRun(segments, { from: day, to, baseCents, ratePercent: request.ratePercentOf(halfYear) });
    day = addDays(to, 1);
  }
  return segments;
}

function appendRun(
  segments: AccrualSegment[],
  run: { from: CalendarDate; to: CalendarDate; baseCents: Cents; ratePercent: Fraction },
): void {
  const previous = segments[segments.length - 1];
  const continues =
    previous !== undefined &&
    previous.baseCents === run.baseCents &&
    compare(previous.ratePercent, run.ratePercent) === 0;
  const from = continues ? previous.from : run.from;
  const days = daysBetween(from, run.to) + 1;
  const exactInterestCents = fraction(
    BigInt(run.baseCents) * run.ratePercent.num * BigInt(days),
    run.ratePercent.den * 100n * DAYS_PER_YEAR,
  );
  const { to, baseCents, ratePercent } = run;
  const segment = { from, to, days, baseCents, ratePercent, exactInterestCents };
  if (continues) segments[segments.length - 1] = segment;
  else segments.push(segment);
}
