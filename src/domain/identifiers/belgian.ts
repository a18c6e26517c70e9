import { mod97 } from './mod97';

/**
 * Belgian enterprise number (numéro d'entreprise BCE / ondernemingsnummer KBO): 10 digits, the
 * first 0 or 1, the last two a check: 97 − (first eight mod 97). Numbers starting 2 to 9 are
 * establishment units (unités d'établissement), not companies. Old 9-digit numbers take a leading 0.
 */
export function belgianEnterpriseNumberProblem(value: string): string | null {
  if (/^\d{9}$/.test(value)) return `must be a BCE/KBO enterprise number of 10 digits (an old 9-digit number takes a leading 0: 0${value})`;
  if (!/^\d{10}$/.test(value)) return 'must be a BCE/KBO enterprise number of 10 digits (0403170701)';
  if (!/^[01]/.test(value)) return 'must start with 0 or 1: numbers starting 2 to 9 are establishment units, not enterprises';
  const expected = 97 - mod97(value.slice(0, 8));
  if (Number(value.slice(8)) !== expected) return `fails the BCE/KBO check (mod 97): ${value} is not an enterprise number, check for a typo`;
  return null;
}

/** Belgian VAT number: 'BE' and the 10-digit enterprise number. */
export function belgianVatProblem(vat: string): string | null {
  if (/^BE\d{9}$/.test(vat)) return `must be 'BE' and the 10-digit enterprise number (an old 9-digit number takes a leading 0: BE0${vat.slice(2)})`;
  if (!/^BE\d{10}$/.test(vat)) return "must be 'BE' and the 10-digit enterprise number (BE0403170701)";
  const issue = belgianEnterpriseNumberProblem(vat.slice(2));
  return issue ? issue.replace(/^must start with/, 'must have an enterprise number starting with') : null;
}

/** The enterprise number a valid Belgian VAT number is built on. */
export function enterpriseNumberOfBelgianVat(vat: string): string {
  return vat.slice(2);
}
