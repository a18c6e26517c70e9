import {
  belgianB2bRateForHalfYear,
  belgianRateFromEcb,
  ecbRateForHalfYear,
  frenchLegalRateForHalfYear,
  InvalidRateEntryError,
  MissingRateError,
  OperatorRates,
  SHIPPED_RATE_TABLES,
  validateOperatorRates,
} from '.';
import { halfYearOf } from '../calendar';

function missing(table: string, halfYearLabel: string) {
  return expect.objectContaining({ name: 'MissingRateError', code: 'RATE.MISSING', table, halfYearLabel });
}

describe('shipped tables', () => {
  it('carry their source text', () => {
    for (const table of Object.values(SHIPPED_RATE_TABLES)) expect(table.source.length).toBeGreaterThan(40);
    expect(SHIPPED_RATE_TABLES.ecbMro.knownUntil).toBe('2026-03-19');
  });
});

describe('ecbRateForHalfYear (the rate in force on 1 January / 1 July)', () => {
  it.each([
    [2016, 2, 0, '2016-03-16'],
    [2022, 1, 0, '2016-03-16'],
    [2022, 2, 0, '2016-03-16'], // 0.50 only from 27 July 2022
    [2023, 1, 250, '2022-12-21'],
    [2023, 2, 400, '2023-06-21'],
    [2024, 1, 450, '2023-09-20'],
    [2024, 2, 425, '2024-06-12'],
    [2025, 1, 315, '2024-12-18'],
    [2025, 2, 215, '2025-06-11'],
    [2026, 1, 215, '2025-06-11'],
  ] as const)('%i-H%i: %i bp (decision of %s)', (year, half, rateBp, effectiveFrom) => {
    expect(ecbRateForHalfYear({ year, half })).toEqual({ rateBp, effectiveFrom });
  });

  it('accepts the object halfYearOf() returns', () => {
    expect(ecbRateForHalfYear(halfYearOf('2025-08-14')).rateBp).toBe(215);
  });

  it('does not guess before the first decision in the table', () => {
    expect(() => ecbRateForHalfYear({ year: 2016, half: 1 })).toThrow(missing('ECB_MRO', '2016-H1'));
  });

  it('does not guess after knownUntil (2026-03-19): 2026-H2 is missing', () => {
    expect(() => ecbRateForHalfYear({ year: 2026, half: 2 })).toThrow(MissingRateError);
    expect(() => ecbRateForHalfYear({ year: 2026, half: 2 })).toThrow(missing('ECB_MRO', '2026-H2'));
  });

  it('answers once an operator confirms the decisions up to 1 July', () => {
    const operatorRates: OperatorRates = { ecbMro: { knownUntil: '2026-07-01' } };
    expect(ecbRateForHalfYear({ year: 2026, half: 2 }, { operatorRates })).toEqual({ rateBp: 215, effectiveFrom: '2025-06-11' });
  });

  it('counts an operator-added decision as known from its effective date only', () => {
    const june: OperatorRates = { ecbMro: { entries: [{ effectiveFrom: '2026-06-10', rateBp: 240 }] } };
    // Known up to 10 June; a decision could still take effect before 1 July.
    expect(() => ecbRateForHalfYear({ year: 2026, half: 2 }, { operatorRates: june })).toThrow(missing('ECB_MRO', '2026-H2'));
    const confirmed: OperatorRates = { ecbMro: { ...june.ecbMro, knownUntil: '2026-09-30' } };
    expect(ecbRateForHalfYear({ year: 2026, half: 2 }, { operatorRates: confirmed })).toEqual({ rateBp: 240, effectiveFrom: '2026-06-10' });
  });

  it('applies a decision effective on 1 July to the second half, not one effective on 2 July', () => {
    const onFirst: OperatorRates = { ecbMro: { entries: [{ effectiveFrom: '2026-07-01', rateBp: 190 }] } };
    expect(ecbRateForHalfYear({ year: 2026, half: 2 }, { operatorRates: onFirst }).rateBp).toBe(190);
    const onSecond: OperatorRates = { ecbMro: { entries: [{ effectiveFrom: '2026-07-02', rateBp: 190 }] } };
    expect(ecbRateForHalfYear({ year: 2026, half: 2 }, { operatorRates: onSecond }).rateBp).toBe(215);
  });

  it('lets an operator correct a shipped entry', () => {
    const operatorRates: OperatorRates = { ecbMro: { entries: [{ effectiveFrom: '2025-06-11', rateBp: 200 }] } };
    expect(ecbRateForHalfYear({ year: 2026, half: 1 }, { operatorRates }).rateBp).toBe(200);
  });

  it('reads custom tables', () => {
    const tables = { ...SHIPPED_RATE_TABLES, ecbMro: { source: 'test', knownUntil: '2030-12-31', entries: [{ effectiveFrom: '2029-01-01', rateBp: 100 }] } };
    expect(ecbRateForHalfYear({ year: 2030, half: 1 }, { tables }).rateBp).toBe(100);
  });

  it('rejects a malformed half-year', () => {
    expect(() => ecbRateForHalfYear({ year: 2025, half: 3 as never })).toThrow(expect.objectContaining({ code: 'DOMAIN.INVALID_ARGUMENT' }));
  });
});

describe('frenchLegalRateForHalfYear', () => {
  it('returns both columns', () => {
    expect(frenchLegalRateForHalfYear({ year: 2025, half: 2 })).toEqual({ year: 2025, half: 2, privateCreditorBp: 665, otherCasesBp: 276 });
    expect(frenchLegalRateForHalfYear({ year: 2024, half: 1 })).toMatchObject({ privateCreditorBp: 801, otherCasesBp: 507 });
    expect(frenchLegalRateForHalfYear({ year: 2026, half: 1 })).toMatchObject({ privateCreditorBp: 667, otherCasesBp: 262 });
  });

  it('throws MissingRateError for 2026-H2 until an operator adds it', () => {
    expect(() => frenchLegalRateForHalfYear({ year: 2026, half: 2 })).toThrow(missing('FR_LEGAL', '2026-H2'));
    const operatorRates: OperatorRates = { frenchLegal: [{ year: 2026, half: 2, privateCreditorBp: 650, otherCasesBp: 250 }] };
    expect(frenchLegalRateForHalfYear({ year: 2026, half: 2 }, { operatorRates }).otherCasesBp).toBe(250);
  });
});

describe('belgianB2bRateForHalfYear', () => {
  it('returns the published rate', () => {
    expect(belgianB2bRateForHalfYear({ year: 2019, half: 1 })).toEqual({ rateBp: 800, basis: 'published' });
    expect(belgianB2bRateForHalfYear({ year: 2023, half: 2 })).toEqual({ rateBp: 1200, basis: 'published' });
    expect(belgianB2bRateForHalfYear({ year: 2025, half: 1 })).toEqual({ rateBp: 1150, basis: 'published' });
    expect(belgianB2bRateForHalfYear({ year: 2026, half: 1 })).toEqual({ rateBp: 1050, basis: 'published' });
  });

  it('agrees with the formula (ECB + 8, rounded up to 0.5) wherever both are known', () => {
    for (const entry of SHIPPED_RATE_TABLES.belgianB2b.entries) {
      if (entry.year === 2016 && entry.half === 1) continue; // ECB rate of 1 January 2016 is not in the table
      expect([entry.year, entry.half, belgianRateFromEcb(ecbRateForHalfYear(entry).rateBp)]).toEqual([entry.year, entry.half, entry.rateBp]);
    }
  });

  it('derives an unpublished half-year from a known ECB rate', () => {
    const operatorRates: OperatorRates = { ecbMro: { knownUntil: '2026-07-01' } };
    expect(belgianB2bRateForHalfYear({ year: 2026, half: 2 }, { operatorRates })).toEqual({ rateBp: 1050, basis: 'ecb-plus-8' });
  });

  it('throws MissingRateError when neither the table nor the ECB rate has it', () => {
    expect(() => belgianB2bRateForHalfYear({ year: 2026, half: 2 })).toThrow(missing('BE_B2B', '2026-H2'));
  });

  it('prefers an operator-published rate to the formula', () => {
    const operatorRates: OperatorRates = { belgianB2b: [{ year: 2026, half: 2, rateBp: 1100 }], ecbMro: { knownUntil: '2026-07-01' } };
    expect(belgianB2bRateForHalfYear({ year: 2026, half: 2 }, { operatorRates })).toEqual({ rateBp: 1100, basis: 'published' });
  });
});

describe('belgianRateFromEcb', () => {
  it.each([
    [0, 800],
    [215, 1050],
    [250, 1050], // already on a half point: unchanged
    [265, 1100],
    [300, 1100],
    [301, 1150],
    [-40, 800],
  ])('ECB %i bp → %i bp', (ecb, belgian) => expect(belgianRateFromEcb(ecb)).toBe(belgian));
});

describe('operator-added entries are validated', () => {
  const invalid = expect.objectContaining({ code: 'RATE.INVALID_ENTRY' });

  it.each<[string, OperatorRates]>([
    ['a float rate', { ecbMro: { entries: [{ effectiveFrom: '2026-06-10', rateBp: 2.15 }] } }],
    ['a rate given as a string', { ecbMro: { entries: [{ effectiveFrom: '2026-06-10', rateBp: '215' as never }] } }],
    ['an impossible date', { ecbMro: { entries: [{ effectiveFrom: '2026-02-30', rateBp: 215 }] } }],
    ['an invalid knownUntil', { ecbMro: { knownUntil: 'soon' } }],
    ['a half 3', { frenchLegal: [{ year: 2026, half: 3 as never, privateCreditorBp: 650, otherCasesBp: 250 }] }],
    ['a negative legal rate', { frenchLegal: [{ year: 2026, half: 2, privateCreditorBp: 650, otherCasesBp: -1 }] }],
    ['a duplicate half-year', { belgianB2b: [{ year: 2026, half: 2, rateBp: 1050 }, { year: 2026, half: 2, rateBp: 1100 }] }],
    ['a rate above 100 %', { belgianB2b: [{ year: 2026, half: 2, rateBp: 10_050 }] }],
  ])('rejects %s', (_label, operatorRates) => {
    expect(() => validateOperatorRates(operatorRates)).toThrow(InvalidRateEntryError);
    expect(() => validateOperatorRates(operatorRates)).toThrow(invalid);
  });

  it('fails the lookup too, rather than ignoring the bad entry', () => {
    const operatorRates: OperatorRates = { frenchLegal: [{ year: 2026, half: 2, privateCreditorBp: 6.5, otherCasesBp: 250 }] };
    expect(() => frenchLegalRateForHalfYear({ year: 2025, half: 1 }, { operatorRates })).toThrow(invalid);
  });

  it('accepts well-formed entries', () => {
    expect(() =>
      validateOperatorRates({
        ecbMro: { entries: [{ effectiveFrom: '2026-06-10', rateBp: 240 }], knownUntil: '2026-07-23' },
        frenchLegal: [{ year: 2026, half: 2, privateCreditorBp: 650, otherCasesBp: 250 }],
        belgianB2b: [{ year: 2026, half: 2, rateBp: 1050 }],
      }),
    ).not.toThrow();
  });
});
