import { belgianEnterpriseNumberProblem, belgianVatProblem, enterpriseNumberOfBelgianVat } from './belgian';
import { frenchRegistrationProblem, frenchVatProblem, sirenOf, sirenOfFrenchVat } from './french';

/** Countries whose registration and VAT numbers Relance checks; others are taken as written. */
export type CheckedCountry = 'FR' | 'BE';

export const CHECKED_COUNTRIES: readonly CheckedCountry[] = ['FR', 'BE'];

export interface IdentifierProblem {
  field: 'registrationNumber' | 'vatNumber';
  /** Worded to follow the field's name. */
  issue: string;
}

/**
 * Checks a company's registration and VAT numbers (compact forms) for its country: FR and BE
 * numbers by their rules, then against each other (the VAT number is built on the company's
 * SIREN / enterprise number); other countries' numbers are not checked here.
 */
export function partyIdentifierProblems(country: string, ids: { registrationNumber?: string | null; vatNumber?: string | null }): IdentifierProblem[] {
  if (country !== 'FR' && country !== 'BE') return [];
  const { registrationNumber, vatNumber } = ids;
  const problems: IdentifierProblem[] = [];
  const registrationIssue = registrationNumber ? (country === 'FR' ? frenchRegistrationProblem : belgianEnterpriseNumberProblem)(registrationNumber) : null;
  if (registrationIssue) problems.push({ field: 'registrationNumber', issue: registrationIssue });
  let vatIssue: string | null = null;
  if (vatNumber) {
    vatIssue = country === 'FR' ? frenchVatProblem(vatNumber) : belgianVatProblem(vatNumber);
    if (vatIssue && !vatNumber.startsWith(country)) vatIssue = `must start with ${country} for a company of ${country === 'FR' ? 'France' : 'Belgium'}`;
    if (vatIssue) problems.push({ field: 'vatNumber', issue: vatIssue });
  }
  if (registrationNumber && vatNumber && !registrationIssue && !vatIssue) {
    if (country === 'FR' && sirenOfFrenchVat(vatNumber) !== sirenOf(registrationNumber) && !sirenOfFrenchVat(vatNumber).startsWith('000')) {
      problems.push({ field: 'vatNumber', issue: `is built on SIREN ${sirenOfFrenchVat(vatNumber)}, not on the registration number's SIREN ${sirenOf(registrationNumber)}` });
    }
    if (country === 'BE' && enterpriseNumberOfBelgianVat(vatNumber) !== registrationNumber) {
      problems.push({ field: 'vatNumber', issue: `is built on enterprise number ${enterpriseNumberOfBelgianVat(vatNumber)}, not on the registration number ${registrationNumber}` });
    }
  }
  return problems;
}
