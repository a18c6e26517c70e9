import { CalendarDate } from '../calendar';
import { Cents } from '../money';

export type Jurisdiction = 'FR' | 'BE';
export type DebtorType = 'business' | 'consumer';

export interface PenaltyPayment {
  amountCents: Cents;
  /** The day the money was received. */
  date: CalendarDate;
}

/** The first (free) reminder sent to a Belgian consumer; it starts the 14-day grace period. */
export interface BelgianConsumerReminder {
  date: CalendarDate;
  channel: 'email' | 'post';
}

export interface PenaltyInput {
  jurisdiction: Jurisdiction;
  debtorType: DebtorType;
  /** The invoice amount including VAT. */
  amountCents: Cents;
  /** 'EUR' only: the flat indemnity and the Belgian consumer tiers are fixed in euros. */
  currency: string;
  dueDate: CalendarDate;
  payments: readonly PenaltyPayment[];
  /** Interest is computed up to and including this day; later payments are ignored. */
  asOf: CalendarDate;
  /**
   * Rate agreed in the terms of sale, as a decimal string ('12.5'). FR business: replaces ECB + 10
   * but is floored at 3 × the legal rate. BE consumer: applies when below the B2B rate (the cap).
   * Ignored for FR consumers (legal rate by law) and BE businesses (published rate).
   */
  contractualRatePercent?: string;
  /** FR consumer: date of the formal notice (mise en demeure); no interest runs before it. */
  formalNoticeDate?: CalendarDate;
  /** BE consumer: the first reminder; no penalty is due before its 14-day period ends. */
  firstReminder?: BelgianConsumerReminder;
}

/** Which rule produced the rates, for letters and audit. */
export type PenaltyRule =
  | 'FR_B2B_ECB_PLUS_10' // ECB rate of the half-year + 10 points
  | 'FR_B2B_CONTRACTUAL_FLOORED' // contractual rate, at least 3 × legal rate
  | 'FR_B2C_LEGAL_RATE' // taux d'intérêt légal, "all other cases"
  | 'BE_B2B_LAW_RATE' // law of 2 August 2002 rate (published, or ECB + 8 rounded up)
  | 'BE_B2C_CAPPED_RATE'; // contractual rate capped at the B2B rate (the B2B rate without one)

/** One line per maximal period with constant base and rate. */
export interface PenaltySegment {
  /** First and last day of accrual, inclusive. */
  from: CalendarDate;
  to: CalendarDate;
  days: number;
  baseCents: Cents;
  /** Annual rate, exact decimal ('12.15'). */
  ratePercent: string;
  /**
   * This line's share of the invoice's rounded interest (largest-remainder allocation), so lines
   * add up to `interestCents`; a line may differ by a cent from rounding it on its own.
   */
  interestCents: Cents;
  /** The exact amount of the line in cents, as a reduced fraction ('3795000/365' → '759000/73'). */
  exactInterestCents: string;
}

export interface PenaltyResult {
  rule: PenaltyRule;
  /** Interest accrues on each day after this date (null: not yet running, see the input's notes). */
  accrualStartsAfter: CalendarDate | null;
  /** Unpaid principal at `asOf`. */
  outstandingCents: Cents;
  interestCents: Cents;
  /** 40 EUR recovery indemnity (business debtors) or Belgian consumer flat damages. No VAT. */
  indemnityCents: Cents;
  totalCents: Cents;
  segments: PenaltySegment[];
}
