import { errorExample } from '../common/error-body.view';

/** Real answers of this endpoint, used as Swagger examples (the first is asserted by test/api/penalties.e2e.test.ts). */
export const QUOTE_EXAMPLE_REQUEST = {
  jurisdiction: 'FR',
  debtorType: 'business',
  amountCents: 120000,
  currency: 'EUR',
  dueDate: '2025-05-31',
  payments: [
    { amountCents: 50000, date: '2025-06-30' },
    { amountCents: 70000, date: '2025-07-10' },
  ],
  asOf: '2025-07-31',
};

export const QUOTE_EXAMPLE_RESPONSE = {
  jurisdiction: 'FR',
  debtorType: 'business',
  currency: 'EUR',
  asOf: '2025-07-31',
  rule: 'FR_B2B_ECB_PLUS_10',
  accrualStartsAfter: '2025-05-31',
  outstandingCents: 0,
  interestCents: 1530,
  indemnityCents: 4000,
  totalCents: 5530,
  segments: [
    { from: '2025-06-01', to: '2025-06-30', days: 30, baseCents: 120000, ratePercent: '13.15', interestCents: 1297, exactInterestCents: '94680/73' },
    { from: '2025-07-01', to: '2025-07-10', days: 10, baseCents: 70000, ratePercent: '12.15', interestCents: 233, exactInterestCents: '17010/73' },
  ],
};

export const RATE_MISSING_EXAMPLE = errorExample(
  'A rate the period needs is not known yet',
  'RATE.MISSING',
  'No ECB_MRO rate for 2027-H1: ECB decisions are known up to 2026-03-19 only; the rate in force on 2027-01-01 must be added by an operator. An operator must add it with POST /v1/rates {"kind":"ECB_MRO","effectiveFrom":"2027-01-01","rateBp":<ECB MRO rate in force that day, in basis points>,"source":"<ECB press release>"}; the next computation uses it, no release needed.',
  [{ path: 'rates.ECB_MRO.2027-H1', issue: 'ECB decisions are known up to 2026-03-19 only; the rate in force on 2027-01-01 must be added by an operator' }],
);
