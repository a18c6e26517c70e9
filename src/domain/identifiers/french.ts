import { isLuhnValid } from './luhn';
import { mod97 } from './mod97';

/**
 * French company identifiers. Each check takes the compact form (see compactIdentifier) and answers
 * null when the number is valid, or what is wrong, worded to follow the field's name
 * ("registrationNumber fails the SIREN check digit ...").
 */

/** La Poste's establishments share one SIREN and do not follow the Luhn rule (its head office does). */
const LA_POSTE_SIREN = '356000000';
const LA_POSTE_HEAD_OFFICE_SIRET = '35600000000048';

/** SIREN: 9 digits, the last one a Luhn check digit over the whole number. */
export function sirenProblem(siren: string): string | null {
  if (!/^\d{9}$/.test(siren)) return 'must be a SIREN of 9 digits';
  if (siren === '000000000') return 'must not be 000000000';
  if (!isLuhnValid(siren)) return `fails the SIREN check digit (Luhn): ${siren} is not a SIREN, check for a typo`;
  return null;
}

/** SIRET: the SIREN and a 5-digit establishment number (NIC), Luhn over all 14 digits except at La Poste. */
export function siretProblem(siret: string): string | null {
  if (!/^\d{14}$/.test(siret)) return 'must be a SIRET of 14 digits';
  const sirenIssue = sirenProblem(siret.slice(0, 9));
  if (sirenIssue) return `starts with an invalid SIREN: ${sirenIssue.replace(/^must be a SIREN of 9 digits$/, 'not 9 digits')}`;
  if (siret.startsWith(LA_POSTE_SIREN) && siret !== LA_POSTE_HEAD_OFFICE_SIRET) {
    const digitSum = [...siret].reduce((sum, digit) => sum + Number(digit), 0);
    if (digitSum % 5 !== 0) return `fails the La Poste SIRET check (digit sum a multiple of 5): ${siret} is not a SIRET, check for a typo`;
    return null;
  }
  if (!isLuhnValid(siret)) return `fails the SIRET check digit (Luhn): ${siret} is not a SIRET, check for a typo`;
  return null;
}

/** A French registration number: a SIREN (the company) or a SIRET (one of its establishments). */
export function frenchRegistrationProblem(value: string): string | null {
  if (/^\d{9}$/.test(value)) return sirenProblem(value);
  if (/^\d{14}$/.test(value)) return siretProblem(value);
  return 'must be a SIREN (9 digits) or a SIRET (14 digits) for a French company';
}

/** The SIREN a valid French registration number (SIREN or SIRET) belongs to. */
export function sirenOf(registration: string): string {
  return registration.slice(0, 9);
}

/** The numeric key of a French VAT number: (12 + 3 × (SIREN mod 97)) mod 97, two digits. */
export function frenchVatKey(siren: string): string {
  if (!/^\d{9}$/.test(siren)) throw new RangeError(`frenchVatKey needs a 9-digit SIREN, got ${siren}`);
  return String((12 + 3 * mod97(siren)) % 97).padStart(2, '0');
}

/** Letters of new-style (alphanumeric) keys: digits, then A-Z without I and O. */
const KEY_ALPHABET = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ';

function alphanumericKeyMatches(key: string, number: string): boolean {
  const first = KEY_ALPHABET.indexOf(key[0]);
  const second = KEY_ALPHABET.indexOf(key[1]);
  const check = first < 10 ? first * 24 + second - 10 : first * 34 + second - 100;
  return (Number(number) + 1 + Math.floor(check / 11)) % 11 === check % 11;
}

/**
 * French VAT number: 'FR', a 2-character key, the SIREN. The key is checked against the SIREN:
 * numeric keys by the published formula, new-style keys (a letter, never I or O) by theirs.
 * Companies of Monaco get FR numbers whose 9 digits start with 000 and are not a SIREN.
 */
export function frenchVatProblem(vat: string): string | null {
  if (!/^FR[0-9A-Z]{2}\d{9}$/.test(vat)) return "must be 'FR', a 2-character key and the 9-digit SIREN (FR40303265045)";
  const key = vat.slice(2, 4);
  const number = vat.slice(4);
  if (![...key].every((char) => KEY_ALPHABET.includes(char))) return 'has a key with a letter I or O, which French VAT keys never use';
  const isMonaco = number.startsWith('000');
  if (!isMonaco) {
    const sirenIssue = sirenProblem(number);
    if (sirenIssue) return `does not end with a valid SIREN: ${number} fails the Luhn check digit`;
  }
  const matches = /^\d{2}$/.test(key) ? key === frenchVatKey(number) : alphanumericKeyMatches(key, number);
  if (!matches) {
    const expected = /^\d{2}$/.test(key) ? ` (the key of SIREN ${number} is ${frenchVatKey(number)})` : '';
    return `has a key that does not match its SIREN${expected}: check for a typo`;
  }
  return null;
}

/** The 9 digits a valid French VAT number is built on (the SIREN, or a Monaco number). */
export function sirenOfFrenchVat(vat: string): string {
  return vat.slice(4);
}
