import { add, compare, floor, formatDecimal, fraction, fractionToString, parseDecimal, roundHalfUp } from './fraction';

describe('fraction', () => {
  it('reduces and adds exactly', () => {
    expect(fraction(6n, 4n)).toEqual({ num: 3n, den: 2n });
    expect(add(fraction(1n, 3n), fraction(1n, 6n))).toEqual({ num: 1n, den: 2n });
    expect(fractionToString(fraction(3795000n, 365n))).toBe('759000/73');
    expect(fractionToString(fraction(10n, 5n))).toBe('2');
    expect(() => fraction(1n, 0n)).toThrow(expect.objectContaining({ code: 'DOMAIN.INVALID_ARGUMENT' }));
  });

  it('rounds half up, and floors', () => {
    expect(roundHalfUp(fraction(5n, 2n))).toBe(3n);
    expect(roundHalfUp(fraction(1n, 2n))).toBe(1n);
    expect(roundHalfUp(fraction(499n, 1000n))).toBe(0n);
    expect(roundHalfUp(fraction(7n, 3n))).toBe(2n);
    expect(floor(fraction(7n, 3n))).toBe(2n);
    expect(compare(fraction(1n, 3n), fraction(333n, 1000n))).toBe(1);
  });

  it('parses and prints exact decimals', () => {
    expect(parseDecimal('12.125')).toEqual(fraction(97n, 8n));
    expect(parseDecimal('8')).toEqual(fraction(8n));
    expect(parseDecimal('12,5')).toBeUndefined();
    expect(parseDecimal('-1')).toBeUndefined();
    expect(parseDecimal('1e3')).toBeUndefined();
    expect(formatDecimal(fraction(1215n, 100n))).toBe('12.15');
    expect(formatDecimal(fraction(21n, 2n))).toBe('10.50');
    expect(formatDecimal(fraction(97n, 8n))).toBe('12.125');
    expect(formatDecimal(fraction(0n))).toBe('0.00');
    expect(formatDecimal(fraction(1n, 1000n))).toBe('0.001');
    expect(() => formatDecimal(fraction(1n, 3n))).toThrow(expect.objectContaining({ code: 'DOMAIN.INVALID_ARGUMENT' }));
  });
});
