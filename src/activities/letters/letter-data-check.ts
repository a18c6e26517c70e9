/**
 * Checks a letter's data before anything is drawn, so a letter never states amounts that do not add
 * up, a deadline before its own date, or a formal notice without a court or a signatory.
 */
import { addDays, compareDates, isValidCalendarDate } from '../../domain/calendar';
import { isCents, sumCents } from '../../domain/money';
import type { PenaltyResult, PenaltyRule } from '../../domain/penalties';
import { InvalidLetterDataError, UnsupportedLetterError } from './letter-errors';
import {
  LETTER_KINDS,
  type FormalNoticeData,
  type LetterAmounts,
  type LetterData,
  type LetterDataByKind,
  type LetterKind,
  type LetterLanguage,
  type PenaltyInvoiceData,
} from './letter-types';

/** Who the letters are written for: it decides the legal references and whether an indemnity is owed. */
export type LegalFamily = 'FR_BUSINESS' | 'FR_CONSUMER' | 'BE_BUSINESS' | 'BE_CONSUMER';

const FAMILY_OF_RULE: Record<PenaltyRule, LegalFamily> = {
  FR_B2B_ECB_PLUS_10: 'FR_BUSINESS',
  FR_B2B_CONTRACTUAL_FLOORED: 'FR_BUSINESS',
  FR_B2C_LEGAL_RATE: 'FR_CONSUMER',
  BE_B2B_LAW_RATE: 'BE_BUSINESS',
  BE_B2C_CAPPED_RATE: 'BE_CONSUMER',
};

function text(field: string, value: unknown): void {
  if (typeof value !== 'string' || value.trim() === '') throw new InvalidLetterDataError(field, 'is required');
}

function optionalText(field: string, value: unknown): void {
  if (value !== undefined && typeof value !== 'string') throw new InvalidLetterDataError(field, 'must be a string');
}

function lines(field: string, value: unknown): void {
  if (!Array.isArray(value) || value.length === 0) throw new InvalidLetterDataError(field, 'needs at least one line');
  value.forEach((line, i) => text(`${field}[${i}]`, line));
}

function date(field: string, value: unknown): void {
  if (typeof value !== 'string' || !isValidCalendarDate(value)) {
    throw new InvalidLetterDataError(field, `${JSON.stringify(value)} is not a YYYY-MM-DD date`);
  }
}

function cents(field: string, value: unknown): void {
  if (!isCents(value)) throw new InvalidLetterDataError(field, 'must be a non-negative whole number of cents');
}

function checkPenalties(field: string, p: PenaltyResult, amountCents: number, asOf: string): void {
  if (!p || typeof p !== 'object') throw new InvalidLetterDataError(field, 'is required (a computePenalties result)');
  if (!(p.rule in FAMILY_OF_RULE)) throw new InvalidLetterDataError(`${field}.rule`, `${String(p.rule)} is not a penalty rule`);
  cents(`${field}.outstandingCents`, p.outstandingCents);
  cents(`${field}.interestCents`, p.interestCents);
  cents(`${field}.indemnityCents`, p.indemnityCents);
  if (p.outstandingCents > amountCents) throw new InvalidLetterDataError(`${field}.outstandingCents`, 'exceeds the invoice amount');
  if (p.totalCents !== p.interestCents + p.indemnityCents) {
    throw new InvalidLetterDataError(`${field}.totalCents`, 'is not interest + indemnity');
  }
  if (!Array.isArray(p.segments)) throw new InvalidLetterDataError(`${field}.segments`, 'must be an array');
  p.segments.forEach((s, i) => {
    const at = `${field}.segments[${i}]`;
    date(`${at}.from`, s.from);
    date(`${at}.to`, s.to);
    cents(`${at}.baseCents`, s.baseCents);
    cents(`${at}.interestCents`, s.interestCents);
    if (!Number.isSafeInteger(s.days) || s.days <= 0) throw new InvalidLetterDataError(`${at}.days`, 'must be a positive whole number');
    if (typeof s.ratePercent !== 'string' || !/^\d+\.\d+$/.test(s.ratePercent)) {
      throw new InvalidLetterDataError(`${at}.ratePercent`, 'must be a decimal such as "12.15"');
    }
    if (compareDates(s.to, asOf) > 0) throw new InvalidLetterDataError(`${at}.to`, 'is after penaltiesAsOf');
  });
  const linesTotal = p.segments.reduce((sum, s) => sum + s.interestCents, 0);
  if (linesTotal !== p.interestCents) {
    throw new InvalidLetterDataError(`${field}.segments`, `lines add up to ${linesTotal}, not interestCents ${p.interestCents}`);
  }
}

/** Validates the data of `kind`; returns the legal family shared by all its invoices. */
export function checkLetterData<K extends LetterKind>(kind: K, data: LetterDataByKind[K], language: LetterLanguage): LegalFamily {
  if (!LETTER_KINDS.includes(kind)) throw new InvalidLetterDataError('kind', `${String(kind)} is not a letter kind`);
  if (language !== 'fr' && language !== 'en') throw new InvalidLetterDataError('language', `${String(language)} is not fr or en`);
  if (!data || typeof data !== 'object') throw new InvalidLetterDataError('data', 'is required');

  const { creditor, debtor } = data;
  if (!creditor) throw new InvalidLetterDataError('creditor', 'is required');
  text('creditor.legalName', creditor.legalName);
  optionalText('creditor.legalForm', creditor.legalForm);
  text('creditor.registrationNumber', creditor.registrationNumber);
  optionalText('creditor.registrationLabel', creditor.registrationLabel);
  text('creditor.vatNumber', creditor.vatNumber);
  lines('creditor.addressLines', creditor.addressLines);
  text('creditor.city', creditor.city);
  text('creditor.billingContact.name', creditor.billingContact?.name);
  text('creditor.billingContact.email', creditor.billingContact?.email);
  optionalText('creditor.billingContact.phone', creditor.billingContact?.phone);
  text('creditor.signatory.name', creditor.signatory?.name);
  text('creditor.signatory.title', creditor.signatory?.title);
  text('creditor.bankAccount.iban', creditor.bankAccount?.iban);
  optionalText('creditor.bankAccount.bic', creditor.bankAccount?.bic);
  optionalText('creditor.bankAccount.bankName', creditor.bankAccount?.bankName);

  if (!debtor) throw new InvalidLetterDataError('debtor', 'is required');
  text('debtor.legalName', debtor.legalName);
  lines('debtor.addressLines', debtor.addressLines);
  optionalText('debtor.registrationNumber', debtor.registrationNumber);
  optionalText('debtor.vatNumber', debtor.vatNumber);
  if (debtor.contact !== undefined) text('debtor.contact.name', debtor.contact.name);

  date('letterDate', data.letterDate);
  date('penaltiesAsOf', data.penaltiesAsOf);
  date('paymentDeadline', data.paymentDeadline);
  if (compareDates(data.paymentDeadline, data.letterDate) < 0) {
    throw new InvalidLetterDataError('paymentDeadline', 'is before the letter date');
  }
  text('paymentReference', data.paymentReference);
  optionalText('ourReference', data.ourReference);
  (data.previousReminderDates ?? []).forEach((d, i) => date(`previousReminderDates[${i}]`, d));

  if (!Array.isArray(data.invoices) || data.invoices.length === 0) {
    throw new InvalidLetterDataError('invoices', 'needs at least one invoice');
  }
  const families = new Set<LegalFamily>();
  data.invoices.forEach((invoice, i) => {
    const at = `invoices[${i}]`;
    text(`${at}.number`, invoice.number);
    text(`${at}.description`, invoice.description);
    date(`${at}.issueDate`, invoice.issueDate);
    date(`${at}.dueDate`, invoice.dueDate);
    cents(`${at}.amountCents`, invoice.amountCents);
    checkPenalties(`${at}.penalties`, invoice.penalties, invoice.amountCents, data.penaltiesAsOf);
    families.add(FAMILY_OF_RULE[invoice.penalties.rule]);
  });
  if (families.size > 1) {
    throw new InvalidLetterDataError('invoices', `mix ${[...families].join(' and ')} penalty rules; one letter is for one debtor`);
  }
  const family = [...families][0];

  if (kind === 'formal_notice') {
    const notice = data as FormalNoticeData;
    if (notice.deadlineDays !== 8 && notice.deadlineDays !== 15) {
      throw new InvalidLetterDataError('deadlineDays', 'must be 8 or 15');
    }
    if (compareDates(notice.paymentDeadline, addDays(notice.letterDate, notice.deadlineDays)) < 0) {
      throw new InvalidLetterDataError('paymentDeadline', `is less than ${notice.deadlineDays} days after the letter date`);
    }
    text('competentCourt', notice.competentCourt);
    optionalText('registeredLetter.trackingNumber', notice.registeredLetter?.trackingNumber);
    if (notice.registeredWarningDate !== undefined) date('registeredWarningDate', notice.registeredWarningDate);
    if (family === 'BE_BUSINESS' || family === 'BE_CONSUMER') {
      throw new UnsupportedLetterError('the formal notice cites French law (Code civil art. 1344, 1344-1); no Belgian wording yet');
    }
  }
  if (kind === 'penalty_invoice') {
    text('penaltyInvoiceNumber', (data as PenaltyInvoiceData).penaltyInvoiceNumber);
    if (letterAmounts(data).penaltiesCents === 0) {
      throw new InvalidLetterDataError('invoices', 'carry no interest and no indemnity: there is nothing to invoice');
    }
  }
  return family;
}

/** The amounts stated by a letter, summed exactly over its invoices. */
export function letterAmounts(data: Pick<LetterData, 'invoices'>): LetterAmounts {
  const principalCents = sumCents(data.invoices.map((invoice) => invoice.penalties.outstandingCents));
  const interestCents = sumCents(data.invoices.map((invoice) => invoice.penalties.interestCents));
  const indemnityCents = sumCents(data.invoices.map((invoice) => invoice.penalties.indemnityCents));
  return {
    principalCents,
    interestCents,
    indemnityCents,
    totalDueCents: sumCents([principalCents, interestCents, indemnityCents]),
    penaltiesCents: sumCents([interestCents, indemnityCents]),
  };
}
