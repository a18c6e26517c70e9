import { formatMoney, NO_BREAK_SPACE } from '.';

const nbsp = NO_BREAK_SPACE;

describe('formatMoney', () => {
  it('formats euros in French with no-break spaces (U+00A0)', () => {
    expect(formatMoney(123456, 'EUR', 'fr')).toBe('1\u00A0234,56\u00A0€');
    expect(NO_BREAK_SPACE).toBe('\u00A0');
  });

  it('formats euros in English', () => {
    expect(formatMoney(123456, 'EUR', 'en')).toBe('€1,234.56');
  });

  it.each([
    [0, `0,00${nbsp}€`, '€0.00'],
    [5, `0,05${nbsp}€`, '€0.05'],
    [100, `1,00${nbsp}€`, '€1.00'],
    [4000, `40,00${nbsp}€`, '€40.00'],
    [99999, `999,99${nbsp}€`, '€999.99'],
    [100000, `1${nbsp}000,00${nbsp}€`, '€1,000.00'],
    [123456789, `1${nbsp}234${nbsp}567,89${nbsp}€`, '€1,234,567.89'],
    [Number.MAX_SAFE_INTEGER, `90${nbsp}071${nbsp}992${nbsp}547${nbsp}409,91${nbsp}€`, '€90,071,992,547,409.91'],
  ])('%p cents → %p / %p', (cents, fr, en) => {
    expect(formatMoney(cents, 'EUR', 'fr')).toBe(fr);
    expect(formatMoney(cents, 'EUR', 'en')).toBe(en);
  });

  it('puts a sign in front of credits', () => {
    expect(formatMoney(-123456, 'EUR', 'fr')).toBe(`-1${nbsp}234,56${nbsp}€`);
    expect(formatMoney(-5, 'EUR', 'en')).toBe('-€0.05');
  });

  it('shows the ISO code for currencies without a symbol here', () => {
    expect(formatMoney(123456, 'CHF', 'fr')).toBe(`1${nbsp}234,56${nbsp}CHF`);
    expect(formatMoney(123456, 'USD', 'en')).toBe(`USD${nbsp}1,234.56`);
  });

  it('rejects amounts that are not whole cents, unknown currencies and locales', () => {
    const invalid = expect.objectContaining({ code: 'DOMAIN.INVALID_ARGUMENT' });
    expect(() => formatMoney(12.5, 'EUR', 'fr')).toThrow(invalid);
    expect(() => formatMoney(Number.NaN, 'EUR', 'fr')).toThrow(invalid);
    expect(() => formatMoney(100, 'eur', 'fr')).toThrow(invalid);
    expect(() => formatMoney(100, 'JPY', 'en')).toThrow(invalid); // no cents in yen
    expect(() => formatMoney(100, 'EUR', 'de' as never)).toThrow(invalid);
  });
});
