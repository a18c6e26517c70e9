import { isBankingCountryCode } from './countries';

/**
 * BIC (ISO 9362), compact: 4 letters for the institution, the 2-letter country, 2 letters or
 * digits for the location, optionally 3 for the branch (8 or 11 characters). A BIC has no check
 * digit; the country must exist.
 */
export function bicProblem(bic: string): string | null {
  if (!/^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(bic)) return 'must be a BIC of 8 or 11 characters: 4 letters (bank), 2 letters (country), 2 letters or digits (location), optionally 3 (branch)';
  const country = bic.slice(4, 6);
  if (!isBankingCountryCode(country)) return `has ${country} where the country code goes, which is not a country`;
  return null;
}
