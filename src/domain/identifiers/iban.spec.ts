import { bicProblem } from './bic';
import { isBankingCountryCode, isCountryCode } from './countries';
import { IBAN_LENGTHS, ibanProblem } from './iban';

describe('IBAN', () => {
  it.each([
    'FR7630006000011234567890189',
    'FR1420041010050500013M02606', // letter in the account number
    'BE68539007547034',
    'BE71096123456769',
    'DE89370400440532013000',
    'GB29NWBK60161331926819',
    'NL91ABNA0417164300',
  ])('%s is valid', (iban) => {
    expect(ibanProblem(iban)).toBeNull();
  });

  it.each([
    ['FR7630006000011234567890188', 'mod 97'], // last digit off by one
    ['FR7630006000011234567809189', 'mod 97'], // two digits swapped
    ['FR7630006000011234567890', '27 characters for FR, not 24'],
    ['BE685390075470341', '16 characters for BE, not 17'],
    ['US64SVBKUS6S3300958879', 'no IBAN'],
    ['ZZ7630006000011234567890189', 'not a country code'],
    ['7630006000011234567890189', 'must be an IBAN'],
    ['FR76 3000 6000 0112 3456 7890 189', 'must be an IBAN'], // checked in compact form
  ])('%s is refused (%s)', (iban, why) => {
    expect(ibanProblem(iban)).toContain(why);
  });

  it('knows the lengths of the SEPA countries Relance deals with first', () => {
    expect([IBAN_LENGTHS.FR, IBAN_LENGTHS.BE, IBAN_LENGTHS.MC, IBAN_LENGTHS.LU, IBAN_LENGTHS.DE]).toEqual([27, 16, 27, 20, 22]);
  });
});

describe('BIC', () => {
  it.each(['BNPAFRPP', 'BNPAFRPPXXX', 'GEBABEBB', 'KREDBEBB', 'DEUTDEFF500', 'NWBKGB2L'])('%s is valid', (bic) => {
    expect(bicProblem(bic)).toBeNull();
  });

  it.each([
    ['BNPAFRP', '8 or 11'],
    ['BNPAFRPPXX', '8 or 11'],
    ['BNP1FRPP', '8 or 11'],
    ['BNPAZZPP', 'ZZ where the country code goes'],
    ['bnpafrpp', '8 or 11'], // checked in compact (upper-case) form
  ])('%s is refused (%s)', (bic, why) => {
    expect(bicProblem(bic)).toContain(why);
  });
});

describe('country codes', () => {
  it('are the 249 assigned ISO 3166-1 alpha-2 codes', () => {
    expect(['FR', 'BE', 'MC', 'LU', 'DE', 'GB', 'RE', 'GP'].every(isCountryCode)).toBe(true);
    expect(['UK', 'EU', 'XK', 'ZZ', 'fr', 'FRA'].some(isCountryCode)).toBe(false);
    expect(isBankingCountryCode('XK')).toBe(true);
  });
});
