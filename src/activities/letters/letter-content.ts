/**
 * Builds what a letter says (a layout-free content model) from its data, kind and language. The PDF
 * layout (letter-layout.ts) only places these blocks; every sentence comes from wording.ts.
 */
import type { PenaltyRule } from '../../domain/penalties';
import { letterAmounts, type LegalFamily } from './letter-data-check';
import { daysInWords, fileSlug, formatIban, longDate, money, percent, registration, shortDate } from './letter-format';
import type {
  FormalNoticeData,
  LetterAmounts,
  LetterData,
  LetterKind,
  LetterLanguage,
  PenaltyInvoiceData,
  RegisteredWarningData,
} from './letter-types';
import { WORDING, type RateBasis, type Wording } from './wording';

export interface TableColumn {
  header: string;
  /** Relative width: the layout shares the text width in proportion. */
  weight: number;
  align: 'left' | 'right';
  /**
   * 'nowrap': widened to its widest cell (amounts and dates hold no-break spaces: squeezed, they would
   * break inside a number). 'flex': the wrapping column that gives up the width. Header text may wrap.
   */
  fit?: 'nowrap' | 'flex';
}

export type ContentBlock =
  /** `keepWithNext`: a lead-in sentence that must not end a page without the block it introduces. */
  | { type: 'paragraph'; text: string; style?: 'strong' | 'note'; keepWithNext?: boolean }
  | { type: 'caption'; text: string }
  | { type: 'table'; columns: TableColumn[]; rows: string[][]; totalRow?: string[] }
  /** Amounts right-aligned; `aside`: a box of payment details to their left. */
  | { type: 'totals'; lines: Array<{ label: string; value: string; strong?: boolean }>; aside?: PaymentAside }
  /** A full-width box with the bank details and the payment reference. */
  | { type: 'payment'; title: string; bank: Array<[string, string]> };

export interface PaymentAside {
  title: string;
  lines: Array<[string, string]>;
}

export interface LetterContent {
  kind: LetterKind;
  language: LetterLanguage;
  subject: string;
  fileName: string;
  amounts: LetterAmounts;
  letterhead: { name: string; lines: string[] };
  /** Address block for the envelope window: the first line is the debtor's legal name. */
  recipient: string[];
  /** Left column under the letterhead: label, value (values may hold line breaks). */
  references: Array<[string, string]>;
  /** 'Lyon, le 21 juillet 2025' (a penalty invoice has its date among its references instead). */
  placeAndDate?: string;
  sendingMention?: string;
  heading?: string;
  subheading?: string;
  subjectLabel: string;
  /** Printed 'Objet : …' line (a penalty invoice has none: its heading and number say it). */
  showSubject: boolean;
  salutation?: string;
  blocks: ContentBlock[];
  closing?: string;
  signature?: { onBehalfOf: string; name: string; title: string; image?: Uint8Array };
  /** Legal identity of the creditor, printed at the bottom of every page. */
  footer: string[];
}

const RATE_BASIS: Record<PenaltyRule, RateBasis> = {
  FR_B2B_ECB_PLUS_10: 'ECB_PLUS_10',
  FR_B2B_CONTRACTUAL_FLOORED: 'CONTRACTUAL_FLOORED',
  FR_B2C_LEGAL_RATE: 'FR_LEGAL_RATE',
  BE_B2B_LAW_RATE: 'BE_LAW_RATE',
  BE_B2C_CAPPED_RATE: 'BE_CAPPED',
};

const FILE_WORDS: Record<LetterLanguage, Record<LetterKind, string>> = {
  fr: {
    written_reminder: 'relance',
    registered_warning: 'lettre-recommandee',
    formal_notice: 'mise-en-demeure',
    penalty_invoice: 'facture-penalites',
  },
  en: {
    written_reminder: 'reminder',
    registered_warning: 'registered-warning',
    formal_notice: 'formal-notice',
    penalty_invoice: 'penalty-invoice',
  },
};

/** The letter's content; `data` must have passed checkLetterData (which gave `family`). */
export function buildLetterContent(kind: LetterKind, data: LetterData, language: LetterLanguage, family: LegalFamily): LetterContent {
  const w = WORDING[language];
  const amounts = letterAmounts(data);
  const m = (cents: number) => money(cents, language);
  const short = (date: string) => shortDate(date, language);
  const long = (date: string) => longDate(date, language);
  const { creditor, debtor, invoices } = data;
  const count = invoices.length;

  const common = {
    kind,
    language,
    amounts,
    letterhead: {
      name: creditor.legalName,
      lines: [...creditor.addressLines, `${registration(creditor.registrationNumber, creditor.registrationLabel)} · ${vatLabel(language)} ${creditor.vatNumber}`],
    },
    recipient: [
      debtor.legalName,
      ...(debtor.contact ? [w.attention(debtor.contact.name)] : []),
      ...debtor.addressLines,
    ],
    placeAndDate: w.placeAndDate(creditor.city, long(data.letterDate)),
    subjectLabel: w.subjectLabel,
    showSubject: kind !== 'penalty_invoice',
    footer: [
      [creditor.legalName, creditor.legalForm, registration(creditor.registrationNumber, creditor.registrationLabel), `${vatLabel(language)} ${creditor.vatNumber}`]
        .filter(Boolean)
        .join(' – '),
      creditor.addressLines.join(', '),
    ],
  };
  const contact = creditor.billingContact;
  const contactReference: [string, string] = [w.references.contact, [contact.name, contact.email, contact.phone].filter(Boolean).join('\n')];
  const debtorIds = [
    ...(debtor.registrationNumber ? [registration(debtor.registrationNumber, debtor.registrationLabel)] : []),
    ...(debtor.vatNumber ? [`${vatLabel(language)} ${debtor.vatNumber}`] : []),
  ];
  const debtorReferences: Array<[string, string]> = debtorIds.length ? [[w.references.customer, debtorIds.join('\n')]] : [];
  const letterReferences: Array<[string, string]> = [
    [w.references.ours, data.ourReference ?? data.paymentReference],
    ...debtorReferences,
    contactReference,
  ];
  const signature = {
    onBehalfOf: w.onBehalfOf(creditor.legalName),
    name: creditor.signatory.name,
    title: creditor.signatory.title,
    image: creditor.signatory.signatureImage,
  };

  const invoiceTable: ContentBlock = {
    type: 'table',
    columns: [
      { header: w.invoiceTable.number, weight: 56, align: 'left', fit: 'nowrap' },
      { header: w.invoiceTable.issueDate, weight: 52, align: 'left', fit: 'nowrap' },
      { header: w.invoiceTable.dueDate, weight: 52, align: 'left', fit: 'nowrap' },
      { header: w.invoiceTable.description, weight: 206, align: 'left', fit: 'flex' },
      { header: w.invoiceTable.amount, weight: 58, align: 'right', fit: 'nowrap' },
      { header: w.invoiceTable.balance, weight: 58, align: 'right', fit: 'nowrap' },
    ],
    rows: invoices.map((invoice) => [
      invoice.number,
      short(invoice.issueDate),
      short(invoice.dueDate),
      invoice.description,
      m(invoice.amountCents),
      m(invoice.penalties.outstandingCents),
    ]),
  };

  const indemnityInvoices = invoices.filter((invoice) => invoice.penalties.indemnityCents > 0);
  const indemnityAmounts = new Set(indemnityInvoices.map((invoice) => invoice.penalties.indemnityCents));
  const eachIndemnity = indemnityAmounts.size === 1 ? m([...indemnityAmounts][0]) : null;
  const totals = (aside?: PaymentAside): ContentBlock => ({
    type: 'totals',
    aside,
    lines: [
      { label: w.totals.principal, value: m(amounts.principalCents) },
      { label: w.totals.interest(short(data.penaltiesAsOf)), value: m(amounts.interestCents) },
      ...(family === 'FR_CONSUMER' && amounts.indemnityCents === 0
        ? []
        : [{ label: w.totals.indemnity(family, indemnityInvoices.length, eachIndemnity), value: m(amounts.indemnityCents) }]),
      { label: w.totals.totalDue, value: m(amounts.totalDueCents), strong: true },
    ],
  });

  const bankLines: Array<[string, string]> = [
    [
      creditor.bankAccount.bankName ? `${w.payment.iban} – ${creditor.bankAccount.bankName}` : w.payment.iban,
      formatIban(creditor.bankAccount.iban),
    ],
    ...(creditor.bankAccount.bic ? [[w.payment.bic, creditor.bankAccount.bic] as [string, string]] : []),
    [w.payment.reference, data.paymentReference],
  ];
  /** Full width, after the text (the formal notice: its text states the amount and the deadline). */
  const payment = (): ContentBlock => ({ type: 'payment', title: w.payment.title, bank: bankLines });
  /** Beside the totals; an invoice also needs its deadline there (its text does not state it). */
  const paymentAside = (withDeadline: boolean): PaymentAside => ({
    title: w.payment.title,
    lines: [...(withDeadline ? [[w.payment.deadline, long(data.paymentDeadline)] as [string, string]] : []), ...bankLines],
  });

  const clause = w.latePaymentClause(family, distinctRules(data), ratesSentence(data, language, w));
  const reminders = (data.previousReminderDates ?? []).map(short);
  const total = m(amounts.totalDueCents);
  const contactSentence = w.contactSentence(contact.name, contact.email, contact.phone);
  const fileName = (reference: string) => `${data.letterDate}_${FILE_WORDS[language][kind]}_${fileSlug(reference)}.pdf`;

  switch (kind) {
    case 'written_reminder':
      return {
        ...common,
        subject: w.writtenReminder.subject(count, total),
        fileName: fileName(data.ourReference ?? data.paymentReference),
        references: letterReferences,
        salutation: w.salutation,
        blocks: [
          { type: 'paragraph', text: w.writtenReminder.opening(count, w.previousSteps(reminders, null)), keepWithNext: true },
          invoiceTable,
          { type: 'paragraph', text: clause },
          totals(paymentAside(false)),
          { type: 'paragraph', text: w.writtenReminder.request(total, long(data.paymentDeadline), data.paymentReference) },
          { type: 'paragraph', text: `${w.alreadyPaid} ${contactSentence}` },
        ],
        closing: w.closing,
        signature,
      };

    case 'registered_warning': {
      const warning = data as RegisteredWarningData;
      return {
        ...common,
        subject: w.registeredWarning.subject(count),
        fileName: fileName(data.ourReference ?? data.paymentReference),
        references: letterReferences,
        sendingMention: w.registeredMention(warning.registeredLetter?.trackingNumber),
        salutation: w.salutation,
        blocks: [
          { type: 'paragraph', text: w.registeredWarning.opening(count, w.previousSteps(reminders, null)), keepWithNext: true },
          invoiceTable,
          { type: 'paragraph', text: clause },
          totals(paymentAside(false)),
          { type: 'paragraph', text: w.registeredWarning.request(total, long(data.paymentDeadline)), style: 'strong' },
          { type: 'paragraph', text: w.registeredWarning.escalation },
          { type: 'paragraph', text: `${w.alreadyPaid} ${contactSentence}` },
        ],
        closing: w.closing,
        signature,
      };
    }

    case 'formal_notice': {
      const notice = data as FormalNoticeData;
      const previous = w.previousSteps(reminders, notice.registeredWarningDate ? short(notice.registeredWarningDate) : null);
      return {
        ...common,
        subject: w.formalNotice.subject(total),
        fileName: fileName(data.ourReference ?? data.paymentReference),
        references: letterReferences,
        sendingMention: w.registeredMention(notice.registeredLetter?.trackingNumber),
        heading: w.formalNotice.heading,
        subheading: w.formalNotice.subheading,
        salutation: w.salutation,
        blocks: [
          { type: 'paragraph', text: w.formalNotice.opening(count, creditor.legalName, total, previous), keepWithNext: true },
          invoiceTable,
          { type: 'paragraph', text: w.formalNotice.breakdown, keepWithNext: true },
          totals(),
          { type: 'paragraph', text: clause },
          {
            type: 'paragraph',
            text: w.formalNotice.notice(total, daysInWords(notice.deadlineDays, language), long(data.paymentDeadline), data.paymentReference),
            style: 'strong',
          },
          { type: 'paragraph', text: w.formalNotice.interestContinues },
          { type: 'paragraph', text: w.formalNotice.legalAction(notice.competentCourt), style: 'strong' },
          { type: 'paragraph', text: w.formalNotice.legalBasis },
          { type: 'paragraph', text: `${w.alreadyPaid} ${contactSentence}` },
          payment(),
        ],
        closing: w.closing,
        signature,
      };
    }

    case 'penalty_invoice': {
      const invoice = data as PenaltyInvoiceData;
      const p = w.penaltyInvoice;
      const segments = invoices.flatMap((inv) => inv.penalties.segments.map((segment) => ({ invoice: inv.number, segment })));
      const blocks: ContentBlock[] = [
        { type: 'paragraph', text: p.intro(family, short(data.penaltiesAsOf)) },
        { type: 'caption', text: p.interestCaption },
      ];
      if (segments.length === 0) {
        blocks.push({ type: 'paragraph', text: p.noInterest, style: 'note' });
      } else {
        blocks.push(
          {
            type: 'table',
            columns: [
              { header: p.interestColumns.invoice, weight: 1.15, align: 'left', fit: 'nowrap' },
              { header: p.interestColumns.period, weight: 2.3, align: 'left', fit: 'flex' },
              { header: p.interestColumns.days, weight: 0.6, align: 'right', fit: 'nowrap' },
              { header: p.interestColumns.base, weight: 1.25, align: 'right', fit: 'nowrap' },
              { header: p.interestColumns.rate, weight: 0.9, align: 'right', fit: 'nowrap' },
              { header: p.interestColumns.amount, weight: 1.1, align: 'right', fit: 'nowrap' },
            ],
            rows: segments.map(({ invoice: number, segment }) => [
              number,
              p.period(short(segment.from), short(segment.to)),
              String(segment.days),
              m(segment.baseCents),
              percent(segment.ratePercent, language),
              m(segment.interestCents),
            ]),
            totalRow: ['Total', '', '', '', '', m(amounts.interestCents)],
          },
          { type: 'paragraph', text: p.formula, style: 'note' },
        );
      }
      if (indemnityInvoices.length > 0) {
        blocks.push(
          { type: 'caption', text: p.indemnityCaption(family) },
          {
            type: 'table',
            columns: [
              { header: p.indemnityColumns.invoice, weight: 1.3, align: 'left', fit: 'flex' },
              { header: p.indemnityColumns.dueDate, weight: 1, align: 'left', fit: 'nowrap' },
              { header: p.indemnityColumns.amount, weight: 1.3, align: 'right', fit: 'nowrap' },
              { header: p.indemnityColumns.indemnity, weight: 1.1, align: 'right', fit: 'nowrap' },
            ],
            rows: indemnityInvoices.map((inv) => [inv.number, short(inv.dueDate), m(inv.amountCents), m(inv.penalties.indemnityCents)]),
            totalRow: indemnityInvoices.length > 1 ? ['Total', '', '', m(amounts.indemnityCents)] : undefined,
          },
        );
      }
      blocks.push(
        {
          type: 'totals',
          aside: paymentAside(true),
          lines: [
            { label: p.totalInterest, value: m(amounts.interestCents) },
            ...(indemnityInvoices.length > 0 ? [{ label: p.totalIndemnity, value: m(amounts.indemnityCents) }] : []),
            { label: p.totalToPay, value: m(amounts.penaltiesCents), strong: true },
          ],
        },
        { type: 'paragraph', text: p.noVat, style: 'strong' },
        ...(amounts.principalCents > 0 ? [{ type: 'paragraph', text: p.principalReminder(m(amounts.principalCents)) } as const] : []),
      );
      return {
        ...common,
        subject: p.subject(invoice.penaltyInvoiceNumber),
        fileName: fileName(invoice.penaltyInvoiceNumber),
        references: [
          [w.references.invoiceNumber, invoice.penaltyInvoiceNumber],
          [w.references.invoiceDate, long(data.letterDate)],
          ...debtorReferences,
          contactReference,
        ],
        placeAndDate: undefined,
        heading: p.heading,
        blocks,
      };
    }
  }
}

function vatLabel(language: LetterLanguage): string {
  return language === 'fr' ? 'TVA' : 'VAT';
}

function distinctRules(data: LetterData): RateBasis[] {
  return [...new Set(data.invoices.map((invoice) => RATE_BASIS[invoice.penalties.rule]))];
}

/** The rates that applied, in the order of the periods they applied to; null when no interest ran. */
function ratesSentence(data: LetterData, language: LetterLanguage, w: Wording): string | null {
  const segments = data.invoices
    .flatMap((invoice) => invoice.penalties.segments)
    .sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  const rates = [...new Set(segments.map((segment) => segment.ratePercent))].map((rate) => percent(rate, language));
  return rates.length ? w.ratesText(rates) : null;
}
