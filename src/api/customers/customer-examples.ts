import { errorExample } from '../common/error-body.view';

/** Swagger examples of customers: real-looking, every number passing its check. */
export const FRENCH_BUSINESS = {
  externalId: 'CUST-0042',
  type: 'business',
  legalName: 'Boulangerie Martin SARL',
  country: 'FR',
  registrationNumber: '542 051 180',
  vatNumber: 'FR59542051180',
  billingAddress: { lines: ['Service comptabilité', '8 place Bellecour'], postalCode: '69002', city: 'Lyon', country: 'FR' },
  contacts: [
    { role: 'billing', name: 'Service comptabilité', email: 'compta@boulangerie-martin.fr', language: 'fr' },
    { role: 'accounts_payable', name: 'Sophie Martin', email: 'sophie.martin@boulangerie-martin.fr', phone: '+33 4 72 00 00 00', language: 'fr' },
  ],
  habitualLatePayer: false,
};

export const BELGIAN_BUSINESS = {
  externalId: 'CUST-0107',
  type: 'business',
  legalName: 'Brasserie du Sablon SRL',
  country: 'BE',
  registrationNumber: '0202.239.951',
  vatNumber: 'BE 0202.239.951',
  billingAddress: { lines: ['Rue Haute 62'], postalCode: '1000', city: 'Bruxelles', country: 'BE' },
  registeredOffice: { lines: ['Avenue Louise 54'], postalCode: '1050', city: 'Ixelles', country: 'BE' },
  contacts: [{ role: 'accounts_payable', name: 'Accounts payable', email: 'ap@brasserie-sablon.be', language: 'en' }],
  planOverride: 'fr-b2b-habitual-late-payer',
  habitualLatePayer: true,
};

export const CONSUMER = {
  externalId: 'CUST-0311',
  type: 'consumer',
  legalName: 'Jeanne Leroy',
  country: 'FR',
  billingAddress: { lines: ['3 allée des Tilleuls'], postalCode: '33000', city: 'Bordeaux', country: 'FR' },
  contacts: [{ role: 'billing', name: 'Jeanne Leroy', email: 'jeanne.leroy@example.fr' }],
};

export const FRENCH_BUSINESS_VIEW = {
  id: '0b6f9d4e-8a57-4c1e-9f43-2d5c7a1e3b90',
  creditorId: 'default',
  ...FRENCH_BUSINESS,
  registrationNumber: '542051180',
  registeredOffice: null,
  contacts: [
    { role: 'billing', name: 'Service comptabilité', email: 'compta@boulangerie-martin.fr', phone: null, language: 'fr' },
    { role: 'accounts_payable', name: 'Sophie Martin', email: 'sophie.martin@boulangerie-martin.fr', phone: '+33472000000', language: 'fr' },
  ],
  planOverride: null,
  createdAt: '2026-11-25T09:12:00.000Z',
  updatedAt: '2026-11-25T09:12:00.000Z',
};

const invalid = (summary: string, path: string, issue: string) => errorExample(summary, 'VALIDATION.FAILED', 'The request has invalid fields.', [{ path, issue }]);

export const CUSTOMER_ERROR_EXAMPLES = {
  badSiren: invalid('SIREN with a typo', 'registrationNumber', "registrationNumber fails the SIREN check digit (Luhn): 542051181 is not a SIREN, check for a typo (rules of FR, the customer's country)"),
  vatOfAnotherCompany: invalid('VAT number of another company', 'vatNumber', "vatNumber is built on SIREN 732829320, not on the registration number's SIREN 542051180 (rules of FR, the customer's country)"),
  badEmail: invalid('Contact e-mail malformed', 'contacts.1.email', 'email must be an e-mail address'),
  contactUnreachable: invalid('Contact with neither e-mail nor phone', 'contacts.0.email', 'contacts.0 needs an email or a phone'),
  consumerWithSiren: invalid('Consumer with a company number', 'registrationNumber', 'registrationNumber must be absent for a consumer (a person has no company number); is the type business?'),
  unknownField: invalid('Unknown field', 'siren', 'property siren should not exist'),
};

export const UNKNOWN_CREDITOR = errorExample('No profile for the creditor', 'CUSTOMER.UNKNOWN_CREDITOR', 'There is no profile of the default creditor default (CREDITOR_ID); create it with PUT /v1/creditors/default first.', [
  { path: 'creditorId', issue: 'no creditor profile with id default' },
]);

export const EXTERNAL_ID_CONFLICT = errorExample('Same externalId, different content', 'CUSTOMER.EXTERNAL_ID_CONFLICT', 'Customer CUST-0042 of creditor default already exists with different legalName; change it with PATCH /v1/customers/{id}.', [
  { path: 'legalName', issue: 'differs from the stored customer' },
]);

export const NOT_FOUND = errorExample('', 'CUSTOMER.NOT_FOUND', 'No customer with id 00000000-0000-4000-8000-000000000000.');
export const BAD_ID = invalid('id is not a UUID', 'id', 'id must be a UUID');
