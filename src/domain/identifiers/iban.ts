import { isBankingCountryCode } from './countries';
import { mod97 } from './mod97';

/** IBAN length by country, from the SWIFT IBAN registry (French overseas departments use FR). */
export const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BI: 27, BR: 29, BY: 28,
  CH: 21, CR: 22, CY: 28, CZ: 24, DE: 22, DJ: 27, DK: 18, DO: 28, EE: 20, EG: 29, ES: 24, FI: 18,
  FK: 18, FO: 18, FR: 27, GB: 22, GE: 22, GI: 23, GL: 18, GR: 27, GT: 28, HN: 28, HR: 21, HU: 28,
  IE: 22, IL: 23, IQ: 23, IS: 26, IT: 27, JO: 30, KW: 30, KZ: 20, LB: 28, LC: 32, LI: 21, LT: 20,
  LU: 20, LV: 21, LY: 25, MC: 27, MD: 24, ME: 22, MK: 19, MN: 20, MR: 27, MT: 31, MU: 30, NI: 28,
  NL: 18, NO: 15, OM: 23, PK: 24, PL: 28, PS: 29, PT: 25, QA: 29, RO: 24, RS: 22, RU: 33, SA: 24,
  SC: 31, SD: 18, SE: 24, SI: 19, SK: 24, SM: 27, SO: 23, ST: 25, SV: 28, TL: 23, TN: 24, TR: 26,
  UA: 29, VA: 22, VG: 24, XK: 20, YE: 30,
};

/** Letters become numbers (A = 10 … Z = 35), as ISO 13616 and ISO 7064 mod 97-10 want. */
function lettersToDigits(value: string): string {
  return [...value].map((char) => (char >= 'A' && char <= 'Z' ? String(char.charCodeAt(0) - 55) : char)).join('');
}

/**
 * IBAN (ISO 13616), compact: country code, 2 check digits, the national account number (BBAN),
 * at the registry's length for the country; moving the first four characters to the end and
 * reading letters as numbers gives a number whose remainder by 97 is 1.
 */
export function ibanProblem(iban: string): string | null {
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{1,30}$/.test(iban)) return 'must be an IBAN: 2 letters, 2 check digits, then letters and digits (FR7630006000011234567890189)';
  const country = iban.slice(0, 2);
  const length = IBAN_LENGTHS[country];
  if (length === undefined) {
    return isBankingCountryCode(country) ? `starts with ${country}, a country that has no IBAN` : `starts with ${country}, which is not a country code`;
  }
  if (iban.length !== length) return `must have ${length} characters for ${country}, not ${iban.length}`;
  if (mod97(lettersToDigits(iban.slice(4) + iban.slice(0, 4))) !== 1) return 'fails the IBAN check digits (mod 97): check for a typo';
  return null;
}
