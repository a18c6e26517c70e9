/**
 * Late-payment penalties of one invoice (shared/domain/late-payment-law.md): interest for each
 * calendar day after the start date up to and including the payment date / asOf, at the rate of the
 * half-year the day falls in, on the base still unpaid that day; computed exactly and rounded
 * half-up to the cent once for the invoice; plus the flat indemnity or damages. No VAT on either.
 */
import { addDays, CalendarDate, compareDates } from '../calendar';
import { assertCents, Cents } from '../money';
import { RateSources } from '../rates';
import { accrue, AccrualSegment, baseOn } from './accrual';
import { belgianConsumerDamagesCents, belgianConsumerGraceEnd } from './belgian-consumer';
import { add, compare, floor, formatDecimal, fraction, fractionToString, roundHalfUp, subtract, ZERO } from './fraction';
import { checkPenaltyInput, InvalidPenaltyInputError } from './penalty-input';
import { PenaltyInput, PenaltyResult, PenaltySegment } from './penalty-types';
import { rateRuleFor } from './rate-rules';

/** D441-5 (France), law of 2 August 2002 art. 6 (Belgium): per invoice, business debtors only. */
export const BUSINESS_RECOVERY_INDEMNITY_CENTS: Cents = 4_000;

export function computePenalties(input: PenaltyInput, rateSources: RateSources = {}): PenaltyResult {
  const { contractualRate } = checkPenaltyInput(input);
  const { amountCents, asOf } = input;
  const payments = input.payments.filter((payment) => compareDates(payment.date, asOf) <= 0);
  const rateRule = rateRuleFor(input.jurisdiction, input.debtorType, contractualRate, rateSources);
  const startsAfter = accrualStartsAfter(input);

  const accrued = startsAfter
    ? accrue({ startsAfter, lastDay: asOf, amountCents, payments, ratePercentOf: rateRule.ratePercentOf })
    : [];
  const exactTotal = accrued.reduce((sum, segment) => add(sum, segment.exactInterestCents), ZERO);
  const interestCents = Number(roundHalfUp(exactTotal));
  assertCents(interestCents, 'interest');

  const indemnityCents = indemnityFor(input, startsAfter, payments);
  return {
    rule: rateRule.rule,
    accrualStartsAfter: startsAfter,
    outstandingCents: baseOn(addDays(asOf, 1), amountCents, payments),
    interestCents,
    indemnityCents,
    totalCents: interestCents + indemnityCents,
    segments: toSegmentLines(accrued, interestCents),
  };
}

/** The day after which interest accrues, or null while it does not run yet. */
function accrualStartsAfter(input: PenaltyInput): CalendarDate | null {
  if (input.debtorType === 'business') return input.dueDate; // due without any reminder
  if (input.jurisdiction === 'FR') {
    // Code civil 1231-6: interest at the legal rate runs from the formal notice.
    return input.formalNoticeDate ? later(input.dueDate, input.formalNoticeDate) : null;
  }
  // Belgian consumer: nothing is due before the grace period of the first reminder ends.
  if (!input.firstReminder) return null;
  if (compareDates(input.firstReminder.date, input.dueDate) <= 0) {
    throw new InvalidPenaltyInputError('firstReminder.date', 'a reminder is sent after the due date');
  }
  return later(input.dueDate, belgianConsumerGraceEnd(input.firstReminder));
}

function indemnityFor(
  input: PenaltyInput,
  startsAfter: CalendarDate | null,
  payments: PenaltyInput['payments'],
): Cents {
  if (startsAfter === null || compareDates(input.asOf, startsAfter) <= 0) return 0;
  // What was still unpaid on the first late day decides (money received on the last day is on time).
  const unpaidWhenLate = baseOn(addDays(startsAfter, 1), input.amountCents, payments);
  if (input.debtorType === 'business') return unpaidWhenLate > 0 ? BUSINESS_RECOVERY_INDEMNITY_CENTS : 0;
  if (input.jurisdiction === 'BE') return belgianConsumerDamagesCents(unpaidWhenLate);
  return 0; // no flat indemnity against a French consumer
}

/**
 * Gives each line its share of the rounded total by largest remainder, so the lines of a penalty
 * statement add up to the total that was rounded once.
 */
function toSegmentLines(accrued: readonly AccrualSegment[], interestCents: Cents): PenaltySegment[] {
  const shares = accrued.map((segment) => floor(segment.exactInterestCents));
  let left = BigInt(interestCents) - shares.reduce((sum, share) => sum + share, 0n);
  const byRemainder = accrued
    .map((segment, index) => ({ index, remainder: subtract(segment.exactInterestCents, fraction(shares[index])) }))
    .sort((a, b) => compare(b.remainder, a.remainder) || a.index - b.index);
  for (const { index } of byRemainder) {
    if (left <= 0n) break;
    shares[index] += 1n;
    left -= 1n;
  }
  return accrued.map((segment, index) => ({
    from: segment.from,
    to: segment.to,
    days: segment.days,
    baseCents: segment.baseCents,
    ratePercent: formatDecimal(segment.ratePercent),
    interestCents: Number(shares[index]),
    exactInterestCents: fractionToString(segment.exactInterestCents),
  }));
}

function later(a: CalendarDate, b: CalendarDate): CalendarDate {
  return compareDates(a, b) >= 0 ? a : b;
}
