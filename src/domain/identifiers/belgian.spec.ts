import { belgianEnterpriseNumberProblem, belgianVatProblem } from './belgian';

describe('Belgian enterprise number (BCE/KBO)', () => {
  it.each(['0403170701', '0202239951', '0417497106', '0403227515', '0403019261', '0884303369'])('%s is valid', (number) => {
    expect(belgianEnterpriseNumberProblem(number)).toBeNull();
  });

  it('takes 97 as the check when the first eight digits are a multiple of 97', () => {
    expect(belgianEnterpriseNumberProblem('0428759497')).toBeNull();
    expect(belgianEnterpriseNumberProblem('0428759400')).toContain('mod 97');
  });

  it('accepts numbers starting with 1, issued since the 0 range ran out', () => {
    const first8 = '10000000';
    const check = String(97 - (Number(first8) % 97)).padStart(2, '0');
    expect(belgianEnterpriseNumberProblem(first8 + check)).toBeNull();
  });

  it.each([
    ['0431150351', 'mod 97'],
    ['0403170702', 'mod 97'],
    ['0430171701', 'mod 97'],
    ['403170701', 'leading 0: 0403170701'],
    ['04031707011', '10 digits'],
    ['BE0403170701', '10 digits'],
    ['2100000096', 'establishment units'],
  ])('%s is refused (%s)', (number, why) => {
    expect(belgianEnterpriseNumberProblem(number)).toContain(why);
  });
});

describe('Belgian VAT number', () => {
  it.each(['BE0403170701', 'BE0428759497', 'BE0202239951'])('%s is valid', (vat) => {
    expect(belgianVatProblem(vat)).toBeNull();
  });

  it.each([
    ['BE0403170702', 'mod 97'],
    ['BE403170701', 'BE0403170701'],
    ['0403170701', "'BE' and the 10-digit"],
    ['FR44732829320', "'BE' and the 10-digit"],
    ['BE2100000096', 'enterprise number starting with 0 or 1'],
  ])('%s is refused (%s)', (vat, why) => {
    expect(belgianVatProblem(vat)).toContain(why);
  });
});
