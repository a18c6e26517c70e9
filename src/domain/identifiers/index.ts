/** Checks of company and bank identifiers (pure): SIREN/SIRET, BCE/KBO, VAT numbers, IBAN, BIC, countries. */
export { compactIdentifier } from './compact';
export { isLuhnValid } from './luhn';
export { mod97 } from './mod97';
export { COUNTRY_CODES, isCountryCode, isBankingCountryCode } from './countries';
export { sirenProblem, siretProblem, frenchRegistrationProblem, sirenOf, frenchVatKey, frenchVatProblem, sirenOfFrenchVat } from './french';
export { belgianEnterpriseNumberProblem, belgianVatProblem, enterpriseNumberOfBelgianVat } from './belgian';
export { IBAN_LENGTHS, ibanProblem } from './iban';
export { bicProblem } from './bic';
export type { CheckedCountry, IdentifierProblem } from './party-identifiers';
export { CHECKED_COUNTRIES, partyIdentifierProblems } from './party-identifiers';
