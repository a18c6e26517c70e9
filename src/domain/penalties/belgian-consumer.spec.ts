import { belgianConsumerDamagesCents, belgianConsumerGraceEnd } from '.';

describe('belgianConsumerDamagesCents (ceilings by balance)', () => {
  it.each([
    [0, 0],
    [1, 2_000], // up to 150 EUR: 20 EUR
    [15_000, 2_000],
    [15_001, 3_000], // 30 EUR + 10 % of 0.01 EUR = 30.001 EUR, rounded down
    [15_010, 3_001],
    [30_000, 4_500], // 30 + 10 % × 150
    [50_000, 6_500], // 30 + 10 % × 350 = 65: the tiers meet
    [50_001, 6_500], // 65 + 5 % of 0.01 EUR, rounded down
    [100_000, 9_000], // 65 + 5 % × 500
    [3_920_000, 200_000], // 65 + 5 % × 38,700 = 2,000: the cap is reached
    [5_000_000, 200_000], // capped at 2,000 EUR
  ])('balance %i cents → %i cents', (balance, damages) => expect(belgianConsumerDamagesCents(balance)).toBe(damages));
});

describe('belgianConsumerGraceEnd', () => {
  it('counts 14 days from the day after an e-mail', () => {
    expect(belgianConsumerGraceEnd({ date: '2025-09-01', channel: 'email' })).toBe('2025-09-15');
  });

  it('counts 14 days from the 3rd working day after a letter, skipping weekends and holidays', () => {
    // Posted Friday 2025-07-18: Mon 21 July is the national holiday → 22, 23, 24 July.
    expect(belgianConsumerGraceEnd({ date: '2025-07-18', channel: 'post' })).toBe('2025-08-06');
    // Posted Monday 2025-11-10: 11 November is a holiday → 12, 13, 14 November.
    expect(belgianConsumerGraceEnd({ date: '2025-11-10', channel: 'post' })).toBe('2025-11-27');
  });
});
