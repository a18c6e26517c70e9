/**
 * Input of the letter renderer: plain JSON-serialisable data (Temporal payload friendly), amounts in
 * integer cents, dates as 'YYYY-MM-DD' calendar dates (Europe/Paris labels, never instants).
 */
import type { CalendarDate } from '../../domain/calendar';
import type { Cents } from '../../domain/money';
import type { PenaltyResult } from '../../domain/penalties';

export type LetterKind = 'written_reminder' | 'registered_warning' | 'formal_notice' | 'penalty_invoice';
export type LetterLanguage = 'fr' | 'en';

export const LETTER_KINDS: readonly LetterKind[] = ['written_reminder', 'registered_warning', 'formal_notice', 'penalty_invoice'];

export interface Contact {
  name: string;
  email?: string;
  phone?: string;
}

/** The sender: printed as the letterhead, in the footer of every page and in the signature block. */
export interface CreditorLetterhead {
  legalName: string;
  /** Legal form and share capital, printed in the footer: 'SAS au capital de 50 000 €'. */
  legalForm?: string;
  /** SIREN (9 digits) or SIRET (14 digits); spaces allowed. */
  registrationNumber: string;
  /** Printed before the number; default 'SIREN' / 'SIRET' from the digit count. Example: 'RCS Lyon'. */
  registrationLabel?: string;
  vatNumber: string;
  /** Postal address, one line each, without the company name: ['12 rue des Lilas', '69003 Lyon']. */
  addressLines: string[];
  /** Town printed with the date: 'Lyon, le 16 mars 2026'. */
  city: string;
  /** The person the debtor contacts about the letter (the phone is printed when known). */
  billingContact: { name: string; email: string; phone?: string };
  /** Someone with authority to act for the creditor (required on a formal notice). */
  signatory: {
    name: string;
    title: string;
    /** Optional scanned signature (PNG or JPEG bytes), drawn above the name. */
    signatureImage?: Uint8Array;
  };
  /** The BIC is printed when known (an IBAN is enough for a SEPA transfer). */
  bankAccount: { iban: string; bic?: string; bankName?: string };
}

/** The addressee: the legal entity that owes the money, at its registered address. */
export interface DebtorParty {
  legalName: string;
  registrationNumber?: string;
  registrationLabel?: string;
  vatNumber?: string;
  /** Postal address, one line each, without the company name; the last line is usually 'postcode TOWN'. */
  addressLines: string[];
  /** Printed as 'À l'attention de …' in the address block. */
  contact?: Contact;
}

export interface UnpaidInvoice {
  number: string;
  issueDate: CalendarDate;
  dueDate: CalendarDate;
  /** What was sold: 'Maintenance annuelle 2026 — 12 postes'. */
  description: string;
  /** Invoice amount including VAT. */
  amountCents: Cents;
  /**
   * `computePenalties` for this invoice with `asOf` = the letter's `penaltiesAsOf`. Its
   * `outstandingCents` is the principal still due, `interestCents` the late interest, `indemnityCents`
   * the flat recovery indemnity (40 EUR for a business debtor), and `segments` the computation lines.
   */
  penalties: PenaltyResult;
}

/** What every letter needs. */
export interface LetterData {
  creditor: CreditorLetterhead;
  debtor: DebtorParty;
  /** The date printed on the letter (and its PDF creation date). */
  letterDate: CalendarDate;
  /** The day up to which the penalties were computed (usually the letter date). */
  penaltiesAsOf: CalendarDate;
  /** All unpaid invoices of the debtor that the letter is about (at least one). Currency: EUR. */
  invoices: UnpaidInvoice[];
  /** The date by which to pay. */
  paymentDeadline: CalendarDate;
  /** To quote on the transfer. */
  paymentReference: string;
  /** Our file reference, printed as 'Nos réf.' (default: the payment reference). */
  ourReference?: string;
  /** Dates of the reminders already sent, quoted as 'despite our reminders of …'. */
  previousReminderDates?: CalendarDate[];
}

export interface RegisteredLetter {
  /** The LRAR number, when it is known before printing (pre-printed labels). */
  trackingNumber?: string;
}

/** Registered warning (D+15): sent by registered letter with acknowledgment of receipt. */
export interface RegisteredWarningData extends LetterData {
  registeredLetter?: RegisteredLetter;
}

export interface FormalNoticeData extends LetterData {
  /** The deadline given in the letter; `paymentDeadline` must be at least this many days after `letterDate`. */
  deadlineDays: 8 | 15;
  /**
   * The court that would hear the claim. Commercial debt: the tribunal de commerce / tribunal des
   * activités économiques of the debtor's registered office ('Tribunal des activités économiques de
   * Lyon'); otherwise the tribunal judiciaire. It depends on the debtor's seat, so the caller picks it.
   */
  competentCourt: string;
  registeredLetter?: RegisteredLetter;
  /** The registered warning that preceded this notice, quoted in the body. */
  registeredWarningDate?: CalendarDate;
}

export interface PenaltyInvoiceData extends LetterData {
  /** Number of the penalty invoice itself, from the creditor's invoice sequence. */
  penaltyInvoiceNumber: string;
}

export interface LetterDataByKind {
  written_reminder: LetterData;
  registered_warning: RegisteredWarningData;
  formal_notice: FormalNoticeData;
  penalty_invoice: PenaltyInvoiceData;
}

/** The amounts a letter states, summed over its invoices. */
export interface LetterAmounts {
  /** Principal still unpaid (incl. VAT). */
  principalCents: Cents;
  interestCents: Cents;
  indemnityCents: Cents;
  /** principal + interest + indemnity: what the debtor is asked to pay. */
  totalDueCents: Cents;
  /** interest + indemnity: the total of the penalty invoice (no VAT). */
  penaltiesCents: Cents;
}

export interface RenderedLetter {
  kind: LetterKind;
  language: LetterLanguage;
  /** The PDF bytes: identical for identical input. */
  pdf: Buffer;
  /** Hex SHA-256 of `pdf`, for the document record. */
  sha256: string;
  pageCount: number;
  /** Suggested file name: '2026-03-16_mise-en-demeure_REL-2026-0042.pdf'. */
  fileName: string;
  /** The letter's subject line, also usable as an e-mail subject. */
  subject: string;
  amounts: LetterAmounts;
}
