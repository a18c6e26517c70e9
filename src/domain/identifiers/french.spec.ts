import { frenchRegistrationProblem, frenchVatKey, frenchVatProblem, sirenProblem, siretProblem } from './french';

describe('SIREN', () => {
  it.each(['732829320', '542051180', '552120222', '443061841', '552100554', '356000000'])('%s is valid', (siren) => {
    expect(sirenProblem(siren)).toBeNull();
  });

  it.each([
    ['732829321', 'Luhn'],
    ['732829302', 'Luhn'], // two digits swapped
    ['403019261', 'Luhn'],
    ['73282932', '9 digits'],
    ['7328293200', '9 digits'],
    ['73282932A', '9 digits'],
    ['000000000', '000000000'],
  ])('%s is refused (%s)', (siren, why) => {
    expect(sirenProblem(siren)).toContain(why);
  });
});

describe('SIRET', () => {
  it.each(['73282932000074', '54205118000066', '55212022200013'])('%s is valid', (siret) => {
    expect(siretProblem(siret)).toBeNull();
  });

  it('La Poste: the head office follows Luhn, its establishments a digit sum that is a multiple of 5', () => {
    expect(siretProblem('35600000000048')).toBeNull();
    expect(siretProblem('35600000049837')).toBeNull(); // digit sum 45, not Luhn
    expect(siretProblem('35600000049838')).toContain('La Poste');
  });

  it.each([
    ['73282932000079', 'SIRET check digit'],
    ['73282932100074', 'invalid SIREN'],
    ['7328293200007', '14 digits'],
    ['73282932400076', 'invalid SIREN'], // Luhn over the 14 digits holds, but 732829324 is no SIREN
  ])('%s is refused (%s)', (siret, why) => {
    expect(siretProblem(siret)).toContain(why);
  });
});

describe('French registration number (SIREN or SIRET)', () => {
  it('takes either by length', () => {
    expect(frenchRegistrationProblem('732829320')).toBeNull();
    expect(frenchRegistrationProblem('73282932000074')).toBeNull();
    expect(frenchRegistrationProblem('7328293200')).toBe('must be a SIREN (9 digits) or a SIRET (14 digits) for a French company');
    expect(frenchRegistrationProblem('RCS PARIS 732829320')).toContain('SIREN (9 digits)');
  });
});

describe('French VAT number', () => {
  it('computes the key from the SIREN: (12 + 3 × (SIREN mod 97)) mod 97', () => {
    expect(frenchVatKey('732829320')).toBe('44');
    expect(frenchVatKey('542051180')).toBe('59');
    expect(frenchVatKey('334175221')).toBe('23');
    expect(frenchVatKey('303265045')).toBe('40');
    expect(() => frenchVatKey('12345')).toThrow(RangeError);
  });

  it.each(['FR44732829320', 'FR59542051180', 'FR23334175221', 'FR40303265045', 'FRK7399859412', 'FR4Z123456782'])('%s is valid', (vat) => {
    expect(frenchVatProblem(vat)).toBeNull();
  });

  it('writes a key below 10 with a leading zero', () => {
    expect(frenchVatKey('400000030')).toBe('07');
    expect(frenchVatProblem('FR07400000030')).toBeNull();
    expect(frenchVatProblem('FR7400000030')).toContain("'FR', a 2-character key");
  });

  it('accepts Monaco numbers (000…), which are not SIRENs', () => {
    const monaco = '000123456';
    expect(frenchVatProblem(`FR${frenchVatKey(monaco)}${monaco}`)).toBeNull();
  });

  it.each([
    ['FR45732829320', 'the key of SIREN 732829320 is 44'],
    ['FR60542051180', 'the key of SIREN 542051180 is 59'],
    ['FR84323140391', 'Luhn'], // 323140391 is no SIREN
    ['FRK8399859412', 'key that does not match'],
    ['FR5Z123456782', 'key that does not match'],
    ['FRIO334175221', 'I or O'],
    ['FR44732829321', 'Luhn'],
    ['FR4473282932', "'FR', a 2-character key"],
    ['44732829320', "'FR', a 2-character key"],
    ['BE0403170701', "'FR', a 2-character key"],
  ])('%s is refused (%s)', (vat, why) => {
    expect(frenchVatProblem(vat)).toContain(why);
  });
});
