import { compactIdentifier } from './compact';
import { isLuhnValid } from './luhn';
import { mod97 } from './mod97';

describe('isLuhnValid', () => {
  it.each(['732829320', '542051180', '73282932000074', '4539578763621486', '0'])('accepts %s', (digits) => {
    expect(isLuhnValid(digits)).toBe(true);
  });

  it.each(['732829321', '732829302', '73282932000079', '', '7328293a0', '73 2829320'])('refuses %j', (digits) => {
    expect(isLuhnValid(digits)).toBe(false);
  });
});

describe('mod97', () => {
  it('is exact on numbers far beyond 2^53', () => {
    // 10^30 mod 97: 10^2 ≡ 3, so 10^30 ≡ 3^15 = 14,348,907 ≡ 14,348,907 - 97 × 147,926 = 85.
    expect(mod97('1' + '0'.repeat(30))).toBe(85);
    expect(mod97('97')).toBe(0);
    expect(mod97('1')).toBe(1);
    expect(mod97('96')).toBe(96);
  });
});

describe('compactIdentifier', () => {
  it('removes the separators people write and upper-cases letters', () => {
    expect(compactIdentifier('732 829 320')).toBe('732829320');
    expect(compactIdentifier('0403.170.701')).toBe('0403170701');
    expect(compactIdentifier('fr 44-732/829.320')).toBe('FR44732829320');
    expect(compactIdentifier('FR76 3000 6000 0112 3456 7890 189')).toBe('FR7630006000011234567890189');
    expect(compactIdentifier('\tbnpa fr pp xxx\n')).toBe('BNPAFRPPXXX');
  });
});
