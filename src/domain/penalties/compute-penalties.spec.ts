/**
 * Expected values are computed by hand from the tables of late-payment-law.md:
 *   interest = Σ base × rate% / 100 × days / 365, summed exactly, rounded half-up once.
 * ECB on 1 Jan 2024 = 4.50 (2023-09-20), 1 Jan 2025 = 3.15 (2024-12-18), 1 Jul 2025 and
 * 1 Jan 2026 = 2.15 (2025-06-11). French legal rate "other cases": 2025-H1 3.71, 2025-H2 2.76.
 * Belgian B2B: 2024 12.5, 2025-H1 11.5, 2025-H2 10.5.
 */
import { computePenalties, InvalidPenaltyInputError, PenaltyInput, PenaltyResult } from '.';
import { MissingRateError } from '../rates';

const frB2b = (overrides: Partial<PenaltyInput>): PenaltyInput => ({
  jurisdiction: 'FR',
  debtorType: 'business',
  amountCents: 1_000_000, // 10,000.00 EUR incl. VAT
  currency: 'EUR',
  dueDate: '2025-06-15',
  payments: [],
  asOf: '2025-07-15',
  ...overrides,
});

function linesAddUp(result: PenaltyResult): void {
  expect(result.segments.reduce((sum, s) => sum + s.interestCents, 0)).toBe(result.interestCents);
  expect(result.totalCents).toBe(result.interestCents + result.indemnityCents);
}

describe('France, business debtor (ECB of the half-year + 10 points)', () => {
  it('splits a period crossing 1 July at the new half-year rate', () => {
    // 06-16..06-30: 15 days at 3.15 + 10 = 13.15 %; 07-01..07-15: 15 days at 2.15 + 10 = 12.15 %.
    // 1,000,000 × (13.15 × 15 + 12.15 × 15) / 36,500 = 3,795,000,000 / 365,000 = 10,397.26 → 10,397.
    const result = computePenalties(frB2b({}));
    expect(result).toMatchObject({
      rule: 'FR_B2B_ECB_PLUS_10',
      accrualStartsAfter: '2025-06-15',
      outstandingCents: 1_000_000,
      interestCents: 10_397,
      indemnityCents: 4_000,
      totalCents: 14_397,
    });
    expect(result.segments).toEqual([
      { from: '2025-06-16', to: '2025-06-30', days: 15, baseCents: 1_000_000, ratePercent: '13.15', interestCents: 5_404, exactInterestCents: '394500/73' },
      { from: '2025-07-01', to: '2025-07-15', days: 15, baseCents: 1_000_000, ratePercent: '12.15', interestCents: 4_993, exactInterestCents: '364500/73' },
    ]);
    linesAddUp(result);
  });

  it('keeps the old base on the day of a payment made on 30 June', () => {
    // 400,000 received on 06-30 lowers the base from 07-01.
    // 06-16..06-30: 1,000,000 × 13.15 × 15 = 197,250,000; 07-01..07-10: 600,000 × 12.15 × 10 = 72,900,000.
    // 270,150,000 / 36,500 = 7,401.37 → 7,401.
    const result = computePenalties(frB2b({ payments: [{ amountCents: 400_000, date: '2025-06-30' }], asOf: '2025-07-10' }));
    expect(result.interestCents).toBe(7_401);
    expect(result.outstandingCents).toBe(600_000);
    expect(result.segments.map(({ from, to, days, baseCents, ratePercent }) => ({ from, to, days, baseCents, ratePercent }))).toEqual([
      { from: '2025-06-16', to: '2025-06-30', days: 15, baseCents: 1_000_000, ratePercent: '13.15' },
      { from: '2025-07-01', to: '2025-07-10', days: 10, baseCents: 600_000, ratePercent: '12.15' },
    ]);
    linesAddUp(result);
  });

  it('charges 1 July on the old base when the payment arrives on 1 July', () => {
    // 06-16..06-30: 1,000,000 × 13.15 × 15 = 197,250,000; 07-01: 1,000,000 × 12.15 × 1 = 12,150,000;
    // 07-02..07-10: 600,000 × 12.15 × 9 = 65,610,000. 275,010,000 / 36,500 = 7,534.52 → 7,535.
    // Lines: 5,404.11 / 332.88 / 1,797.53 → floors 5,404 + 332 + 1,797 = 7,533; the two cents left go
    // to the largest remainders (.88, .53) → 5,404 + 333 + 1,798.
    const result = computePenalties(frB2b({ payments: [{ amountCents: 400_000, date: '2025-07-01' }], asOf: '2025-07-10' }));
    expect(result.interestCents).toBe(7_535);
    expect(result.segments.map(({ from, to, baseCents, interestCents }) => [from, to, baseCents, interestCents])).toEqual([
      ['2025-06-16', '2025-06-30', 1_000_000, 5_404],
      ['2025-07-01', '2025-07-01', 1_000_000, 333],
      ['2025-07-02', '2025-07-10', 600_000, 1_798],
    ]);
    linesAddUp(result);
  });

  it('counts 29 February in a leap year and still divides by 365', () => {
    // 2024-H1: 4.50 + 10 = 14.50 %. Paid in full on 2024-03-15: days = 03-15 − 02-15 = 29.
    // 500,000 × 14.5 × 29 / 36,500 = 210,250,000 / 36,500 = 5,760.27 → 5,760.
    const result = computePenalties(
      frB2b({ amountCents: 500_000, dueDate: '2024-02-15', payments: [{ amountCents: 500_000, date: '2024-03-15' }], asOf: '2024-06-01' }),
    );
    expect(result).toMatchObject({ interestCents: 5_760, indemnityCents: 4_000, totalCents: 9_760, outstandingCents: 0 });
    expect(result.segments).toHaveLength(1);
    expect(result.segments[0]).toMatchObject({ from: '2024-02-16', to: '2024-03-15', days: 29, ratePercent: '14.50' });
  });

  it('lowers the base from the day after a partial payment', () => {
    // 2025-H2: 12.15 %. 10-01..10-15: 300,000 × 12.15 × 15 = 54,675,000;
    // 10-16..10-31: 200,000 × 12.15 × 16 = 38,880,000. 93,555,000 / 36,500 = 2,563.15 → 2,563.
    const result = computePenalties(
      frB2b({ amountCents: 300_000, dueDate: '2025-09-30', payments: [{ amountCents: 100_000, date: '2025-10-15' }], asOf: '2025-10-31' }),
    );
    expect(result).toMatchObject({ interestCents: 2_563, indemnityCents: 4_000, outstandingCents: 200_000 });
    expect(result.segments.map((s) => [s.from, s.to, s.days, s.baseCents])).toEqual([
      ['2025-10-01', '2025-10-15', 15, 300_000],
      ['2025-10-16', '2025-10-31', 16, 200_000],
    ]);
    linesAddUp(result);
  });

  it('floors a contractual rate below 3 × the legal rate', () => {
    // 2025-H2 floor: 3 × 2.76 = 8.28 % > 5 %. 30 days (10-01..10-30).
    // 1,000,000 × 8.28 × 30 / 36,500 = 248,400,000 / 36,500 = 6,805.48 → 6,805.
    const result = computePenalties(frB2b({ dueDate: '2025-09-30', asOf: '2025-10-30', contractualRatePercent: '5' }));
    expect(result).toMatchObject({ rule: 'FR_B2B_CONTRACTUAL_FLOORED', interestCents: 6_805, indemnityCents: 4_000 });
    expect(result.segments[0].ratePercent).toBe('8.28');
  });

  it('uses a contractual rate above the floor as agreed', () => {
    // 1,000,000 × 15 × 30 / 36,500 = 12,328.77 → 12,329.
    const result = computePenalties(frB2b({ dueDate: '2025-09-30', asOf: '2025-10-30', contractualRatePercent: '15' }));
    expect(result.interestCents).toBe(12_329);
    expect(result.segments[0].ratePercent).toBe('15.00');
  });

  it('applies the floor of each half-year', () => {
    // Contractual 8 %: 2025-H1 floor 3 × 3.71 = 11.13 %, 2025-H2 floor 3 × 2.76 = 8.28 %.
    // 06-21..06-30 and 07-01..07-10, 10 days each: 1,000,000 × (11.13 × 10 + 8.28 × 10) / 36,500
    // = 194,100,000 / 36,500 = 5,317.81 → 5,318.
    const result = computePenalties(frB2b({ dueDate: '2025-06-20', asOf: '2025-07-10', contractualRatePercent: '8' }));
    expect(result.interestCents).toBe(5_318);
    expect(result.segments.map((s) => s.ratePercent)).toEqual(['11.13', '8.28']);
  });

  it('keeps a contractual rate exact', () => {
    const result = computePenalties(frB2b({ dueDate: '2025-09-30', asOf: '2025-10-01', contractualRatePercent: '12.125' }));
    expect(result.segments[0].ratePercent).toBe('12.125');
    // 1,000,000 × 12.125 × 1 / 36,500 = 332.19 → 332.
    expect(result.interestCents).toBe(332);
  });

  it('owes nothing on or before the due date, nor when paid on the due date', () => {
    const onTime = computePenalties(frB2b({ asOf: '2025-06-15' }));
    expect(onTime).toMatchObject({ interestCents: 0, indemnityCents: 0, totalCents: 0, segments: [] });
    const paidOnDueDate = computePenalties(frB2b({ payments: [{ amountCents: 1_000_000, date: '2025-06-15' }] }));
    expect(paidOnDueDate).toMatchObject({ interestCents: 0, indemnityCents: 0, outstandingCents: 0, segments: [] });
  });

  it('owes the indemnity from the first late day, even if paid the day after', () => {
    // One day at 13.15 %: 1,000,000 × 13.15 / 36,500 = 360.27 → 360.
    const result = computePenalties(frB2b({ payments: [{ amountCents: 1_000_000, date: '2025-06-16' }] }));
    expect(result).toMatchObject({ interestCents: 360, indemnityCents: 4_000, outstandingCents: 0 });
  });

  it('ignores payments after asOf and overpayments', () => {
    expect(computePenalties(frB2b({ payments: [{ amountCents: 1_000_000, date: '2025-07-16' }] })).outstandingCents).toBe(1_000_000);
    expect(computePenalties(frB2b({ payments: [{ amountCents: 2_000_000, date: '2025-06-20' }] })).outstandingCents).toBe(0);
  });

  it('needs no rate of a half-year it never reaches', () => {
    // Paid in full on 2026-06-15, so 2026-H2 (no ECB rate known) is never used.
    // 06-01..06-15 at 2.15 + 10 = 12.15 %: 1,000,000 × 12.15 × 15 / 36,500 = 4,993.15 → 4,993.
    const result = computePenalties(
      frB2b({ dueDate: '2026-05-31', payments: [{ amountCents: 1_000_000, date: '2026-06-15' }], asOf: '2026-09-01' }),
    );
    expect(result.interestCents).toBe(4_993);
  });
});

describe('rates missing from the tables', () => {
  const in2027 = frB2b({ dueDate: '2027-01-15', asOf: '2027-02-14' });

  it('throws MissingRateError for 2027-H1 without an operator entry', () => {
    expect(() => computePenalties(in2027)).toThrow(MissingRateError);
    expect(() => computePenalties(in2027)).toThrow(
      expect.objectContaining({ code: 'RATE.MISSING', table: 'ECB_MRO', halfYearLabel: '2027-H1', halfYear: { year: 2027, half: 1 } }),
    );
  });

  it('computes once an operator adds the rate in force on 1 January 2027', () => {
    // 2.00 + 10 = 12 %, 30 days (01-16..02-14): 1,000,000 × 12 × 30 / 36,500 = 9,863.01 → 9,863.
    const operatorRates = { ecbMro: { entries: [{ effectiveFrom: '2027-01-01', rateBp: 200 }] } };
    const result = computePenalties(in2027, { operatorRates });
    expect(result).toMatchObject({ interestCents: 9_863, indemnityCents: 4_000, totalCents: 13_863 });
    expect(result.segments[0].ratePercent).toBe('12.00');
  });

  it('throws for the legal rate a contractual floor needs (2026-H2)', () => {
    const input = frB2b({ dueDate: '2026-06-30', asOf: '2026-07-31', contractualRatePercent: '12' });
    expect(() => computePenalties(input)).toThrow(expect.objectContaining({ code: 'RATE.MISSING', table: 'FR_LEGAL', halfYearLabel: '2026-H2' }));
  });
});

describe('Belgium, business debtor (published rate of the half-year)', () => {
  it('changes rate on 1 July', () => {
    // 06-21..06-30: 10 days at 11.5 %; 07-01..07-10: 10 days at 10.5 %.
    // 1,000,000 × (11.5 × 10 + 10.5 × 10) / 36,500 = 220,000,000 / 36,500 = 6,027.40 → 6,027.
    const result = computePenalties(frB2b({ jurisdiction: 'BE', dueDate: '2025-06-20', asOf: '2025-07-10' }));
    expect(result).toMatchObject({ rule: 'BE_B2B_LAW_RATE', interestCents: 6_027, indemnityCents: 4_000, totalCents: 10_027 });
    expect(result.segments.map((s) => s.ratePercent)).toEqual(['11.50', '10.50']);
  });

  it('merges half-years with the same rate into one line', () => {
    // 2024-H1 and 2024-H2 are both 12.5 %: 06-21..07-10 = 20 days.
    // 1,000,000 × 12.5 × 20 / 36,500 = 6,849.32 → 6,849.
    const result = computePenalties(frB2b({ jurisdiction: 'BE', dueDate: '2024-06-20', asOf: '2024-07-10' }));
    expect(result.segments).toHaveLength(1);
    expect(result.segments[0]).toMatchObject({ from: '2024-06-21', to: '2024-07-10', days: 20, ratePercent: '12.50' });
    expect(result.interestCents).toBe(6_849);
  });

  it('divides a leap year of 366 days by 365', () => {
    // All of 2024 at 12.5 %: 100,000 × 12.5 × 366 / 36,500 = 12,534.25 → 12,534 (more than 12.5 % of a year).
    const result = computePenalties(frB2b({ jurisdiction: 'BE', amountCents: 100_000, dueDate: '2023-12-31', asOf: '2024-12-31' }));
    expect(result.segments).toEqual([expect.objectContaining({ from: '2024-01-01', to: '2024-12-31', days: 366 })]);
    expect(result.interestCents).toBe(12_534);
  });

  it('derives an unpublished half-year from the ECB rate (+ 8, rounded up to 0.5)', () => {
    // Operator confirms no ECB decision up to 1 July 2026: 2.15 + 8 = 10.15 → 10.5 %.
    // 07-01..07-10: 1,000,000 × 10.5 × 10 / 36,500 = 2,876.71 → 2,877.
    const input = frB2b({ jurisdiction: 'BE', dueDate: '2026-06-30', asOf: '2026-07-10' });
    expect(() => computePenalties(input)).toThrow(expect.objectContaining({ code: 'RATE.MISSING', table: 'BE_B2B' }));
    const result = computePenalties(input, { operatorRates: { ecbMro: { knownUntil: '2026-07-01' } } });
    expect(result.interestCents).toBe(2_877);
  });
});

describe('France, consumer debtor (legal rate, "all other cases" column, from the formal notice)', () => {
  const frB2c = (overrides: Partial<PenaltyInput>) =>
    frB2b({ debtorType: 'consumer', amountCents: 200_000, dueDate: '2025-03-31', asOf: '2025-07-04', ...overrides });

  it('runs interest from the formal notice, with no indemnity', () => {
    // Notice 2025-05-05. 05-06..06-30: 56 days at 3.71 %; 07-01..07-04: 4 days at 2.76 %.
    // 200,000 × (3.71 × 56 + 2.76 × 4) / 36,500 = 200,000 × 218.8 / 36,500 = 1,198.90 → 1,199.
    const result = computePenalties(frB2c({ formalNoticeDate: '2025-05-05' }));
    expect(result).toMatchObject({ rule: 'FR_B2C_LEGAL_RATE', accrualStartsAfter: '2025-05-05', interestCents: 1_199, indemnityCents: 0, totalCents: 1_199 });
    expect(result.segments.map((s) => [s.from, s.to, s.days, s.ratePercent])).toEqual([
      ['2025-05-06', '2025-06-30', 56, '3.71'],
      ['2025-07-01', '2025-07-04', 4, '2.76'],
    ]);
  });

  it('owes nothing before a formal notice', () => {
    expect(computePenalties(frB2c({}))).toMatchObject({ accrualStartsAfter: null, interestCents: 0, indemnityCents: 0, totalCents: 0, segments: [] });
  });

  it('ignores a contractual rate', () => {
    expect(computePenalties(frB2c({ formalNoticeDate: '2025-05-05', contractualRatePercent: '20' })).interestCents).toBe(1_199);
  });
});

describe('Belgium, consumer debtor (Book XIX)', () => {
  const beB2c = (overrides: Partial<PenaltyInput>) =>
    frB2b({ jurisdiction: 'BE', debtorType: 'consumer', amountCents: 100_000, dueDate: '2025-08-15', asOf: '2025-09-30', ...overrides });

  it('starts 14 days after the day following an e-mail reminder, with flat damages', () => {
    // E-mail on 09-01: grace period 09-02..09-15; interest 09-16..09-30 = 15 days at 10.5 % (B2B cap).
    // 100,000 × 10.5 × 15 / 36,500 = 431.51 → 432. Damages on 1,000 EUR: 65 + 5 % × 500 = 90 EUR.
    const result = computePenalties(beB2c({ firstReminder: { date: '2025-09-01', channel: 'email' } }));
    expect(result).toMatchObject({
      rule: 'BE_B2C_CAPPED_RATE',
      accrualStartsAfter: '2025-09-15',
      interestCents: 432,
      indemnityCents: 9_000,
      totalCents: 9_432,
    });
  });

  it('owes nothing during the grace period', () => {
    const result = computePenalties(beB2c({ firstReminder: { date: '2025-09-01', channel: 'email' }, asOf: '2025-09-15' }));
    expect(result).toMatchObject({ interestCents: 0, indemnityCents: 0, totalCents: 0 });
  });

  it('counts from the 3rd Belgian working day after a posted reminder', () => {
    // Posted Monday 2025-11-10; 11-11 is a holiday; working days 11-12, 11-13, 11-14 → the period
    // runs 11-14..11-27. Interest 11-28..12-31 = 34 days at 10.5 % on 400 EUR:
    // 40,000 × 10.5 × 34 / 36,500 = 391.23 → 391. Damages: 30 + 10 % × 250 = 55 EUR.
    const result = computePenalties(
      beB2c({ amountCents: 40_000, dueDate: '2025-10-31', asOf: '2025-12-31', firstReminder: { date: '2025-11-10', channel: 'post' } }),
    );
    expect(result).toMatchObject({ accrualStartsAfter: '2025-11-27', interestCents: 391, indemnityCents: 5_500, totalCents: 5_891 });
  });

  it('applies a lower agreed rate, and caps a higher one at the B2B rate', () => {
    const base = { amountCents: 40_000, dueDate: '2025-10-31', asOf: '2025-12-31', firstReminder: { date: '2025-11-10', channel: 'post' as const } };
    // 40,000 × 8 × 34 / 36,500 = 298.08 → 298.
    const lower = computePenalties(beB2c({ ...base, contractualRatePercent: '8' }));
    expect(lower.interestCents).toBe(298);
    expect(lower.segments[0].ratePercent).toBe('8.00');
    const higher = computePenalties(beB2c({ ...base, contractualRatePercent: '15' }));
    expect(higher.interestCents).toBe(391);
    expect(higher.segments[0].ratePercent).toBe('10.50');
  });

  it('computes damages on the balance left when the grace period ends', () => {
    // 700 EUR paid on the last grace day: balance 300 EUR → 30 + 10 % × 150 = 45 EUR.
    const result = computePenalties(
      beB2c({ firstReminder: { date: '2025-09-01', channel: 'email' }, payments: [{ amountCents: 70_000, date: '2025-09-15' }] }),
    );
    expect(result.indemnityCents).toBe(4_500);
  });

  it('owes nothing without a reminder, and refuses a reminder sent before the debt is late', () => {
    expect(computePenalties(beB2c({}))).toMatchObject({ accrualStartsAfter: null, totalCents: 0 });
    expect(() => computePenalties(beB2c({ firstReminder: { date: '2025-08-15', channel: 'email' } }))).toThrow(InvalidPenaltyInputError);
  });
});

describe('rounding and output shape', () => {
  it('rounds once per invoice, not per line', () => {
    // 1,000 EUR, 15 days at 13.15 % + 15 days at 12.15 %: lines 540.41 + 499.32 = 1,039.73 → 1,040,
    // where rounding each line first would give 540 + 499 = 1,039. Lines are floored (540 + 499) and
    // the cent left goes to the largest remainder (.41 > .32): 541 + 499.
    const result = computePenalties(frB2b({ amountCents: 100_000 }));
    expect(result.interestCents).toBe(1_040);
    expect(result.segments.map((s) => s.interestCents)).toEqual([541, 499]);
  });

  it('lines always add up to the rounded total', () => {
    for (let amount = 1; amount < 2_000_000; amount = amount * 3 + 7) {
      const result = computePenalties(
        frB2b({ amountCents: amount, payments: [{ amountCents: Math.floor(amount / 3), date: '2025-06-25' }, { amountCents: 1, date: '2025-07-01' }] }),
      );
      linesAddUp(result);
    }
  });

  it('is plain JSON (Temporal payloads)', () => {
    const result = computePenalties(frB2b({ payments: [{ amountCents: 400_000, date: '2025-07-01' }] }));
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });
});

describe('input validation', () => {
  it.each<[string, Partial<PenaltyInput>]>([
    ['amountCents', { amountCents: 100.5 }],
    ['currency', { currency: 'USD' }],
    ['dueDate', { dueDate: '2025-02-29' }],
    ['asOf', { asOf: '15/07/2025' }],
    ['payments[0].amountCents', { payments: [{ amountCents: -1, date: '2025-06-20' }] }],
    ['payments[0].date', { payments: [{ amountCents: 1, date: '2025-06-31' }] }],
    ['contractualRatePercent', { contractualRatePercent: '12,5' }],
    ['jurisdiction', { jurisdiction: 'DE' as never }],
  ])('rejects a bad %s', (field, overrides) => {
    expect(() => computePenalties(frB2b(overrides))).toThrow(expect.objectContaining({ code: 'PENALTY.INVALID_INPUT', field }));
  });
});
