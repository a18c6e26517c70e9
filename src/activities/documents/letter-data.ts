/**
 * What a letter step prints, from the database: the creditor profile (letterhead, bank details,
 * signatory, court), the debtor (the customer record, else the invoice's inline name and e-mail),
 * and the penalties computed as of the letter date on the shipped plus operator-added rates.
 *
 * Decisions (see the README, "Letters"):
 * - The creditor is the invoice's creditor_id. Without a profile no letter can be printed: the step
 *   fails for good with CREDITOR.PROFILE_MISSING and the workflow opens an operator task.
 * - The debtor is the customer whose external id is the invoice's customer_id, for that creditor.
 *   Reminders and penalty invoices go to its billing address, registered letters (warning, formal
 *   notice) to its registered office when known. Without a customer record, the written reminder
 *   and the penalty invoice (both e-mailed) print the invoice's debtor name and "by e-mail: <address>"
 *   as the address block; a registered letter needs a postal address and fails with
 *   DEBTOR.ADDRESS_MISSING (an operator task: add the customer record).
 * - Penalties: the request's terms and payments when the workflow sends them; otherwise the
 *   creditor's jurisdiction, the customer's type (business by default), and what was paid counted
 *   as paid on the due date — interest on the balance only, never more than is owed.
 */
import { ApplicationFailure } from '@temporalio/activity';
import type { DataSource } from 'typeorm';
import { addDays, compareDates, daysBetween, type CalendarDate } from '../../domain/calendar';
import { computePenalties, type PenaltyInput, type PenaltyPayment, type PenaltyResult } from '../../domain/penalties';
import type { OperatorRates } from '../../domain/rates';
import { CreditorEntity } from '../../db/entities/creditor.entity';
import { CustomerEntity } from '../../db/entities/customer.entity';
import type { InvoiceEntity } from '../../db/entities/invoice.entity';
import type { PostalAddress } from '../../db/entities/postal-address';
import { loadOperatorRates } from '../../db/operator-rates';
import type { DunningStepRequest } from '../dunning-activity-types';
import type { CreditorLetterhead, DebtorParty, LetterDataByKind, LetterKind, LetterLanguage, UnpaidInvoice } from '../letters';
import { STEP_TITLES } from './step-titles';

/** Days to pay a letter gives when its plan step sets none. */
export const DEFAULT_PAY_WITHIN_DAYS = 8;

export interface LetterParties {
  creditor: CreditorEntity | null;
  customer: CustomerEntity | null;
}

export async function loadParties(dataSource: DataSource, invoice: InvoiceEntity): Promise<LetterParties> {
  const [creditor, customer] = await Promise.all([
    dataSource.getRepository(CreditorEntity).findOneBy({ id: invoice.creditorId }),
    dataSource.getRepository(CustomerEntity).findOneBy({ creditorId: invoice.creditorId, externalId: invoice.customerId }),
  ]);
  return { creditor, customer };
}

export function creditorProfileMissing(invoice: InvoiceEntity, kind: LetterKind): ApplicationFailure {
  return ApplicationFailure.nonRetryable(
    `No creditor profile "${invoice.creditorId}" to print the ${STEP_TITLES[kind].toLowerCase()} of invoice ${invoice.invoiceNumber} on: ` +
      `create it with PUT /v1/creditors/${invoice.creditorId} (letterhead, bank details, billing contact, signatory, court), then produce this letter by hand`,
    'CREDITOR.PROFILE_MISSING',
  );
}

const COUNTRY_NAMES: Record<LetterLanguage, Record<string, string>> = {
  fr: { FR: 'FRANCE', BE: 'BELGIQUE', LU: 'LUXEMBOURG', CH: 'SUISSE', DE: 'ALLEMAGNE', ES: 'ESPAGNE', IT: 'ITALIE', NL: 'PAYS-BAS', GB: 'ROYAUME-UNI', MC: 'MONACO' },
  en: { FR: 'FRANCE', BE: 'BELGIUM', LU: 'LUXEMBOURG', CH: 'SWITZERLAND', DE: 'GERMANY', ES: 'SPAIN', IT: 'ITALY', NL: 'NETHERLANDS', GB: 'UNITED KINGDOM', MC: 'MONACO' },
};

/** The lines of a postal address, the country added when the letter crosses a border. */
export function addressLines(address: PostalAddress, language: LetterLanguage, otherSideCountry: string): string[] {
  const lines = [...address.lines, `${address.postalCode} ${address.city}`];
  if (address.country !== otherSideCountry) lines.push(COUNTRY_NAMES[language][address.country] ?? address.country);
  return lines;
}

/** The debtor's country, as far as the letter knows it (a letter without a customer record stays domestic). */
function debtorCountry(customer: CustomerEntity | null, creditor: CreditorEntity): string {
  return customer?.billingAddress.country ?? creditor.address.country;
}

export function creditorLetterhead(creditor: CreditorEntity, customer: CustomerEntity | null, language: LetterLanguage): CreditorLetterhead {
  return {
    legalName: creditor.legalName,
    registrationNumber: creditor.registrationNumber,
    // SIREN / SIRET are recognised by their length; a Belgian enterprise number gets its register's name.
    registrationLabel: creditor.jurisdiction === 'BE' ? 'BCE' : undefined,
    vatNumber: creditor.vatNumber ?? '',
    addressLines: addressLines(creditor.address, language, debtorCountry(customer, creditor)),
    city: creditor.address.city,
    billingContact: {
      name: creditor.billingContactName,
      email: creditor.billingContactEmail,
      ...(creditor.billingContactPhone ? { phone: creditor.billingContactPhone } : {}),
    },
    signatory: { name: creditor.signatoryName, title: creditor.signatoryTitle },
    bankAccount: { iban: creditor.iban, ...(creditor.bic ? { bic: creditor.bic } : {}) },
  };
}

const REGISTERED_KINDS: readonly LetterKind[] = ['registered_warning', 'formal_notice'];

/** The addressee block of the letter; see the decisions at the top of the file. */
export function debtorParty(
  kind: LetterKind,
  invoice: InvoiceEntity,
  { creditor, customer }: { creditor: CreditorEntity; customer: CustomerEntity | null },
  language: LetterLanguage,
): DebtorParty {
  if (!customer) {
    if (REGISTERED_KINDS.includes(kind)) {
      throw ApplicationFailure.nonRetryable(
        `The ${STEP_TITLES[kind].toLowerCase()} of invoice ${invoice.invoiceNumber} goes by registered post, but debtor "${invoice.customerId}" has no customer record with a postal address: ` +
          `create it with POST /v1/customers (externalId ${invoice.customerId}, registered office), then produce this letter by hand`,
        'DEBTOR.ADDRESS_MISSING',
      );
    }
    return { legalName: invoice.debtorName, addressLines: [language === 'fr' ? `Par courriel : ${invoice.debtorEmail}` : `By e-mail: ${invoice.debtorEmail}`] };
  }
  const address = REGISTERED_KINDS.includes(kind) ? (customer.registeredOffice ?? customer.billingAddress) : customer.billingAddress;
  const contact =
    customer.contacts.find((c) => c.role === 'billing') ?? customer.contacts.find((c) => c.role === 'accounts_payable') ?? customer.contacts[0];
  return {
    legalName: customer.legalName,
    ...(customer.registrationNumber ? { registrationNumber: customer.registrationNumber } : {}),
    ...(customer.registrationNumber && customer.country === 'BE' ? { registrationLabel: 'BCE' } : {}),
    ...(customer.vatNumber ? { vatNumber: customer.vatNumber } : {}),
    addressLines: addressLines(address, language, creditor.address.country),
    ...(contact ? { contact: { name: contact.name, ...(contact.email ? { email: contact.email } : {}) } } : {}),
  };
}

/**
 * The penalty engine's input for this letter. Payments: the request's when it has them; otherwise
 * what was paid (total − balance) counted as received on the due date, which never overstates
 * the interest. A Belgian consumer's first reminder is the first one after the due date, taken as
 * posted (the later of the two grace periods).
 */
export function penaltyInputFor(request: DunningStepRequest, parties: { creditor: CreditorEntity; customer: CustomerEntity | null }): PenaltyInput {
  const jurisdiction = request.penaltyTerms?.jurisdiction ?? parties.creditor.jurisdiction;
  const debtorType = request.penaltyTerms?.debtorType ?? parties.customer?.type ?? 'business';
  const paid = request.invoiceTotalCents - request.balanceCents;
  const payments: PenaltyPayment[] = request.payments ?? (paid > 0 ? [{ amountCents: paid, date: request.dueDate }] : []);
  const firstReminder = request.previousReminderDates.filter((date) => compareDates(date, request.dueDate) > 0).sort()[0];
  return {
    jurisdiction,
    debtorType,
    ...(request.penaltyTerms?.contractualRatePercent ? { contractualRatePercent: request.penaltyTerms.contractualRatePercent } : {}),
    amountCents: request.invoiceTotalCents,
    currency: request.currency,
    dueDate: request.dueDate,
    payments,
    asOf: request.stepDate,
    ...(jurisdiction === 'BE' && debtorType === 'consumer' && firstReminder ? { firstReminder: { date: firstReminder, channel: 'post' as const } } : {}),
  };
}

export interface LetterInputs {
  parties: { creditor: CreditorEntity; customer: CustomerEntity | null };
  penalties: PenaltyResult;
  language: LetterLanguage;
}

/** The creditor profile (required: CREDITOR.PROFILE_MISSING) and the customer record (optional) of a letter. */
export async function loadLetterParties(dataSource: DataSource, kind: LetterKind, invoice: InvoiceEntity): Promise<LetterInputs['parties']> {
  const { creditor, customer } = await loadParties(dataSource, invoice);
  if (!creditor) throw creditorProfileMissing(invoice, kind);
  return { creditor, customer };
}

/**
 * What the renderer needs besides the request: the parties and the penalties as of the letter date,
 * on the shipped rates plus those operators added (read now: a rate added a minute ago counts).
 * Throws MissingRateError or InvalidPenaltyInputError (see letter-failures.ts).
 */
export async function loadLetterInputs(dataSource: DataSource, parties: LetterInputs['parties'], request: DunningStepRequest, invoice: InvoiceEntity): Promise<LetterInputs> {
  const operatorRates = await loadOperatorRates(dataSource);
  const penalties = computeLetterPenalties(request, parties, operatorRates);
  return { parties, penalties, language: invoice.debtorLanguage };
}

/** Throws MissingRateError (RATE.MISSING) or InvalidPenaltyInputError: see letter-failures.ts. */
function computeLetterPenalties(request: DunningStepRequest, parties: { creditor: CreditorEntity; customer: CustomerEntity | null }, operatorRates: OperatorRates): PenaltyResult {
  return computePenalties(penaltyInputFor(request, parties), { operatorRates });
}

/** The date by which the letter asks to be paid: the step's, else DEFAULT_PAY_WITHIN_DAYS after the letter. */
export function paymentDeadline(request: DunningStepRequest): CalendarDate {
  return request.payBy && compareDates(request.payBy, request.stepDate) >= 0 ? request.payBy : addDays(request.stepDate, DEFAULT_PAY_WITHIN_DAYS);
}

/** The letter's data for the renderer. `penaltyInvoiceNumber` only for the penalty invoice. */
export function letterData<K extends LetterKind>(
  kind: K,
  request: DunningStepRequest,
  invoice: InvoiceEntity,
  inputs: LetterInputs,
  penaltyInvoiceNumber: string | null,
): LetterDataByKind[K] {
  const { parties, penalties, language } = inputs;
  const unpaid: UnpaidInvoice = {
    number: invoice.invoiceNumber,
    issueDate: invoice.issueDate,
    dueDate: invoice.dueDate,
    // The invoice record has no line items (number, dates and amounts have their own columns).
    description: language === 'fr' ? 'Prestations et fournitures facturées' : 'Goods and services invoiced',
    amountCents: request.invoiceTotalCents,
    penalties,
  };
  const deadline = paymentDeadline(request);
  const base = {
    creditor: creditorLetterhead(parties.creditor, parties.customer, language),
    debtor: debtorParty(kind, invoice, parties, language),
    letterDate: request.stepDate,
    penaltiesAsOf: request.stepDate,
    invoices: [unpaid],
    paymentDeadline: deadline,
    paymentReference: penaltyInvoiceNumber ?? invoice.invoiceNumber,
    ourReference: penaltyInvoiceNumber ?? invoice.invoiceNumber,
    previousReminderDates: request.previousReminderDates,
  };
  switch (kind) {
    case 'formal_notice': {
      const days = daysBetween(request.stepDate, deadline);
      const warning = request.registeredLetter;
      return {
        ...base,
        deadlineDays: days >= 15 ? 15 : 8,
        paymentDeadline: days >= 8 ? deadline : addDays(request.stepDate, 8),
        competentCourt: parties.creditor.competentCourt,
        ...(warning ? { registeredWarningDate: warning.postedOn ?? warning.producedOn } : {}),
        // The formal notice quotes the registered warning on its own; the reminders before it are the e-mails and letters.
        previousReminderDates: warning ? request.previousReminderDates.filter((date) => date !== warning.producedOn) : request.previousReminderDates,
      } as LetterDataByKind[K];
    }
    case 'penalty_invoice':
      return { ...base, penaltyInvoiceNumber: penaltyInvoiceNumber as string } as LetterDataByKind[K];
    default:
      return base as LetterDataByKind[K];
  }
}
