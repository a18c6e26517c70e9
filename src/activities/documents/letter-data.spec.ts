import type { CreditorEntity } from '../../db/entities/creditor.entity';
import type { CustomerEntity } from '../../db/entities/customer.entity';
import type { InvoiceEntity } from '../../db/entities/invoice.entity';
import { computePenalties } from '../../domain/penalties';
import type { DunningStepRequest } from '../dunning-activity-types';
import { renderLetter } from '../letters';
import { creditorLetterhead, debtorParty, letterData, paymentDeadline, penaltyInputFor } from './letter-data';

const pdfParse = require('pdf-parse/lib/pdf-parse.js') as (data: Uint8Array) => Promise<{ text: string }>;

const creditor = {
  id: 'acme',
  legalName: 'Atelier Numérique Lumière SAS',
  jurisdiction: 'FR',
  registrationNumber: '812345678',
  vatNumber: 'FR42812345678',
  address: { lines: ['18 quai Claude Bernard'], postalCode: '69007', city: 'Lyon', country: 'FR' },
  signatoryName: 'Julien Morel',
  signatoryTitle: 'Directeur administratif et financier',
  competentCourt: 'Tribunal des activités économiques de Lyon',
  iban: 'FR7630006000011234567890189',
  bic: null,
  billingContactName: 'Claire Dubois',
  billingContactEmail: 'compta@atelier-lumiere.fr',
  billingContactPhone: null,
} as CreditorEntity;

const customer = {
  type: 'business',
  legalName: 'Brasserie Lambert SRL',
  country: 'BE',
  registrationNumber: '0403170701',
  vatNumber: 'BE0403170701',
  billingAddress: { lines: ['Service fournisseurs', 'Rue de la Loi 16'], postalCode: '1000', city: 'Bruxelles', country: 'BE' },
  registeredOffice: { lines: ['Avenue Louise 54'], postalCode: '1050', city: 'Ixelles', country: 'BE' },
  contacts: [
    { role: 'other', name: 'Accueil', email: null, phone: null, language: 'fr' },
    { role: 'accounts_payable', name: 'Marc Lambert', email: 'ap@lambert.be', phone: null, language: 'fr' },
  ],
} as CustomerEntity;

const invoice = {
  id: 'inv-1',
  creditorId: 'acme',
  customerId: 'CUST-1',
  invoiceNumber: 'F-2026-0042',
  issueDate: '2026-01-09',
  dueDate: '2026-02-09',
  debtorName: 'Brasserie Lambert',
  debtorEmail: 'compta@lambert.be',
  debtorLanguage: 'fr',
} as InvoiceEntity;

const request = (overrides: Partial<DunningStepRequest> = {}): DunningStepRequest => ({
  dunningId: 'invoice:acme:F-2026-0042',
  invoiceId: 'inv-1',
  invoiceNumber: 'F-2026-0042',
  plan: { name: 'fr-b2b-default', version: 1 },
  step: 'formal_notice',
  channel: 'formal_notice',
  template: 'formal_notice',
  tone: 'formal',
  stepDate: '2026-03-09',
  invoiceTotalCents: 120_000,
  balanceCents: 120_000,
  currency: 'EUR',
  dueDate: '2026-02-09',
  payBy: '2026-03-17',
  completeBy: null,
  penalties: { status: 'unavailable', asOf: '2026-03-09', code: 'RATE.MISSING', reason: 'test' },
  previousReminderDates: ['2026-02-06', '2026-02-10', '2026-02-24'],
  registeredLetter: { step: 'registered_warning', producedOn: '2026-02-24', postedOn: '2026-02-26', trackingNumber: '1A0001' },
  ...overrides,
});

describe('letter data from the database records', () => {
  it('prints the creditor profile as the letterhead, the phone and BIC only when known, the country across a border', () => {
    expect(creditorLetterhead(creditor, customer, 'fr')).toEqual({
      legalName: 'Atelier Numérique Lumière SAS',
      registrationNumber: '812345678',
      registrationLabel: undefined,
      vatNumber: 'FR42812345678',
      addressLines: ['18 quai Claude Bernard', '69007 Lyon', 'FRANCE'],
      city: 'Lyon',
      billingContact: { name: 'Claire Dubois', email: 'compta@atelier-lumiere.fr' },
      signatory: { name: 'Julien Morel', title: 'Directeur administratif et financier' },
      bankAccount: { iban: 'FR7630006000011234567890189' },
    });
    expect(creditorLetterhead(creditor, null, 'fr').addressLines).toEqual(['18 quai Claude Bernard', '69007 Lyon']);
  });

  it('sends registered letters to the registered office, reminders to the billing address, to the billing or payables contact', () => {
    const parties = { creditor, customer };
    expect(debtorParty('formal_notice', invoice, parties, 'en')).toEqual({
      legalName: 'Brasserie Lambert SRL',
      registrationNumber: '0403170701',
      registrationLabel: 'BCE',
      vatNumber: 'BE0403170701',
      addressLines: ['Avenue Louise 54', '1050 Ixelles', 'BELGIUM'],
      contact: { name: 'Marc Lambert', email: 'ap@lambert.be' },
    });
    expect(debtorParty('written_reminder', invoice, parties, 'fr').addressLines).toEqual(['Service fournisseurs', 'Rue de la Loi 16', '1000 Bruxelles', 'BELGIQUE']);
    expect(debtorParty('penalty_invoice', invoice, { creditor, customer: null }, 'fr')).toEqual({ legalName: 'Brasserie Lambert', addressLines: ['Par courriel : compta@lambert.be'] });
    expect(() => debtorParty('registered_warning', invoice, { creditor, customer: null }, 'fr')).toThrow(expect.objectContaining({ type: 'DEBTOR.ADDRESS_MISSING', nonRetryable: true }));
  });

  it("takes the penalty terms from the request, else from the creditor's jurisdiction and the customer's type", () => {
    const parties = { creditor, customer: { ...customer, type: 'consumer' } as CustomerEntity };
    expect(penaltyInputFor(request({ balanceCents: 70_000 }), parties)).toEqual({
      jurisdiction: 'FR',
      debtorType: 'consumer',
      amountCents: 120_000,
      currency: 'EUR',
      dueDate: '2026-02-09',
      payments: [{ amountCents: 50_000, date: '2026-02-09' }], // paid on the due date: never more interest than owed
      asOf: '2026-03-09',
    });
    const fromWorkflow = penaltyInputFor(
      request({ penaltyTerms: { jurisdiction: 'FR', debtorType: 'business', contractualRatePercent: '15' }, payments: [{ amountCents: 50_000, date: '2026-02-20' }] }),
      parties,
    );
    expect(fromWorkflow).toMatchObject({ debtorType: 'business', contractualRatePercent: '15', payments: [{ amountCents: 50_000, date: '2026-02-20' }] });
    const belgian = penaltyInputFor(request(), { creditor: { ...creditor, jurisdiction: 'BE' } as CreditorEntity, customer: parties.customer });
    expect(belgian.firstReminder).toEqual({ date: '2026-02-10', channel: 'post' }); // the first one after the due date
  });

  it('gives the formal notice its deadline, court and the registered warning it follows', () => {
    const penalties = computePenalties({ jurisdiction: 'FR', debtorType: 'business', amountCents: 120_000, currency: 'EUR', dueDate: '2026-02-09', payments: [], asOf: '2026-03-09' });
    const data = letterData('formal_notice', request(), invoice, { parties: { creditor, customer }, penalties, language: 'fr' }, null);
    expect(data).toMatchObject({
      letterDate: '2026-03-09',
      paymentDeadline: '2026-03-17',
      deadlineDays: 8,
      competentCourt: 'Tribunal des activités économiques de Lyon',
      registeredWarningDate: '2026-02-26',
      previousReminderDates: ['2026-02-06', '2026-02-10'],
      paymentReference: 'F-2026-0042',
    });
    expect(letterData('formal_notice', request({ payBy: '2026-03-24' }), invoice, { parties: { creditor, customer }, penalties, language: 'fr' }, null)).toMatchObject({ deadlineDays: 15 });
    expect(paymentDeadline(request({ payBy: null }))).toBe('2026-03-17');
    const penaltyInvoice = letterData('penalty_invoice', request(), invoice, { parties: { creditor, customer }, penalties, language: 'fr' }, 'PEN-2026-0003');
    expect(penaltyInvoice).toMatchObject({ penaltyInvoiceNumber: 'PEN-2026-0003', paymentReference: 'PEN-2026-0003' });
  });

  it('renders a letter for a creditor without phone or BIC', async () => {
    const penalties = computePenalties({ jurisdiction: 'FR', debtorType: 'business', amountCents: 120_000, currency: 'EUR', dueDate: '2026-02-09', payments: [], asOf: '2026-03-09' });
    const letter = await renderLetter('written_reminder', letterData('written_reminder', request({ template: 'written_reminder' }), invoice, { parties: { creditor, customer }, penalties, language: 'fr' }, null), 'fr');
    const text = (await pdfParse(new Uint8Array(letter.pdf))).text.replace(/[\s\u00A0]+/g, ' ');
    expect(text).toContain('contactez Claire Dubois (compta@atelier-lumiere.fr)');
    expect(text).not.toContain('BIC');
  });
});
