import { penaltiesToday } from '.';

const request = { terms: { jurisdiction: 'FR', debtorType: 'business' } as const, amountCents: 120_000, currency: 'EUR', dueDate: '2025-03-01', payments: [] };

describe('penaltiesToday', () => {
  it('computes interest and the 40 EUR indemnity with the shipped rates', () => {
    // 2025-H1: ECB 3.15 % + 10 points; 120 000 × 13.15 % × 31 / 365 = 1 340.22 cents.
    expect(penaltiesToday({ ...request, asOf: '2025-04-01' })).toEqual({
      status: 'computed',
      asOf: '2025-04-01',
      rule: 'FR_B2B_ECB_PLUS_10',
      interestCents: 1340,
      indemnityCents: 4000,
      totalCents: 5340,
    });
  });

  it('lowers the base from the day after a partial payment', () => {
    const partial = penaltiesToday({ ...request, payments: [{ amountCents: 60_000, date: '2025-03-16' }], asOf: '2025-04-01' });
    // 15 days on 1 200 €, then 16 days on 600 €: 648.49 + 345.86 = 994.36 → 994.
    expect(partial).toMatchObject({ status: 'computed', interestCents: 994 });
  });

  it('reports a missing rate with its reason instead of failing', () => {
    const result = penaltiesToday({ ...request, dueDate: '2027-01-10', asOf: '2027-02-01' });
    expect(result).toMatchObject({ status: 'unavailable', asOf: '2027-02-01', code: 'RATE.MISSING' });
    expect(result.status === 'unavailable' && result.reason).toMatch(/2027-H1/);
  });

  it('reports an invoice outside the rules (not in euros)', () => {
    expect(penaltiesToday({ ...request, currency: 'USD', asOf: '2025-04-01' })).toMatchObject({ status: 'unavailable', code: 'PENALTY.INVALID_INPUT' });
  });
});
