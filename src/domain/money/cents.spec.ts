import { assertCents, InvalidAmountError, isCents, sumCents } from '.';

describe('isCents / assertCents', () => {
  it.each([0, 1, 123456, Number.MAX_SAFE_INTEGER])('accepts %p', (value) => {
    expect(isCents(value)).toBe(true);
    expect(() => assertCents(value)).not.toThrow();
  });

  it.each([-1, 0.5, 12.34, Number.NaN, Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER + 1, '100', null, undefined])(
    'rejects %p',
    (value) => {
      expect(isCents(value)).toBe(false);
      expect(() => assertCents(value, 'amountCents')).toThrow(InvalidAmountError);
    },
  );

  it('names the value in a coded error', () => {
    expect(() => assertCents(-5, 'payment')).toThrow(
      expect.objectContaining({ code: 'MONEY.INVALID_AMOUNT', label: 'payment', value: -5 }),
    );
  });
});

describe('sumCents', () => {
  it('adds amounts exactly', () => {
    expect(sumCents([])).toBe(0);
    expect(sumCents([10, 20, 30])).toBe(60);
    expect(sumCents([1, 2])).toBe(3); // where 0.01 + 0.02 in floating-point euros would not be 0.03
  });

  it('rejects invalid amounts and an unsafe total', () => {
    expect(() => sumCents([10, -1])).toThrow(InvalidAmountError);
    expect(() => sumCents([Number.MAX_SAFE_INTEGER, 1])).toThrow(InvalidAmountError);
  });
});
