import type { DataSource } from 'typeorm';
import { CreditorEntity } from '../../src/db/entities/creditor.entity';
import { CustomerEntity } from '../../src/db/entities/customer.entity';
import { InvoiceEntity } from '../../src/db/entities/invoice.entity';
import type { DunningStepRequest } from '../../src/activities/dunning-activity-types';

/** A French creditor profile as PUT /v1/creditors stores it (compact numbers, E.164 phone). */
export function saveCreditor(dataSource: DataSource, id: string, overrides: Partial<CreditorEntity> = {}): Promise<CreditorEntity> {
  return dataSource.getRepository(CreditorEntity).save({
    id,
    legalName: 'Atelier Numérique Lumière SAS',
    jurisdiction: 'FR',
    registrationNumber: '812345678',
    vatNumber: 'FR42812345678',
    address: { lines: ['18 quai Claude Bernard'], postalCode: '69007', city: 'Lyon', country: 'FR' },
    signatoryName: 'Julien Morel',
    signatoryTitle: 'Directeur administratif et financier',
    competentCourt: 'Tribunal des activités économiques de Lyon',
    iban: 'FR7630006000011234567890189',
    bic: 'AGRIFRPPXXX',
    billingContactName: 'Claire Dubois',
    billingContactEmail: 'comptabilite@atelier-lumiere.example',
    billingContactPhone: '+33472001234',
    defaultPlanName: null,
    ...overrides,
  });
}

/** A French business customer with a billing address and a registered office. */
export function saveCustomer(dataSource: DataSource, creditorId: string, externalId: string, overrides: Partial<CustomerEntity> = {}): Promise<CustomerEntity> {
  return dataSource.getRepository(CustomerEntity).save({
    creditorId,
    externalId,
    type: 'business',
    legalName: 'Boulangeries Martin & Fils SARL',
    searchName: 'boulangeries martin & fils sarl',
    country: 'FR',
    registrationNumber: '44306184100047',
    vatNumber: 'FR61443061841',
    billingAddress: { lines: ['Service comptabilité fournisseurs', '27 avenue Roger Salengro'], postalCode: '69100', city: 'Villeurbanne', country: 'FR' },
    registeredOffice: { lines: ['3 place Bellecour'], postalCode: '69002', city: 'Lyon', country: 'FR' },
    contacts: [{ role: 'billing', name: 'M. Paul Martin', email: 'paul.martin@boulangeries-martin.example', phone: null, language: 'fr' }],
    habitualLatePayer: false,
    ...overrides,
  });
}

/** An overdue EUR 1,200.00 invoice of creditor 'acme' to that customer, its dunning id derived as the API derives it. */
export function saveInvoice(dataSource: DataSource, invoiceNumber: string, overrides: Partial<InvoiceEntity> = {}): Promise<InvoiceEntity> {
  return dataSource.getRepository(InvoiceEntity).save({
    creditorId: 'acme',
    invoiceNumber,
    customerId: 'CUST-1',
    totalCents: 120_000,
    netCents: 100_000,
    currency: 'EUR',
    issueDate: '2026-01-09',
    dueDate: '2026-02-09',
    debtorName: 'Boulangeries Martin & Fils SARL',
    debtorEmail: 'compta@boulangeries-martin.example',
    debtorLanguage: 'fr',
    workflowId: `invoice:${overrides.creditorId ?? 'acme'}:${invoiceNumber}`,
    stage: 'overdue',
    ...overrides,
  } as InvoiceEntity);
}

/** The request the workflow sends for the written-reminder step of `invoice` (overrides for other steps). */
export const writtenReminderRequest = (invoice: InvoiceEntity, overrides: Partial<DunningStepRequest> = {}): DunningStepRequest => ({
  dunningId: invoice.workflowId,
  invoiceId: invoice.id,
  invoiceNumber: invoice.invoiceNumber,
  plan: { name: 'fr-b2b-default', version: 1 },
  step: 'written_reminder',
  channel: 'letter',
  template: 'written_reminder',
  tone: 'firm',
  stepDate: '2026-02-17',
  invoiceTotalCents: invoice.totalCents,
  balanceCents: invoice.totalCents,
  currency: 'EUR',
  dueDate: invoice.dueDate,
  payBy: '2026-02-24',
  completeBy: null,
  penalties: { status: 'computed', asOf: '2026-02-17', rule: 'FR_B2B_ECB_PLUS_10', interestCents: 0, indemnityCents: 4_000, totalCents: 4_000 },
  previousReminderDates: ['2026-02-06', '2026-02-10'],
  registeredLetter: null,
  ...overrides,
});
