import { errorExample } from '../common/error-body.view';

/** Swagger examples of creditor profiles: real-looking, every number passing its check. */
export const FRENCH_CREDITOR = {
  legalName: 'Atelier Dubois SAS',
  jurisdiction: 'FR',
  registrationNumber: '732 829 320',
  vatNumber: 'FR 44 732 829 320',
  address: { lines: ['12 rue de la Paix'], postalCode: '75002', city: 'Paris', country: 'FR' },
  signatory: { name: 'Claire Dubois', title: 'Présidente' },
  competentCourt: { name: 'Tribunal des activités économiques de Paris' },
  bankDetails: { iban: 'FR76 3000 6000 0112 3456 7890 189', bic: 'AGRIFRPP' },
  billingContact: { name: 'Service comptabilité clients', email: 'compta-clients@atelier-dubois.fr', phone: '+33 1 84 60 12 34' },
  defaultPlanName: 'fr-b2b-default',
};

export const BELGIAN_CREDITOR = {
  legalName: 'Brasserie Lambert SRL',
  jurisdiction: 'BE',
  registrationNumber: '0403.170.701',
  vatNumber: 'BE0403170701',
  address: { lines: ['Rue de la Loi 16'], postalCode: '1000', city: 'Bruxelles', country: 'BE' },
  signatory: { name: 'Marc Lambert', title: 'Gérant' },
  competentCourt: { name: "Tribunal de l'entreprise francophone de Bruxelles" },
  bankDetails: { iban: 'BE68 5390 0754 7034', bic: 'GEBABEBB' },
  billingContact: { name: 'Comptabilité', email: 'comptabilite@brasserie-lambert.be' },
};

/** FRENCH_CREDITOR as stored and answered: numbers compact, absent optionals null. */
export const FRENCH_CREDITOR_VIEW = {
  id: 'default',
  ...FRENCH_CREDITOR,
  registrationNumber: '732829320',
  vatNumber: 'FR44732829320',
  bankDetails: { iban: 'FR7630006000011234567890189', bic: 'AGRIFRPP' },
  billingContact: { ...FRENCH_CREDITOR.billingContact, phone: '+33184601234' },
  createdAt: '2026-11-25T09:12:00.000Z',
  updatedAt: '2026-11-25T09:12:00.000Z',
};

export const CREDITOR_ERROR_EXAMPLES = {
  badSiren: errorExample('SIREN with a typo', 'VALIDATION.FAILED', 'The request has invalid fields.', [
    { path: 'registrationNumber', issue: 'registrationNumber fails the SIREN check digit (Luhn): 732829321 is not a SIREN, check for a typo (French rules, from jurisdiction FR)' },
  ]),
  badVatKey: errorExample('VAT key that does not match the SIREN', 'VALIDATION.FAILED', 'The request has invalid fields.', [
    { path: 'vatNumber', issue: 'vatNumber has a key that does not match its SIREN (the key of SIREN 732829320 is 44): check for a typo (French rules, from jurisdiction FR)' },
  ]),
  badIban: errorExample('IBAN with a typo', 'VALIDATION.FAILED', 'The request has invalid fields.', [
    { path: 'bankDetails.iban', issue: 'iban fails the IBAN check digits (mod 97): check for a typo' },
  ]),
  unknownField: errorExample('Unknown field', 'VALIDATION.FAILED', 'The request has invalid fields.', [
    { path: 'siren', issue: 'property siren should not exist' },
  ]),
};
