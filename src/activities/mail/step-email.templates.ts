/**
 * The e-mails of the dunning steps, in French and English: courteous and factual, a little firmer at
 * each step, never threatening before the registered letters do. Plain text is the reference; the
 * HTML part is the same paragraphs.
 *
 * What every e-mail can add, from the creditor profile when it exists: how to pay (payee, IBAN, BIC,
 * the reference to quote) and whom to contact (the billing contact). From the second reminder on,
 * the amount is split into principal, late interest and the flat recovery indemnity when they are
 * known; the letters' e-mails state the letter's own amounts, so e-mail and PDF always agree.
 */
import type { CalendarDate } from '../../domain/calendar';
import { formatMoney } from '../../domain/money';
import type { StepTone } from '../../domain/plan';

/** The e-mail steps of a plan (and the written reminder, whose letter goes out by e-mail). */
export type StepEmailTemplate = 'courtesy_reminder' | 'first_reminder' | 'second_reminder' | 'written_reminder';

export const STEP_EMAIL_TEMPLATES: readonly StepEmailTemplate[] = ['courtesy_reminder', 'first_reminder', 'second_reminder', 'written_reminder'];

/** E-mails that carry a letter of a later step: the copy of the formal notice, the penalty invoice. */
export type LetterEmailTemplate = 'formal_notice' | 'penalty_invoice';

export type EmailTemplate = StepEmailTemplate | LetterEmailTemplate;

/** How to pay, from the creditor profile. */
export interface PaymentDetails {
  payee: string;
  iban: string;
  bic: string | null;
}

/** Whom the debtor contacts, from the creditor profile. */
export interface BillingContact {
  name: string;
  email: string;
  phone: string | null;
}

export interface StepEmailData {
  language: 'fr' | 'en';
  tone: StepTone;
  debtorName: string;
  invoiceNumber: string;
  issueDate: CalendarDate;
  dueDate: CalendarDate;
  totalCents: number;
  /** Still due after the payments received (the principal). */
  balanceCents: number;
  currency: string;
  /** The date of the e-mail or letter. */
  date: CalendarDate;
  payBy: CalendarDate | null;
  /** Earlier reminders, quoted by the letters. */
  previousReminderDates: CalendarDate[];
  /** Late interest and flat indemnity to date, when they could be computed. */
  penalties: { interestCents: number; indemnityCents: number } | null;
  /** The reference to quote with the transfer; default the invoice number. */
  paymentReference?: string;
  /** From the creditor profile; left out when there is none. */
  payment?: PaymentDetails | null;
  contact?: BillingContact | null;
  /** The file name of the PDF attached to the e-mail, if any. */
  attachmentName?: string | null;
  /** The penalty invoice's own number. */
  documentNumber?: string | null;
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

type Lines = { subject: string; paragraphs: string[] };

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

export function renderStepEmail(template: EmailTemplate, data: StepEmailData): RenderedEmail {
  const money = (cents: number) => formatMoney(cents, data.currency, data.language);
  const words = data.language === 'fr' ? FRENCH_COMMON : ENGLISH_COMMON;
  const lines = (data.language === 'fr' ? FRENCH : ENGLISH)[template](data, money);
  const reference = data.paymentReference ?? data.invoiceNumber;
  const extras = [
    ...(data.payment ? [words.payment(data.payment, reference)] : []),
    ...(data.contact ? [words.contact(data.contact)] : []),
  ];
  const paragraphs = [greeting(data), ...lines.paragraphs, ...extras, closing(data)];
  return {
    subject: lines.subject,
    text: paragraphs.join('\n\n') + '\n',
    html: paragraphs.map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`).join('\n'),
  };
}

type Writer = (data: StepEmailData, money: (cents: number) => string) => Lines;

interface CommonWords {
  payment(details: PaymentDetails, reference: string): string;
  contact(contact: BillingContact): string;
  /** Principal, interest, indemnity and total, one per line; `unknown` when the penalties are not known. */
  amounts(d: StepEmailData, money: (cents: number) => string, unknown: string | null): string;
}

/** 'FR7630006000011234567890189' → 'FR76 3000 6000 0112 3456 7890 189'. */
function groupedIban(iban: string): string {
  return iban.replace(/\s+/g, '').toUpperCase().replace(/(.{4})(?=.)/g, '$1 ');
}

const FRENCH_COMMON: CommonWords = {
  payment: (p, reference) =>
    [
      'Coordonnées de paiement (virement) :',
      `Bénéficiaire : ${p.payee}`,
      `IBAN : ${groupedIban(p.iban)}`,
      ...(p.bic ? [`BIC : ${p.bic}`] : []),
      `Référence à indiquer : ${reference}`,
    ].join('\n'),
  contact: (c) => `Pour toute question, votre contact : ${c.name} (${[c.email, c.phone].filter(Boolean).join(', ')}).`,
  amounts: (d, money, unknown) => {
    const lines = [`Principal restant dû : ${money(d.balanceCents)}`];
    if (!d.penalties) return [...lines, ...(unknown ? [unknown] : [])].join('\n');
    lines.push(`Pénalités de retard à ce jour : ${money(d.penalties.interestCents)}`);
    if (d.penalties.indemnityCents > 0) lines.push(`Indemnité forfaitaire pour frais de recouvrement : ${money(d.penalties.indemnityCents)}`);
    lines.push(`Total dû à ce jour : ${money(d.balanceCents + d.penalties.interestCents + d.penalties.indemnityCents)}`);
    return lines.join('\n');
  },
};

const ENGLISH_COMMON: CommonWords = {
  payment: (p, reference) =>
    [
      'Payment details (bank transfer):',
      `Payee: ${p.payee}`,
      `IBAN: ${groupedIban(p.iban)}`,
      ...(p.bic ? [`BIC: ${p.bic}`] : []),
      `Reference to quote: ${reference}`,
    ].join('\n'),
  contact: (c) => `If you have any question, please contact ${c.name} (${[c.email, c.phone].filter(Boolean).join(', ')}).`,
  amounts: (d, money, unknown) => {
    const lines = [`Principal still due: ${money(d.balanceCents)}`];
    if (!d.penalties) return [...lines, ...(unknown ? [unknown] : [])].join('\n');
    lines.push(`Late-payment interest to date: ${money(d.penalties.interestCents)}`);
    if (d.penalties.indemnityCents > 0) lines.push(`Flat recovery indemnity: ${money(d.penalties.indemnityCents)}`);
    lines.push(`Total due to date: ${money(d.balanceCents + d.penalties.interestCents + d.penalties.indemnityCents)}`);
    return lines.join('\n');
  },
};

const FRENCH: Record<EmailTemplate, Writer> = {
  courtesy_reminder: (d, money) => ({
    subject: `Échéance prochaine : facture ${d.invoiceNumber}`,
    paragraphs: [
      `Pour rappel, la facture ${d.invoiceNumber} du ${frDate(d.issueDate)}, d'un montant de ${money(d.balanceCents)}, arrive à échéance le ${frDate(d.dueDate)}.`,
      `Merci d'indiquer la référence ${d.paymentReference ?? d.invoiceNumber} avec votre virement. Si le règlement est déjà programmé, merci de ne pas tenir compte de ce message.`,
    ],
  }),
  first_reminder: (d, money) => ({
    subject: `Relance : facture ${d.invoiceNumber} échue le ${frDate(d.dueDate)}`,
    paragraphs: [
      `Sauf erreur de notre part, la facture ${d.invoiceNumber} du ${frDate(d.issueDate)}, échue le ${frDate(d.dueDate)}, reste impayée à ce jour pour un montant de ${money(d.balanceCents)}. Il s'agit sans doute d'un simple oubli.`,
      `Nous vous remercions de bien vouloir procéder à son règlement${d.payBy ? ` d'ici le ${frDate(d.payBy)}` : ''}, en indiquant la référence ${d.paymentReference ?? d.invoiceNumber}.`,
      `Si votre paiement a été effectué entre-temps, merci de ne pas tenir compte de ce message. Pour toute question sur cette facture, il vous suffit de répondre à ce courriel.`,
    ],
  }),
  second_reminder: (d, money) => ({
    subject: `Deuxième relance : facture ${d.invoiceNumber}`,
    paragraphs: [
      `Malgré notre précédent rappel, la facture ${d.invoiceNumber} du ${frDate(d.issueDate)}, échue le ${frDate(d.dueDate)}, reste impayée pour un montant de ${money(d.balanceCents)}.`,
      ...(d.penalties ? [FRENCH_COMMON.amounts(d, money, null)] : []),
      `Nous vous demandons de régler cette somme${d.payBy ? ` au plus tard le ${frDate(d.payBy)}` : ' sans délai'}, en indiquant la référence ${d.paymentReference ?? d.invoiceNumber}. Des pénalités de retard courent depuis l'échéance, conformément à nos conditions générales de vente.`,
      `Si un point de cette facture fait obstacle au paiement, merci de nous le signaler en réponse à ce courriel.`,
    ],
  }),
  written_reminder: (d, money) => ({
    subject: `Lettre de relance : facture ${d.invoiceNumber}`,
    paragraphs: [
      d.attachmentName
        ? `Veuillez trouver ci-jointe notre lettre de relance du ${frDate(d.date)} (${d.attachmentName}).`
        : `Veuillez trouver ci-dessous notre lettre de relance du ${frDate(d.date)}.`,
      `${d.previousReminderDates.length > 0 ? `Malgré nos relances ${joinList(d.previousReminderDates.map((date) => `du ${frDate(date)}`), 'et')}, la` : 'La'} facture ${d.invoiceNumber} du ${frDate(d.issueDate)}, échue le ${frDate(d.dueDate)}, reste impayée.`,
      FRENCH_COMMON.amounts(d, money, `Pénalités de retard et indemnité forfaitaire pour frais de recouvrement : dues selon nos conditions générales de vente`),
      `Nous vous prions de régler ces sommes${d.payBy ? ` au plus tard le ${frDate(d.payBy)}` : ''}, en indiquant la référence ${d.paymentReference ?? d.invoiceNumber}. Si votre paiement est en cours, merci de ne pas tenir compte de cette lettre.`,
    ],
  }),
  formal_notice: (d, money) => ({
    subject: `Mise en demeure : facture ${d.invoiceNumber}`,
    paragraphs: [
      `Veuillez trouver ci-jointe copie de notre lettre de mise en demeure du ${frDate(d.date)}${d.attachmentName ? ` (${d.attachmentName})` : ''}, qui vous est adressée par lettre recommandée avec accusé de réception.`,
      `${d.previousReminderDates.length > 0 ? `Malgré nos relances ${joinList(d.previousReminderDates.map((date) => `du ${frDate(date)}`), 'et')}, la` : 'La'} facture ${d.invoiceNumber} du ${frDate(d.issueDate)}, échue le ${frDate(d.dueDate)}, reste impayée.`,
      FRENCH_COMMON.amounts(d, money, `Pénalités de retard et indemnité forfaitaire pour frais de recouvrement : dues selon nos conditions générales de vente`),
      `Faute de règlement de ces sommes${d.payBy ? ` au plus tard le ${frDate(d.payBy)}` : ''}, en indiquant la référence ${d.paymentReference ?? d.invoiceNumber}, nous engagerons sans autre avis une procédure judiciaire de recouvrement.`,
    ],
  }),
  penalty_invoice: (d, money) => {
    const interest = d.penalties?.interestCents ?? 0;
    const indemnity = d.penalties?.indemnityCents ?? 0;
    const number = d.documentNumber ? ` ${d.documentNumber}` : '';
    return {
      subject: `Facture${number} : pénalités de retard, facture ${d.invoiceNumber}`,
      paragraphs: [
        `Veuillez trouver ci-jointe notre facture${number} du ${frDate(d.date)}${d.attachmentName ? ` (${d.attachmentName})` : ''} : les pénalités de retard dues sur la facture ${d.invoiceNumber}, échue le ${frDate(d.dueDate)}, conformément à nos conditions générales de vente.`,
        [
          `Intérêts de retard : ${money(interest)}`,
          ...(indemnity > 0 ? [`Indemnité forfaitaire pour frais de recouvrement : ${money(indemnity)}`] : []),
          `Total à payer (non soumis à la TVA) : ${money(interest + indemnity)}`,
        ].join('\n'),
        `Merci de régler cette facture${d.payBy ? ` au plus tard le ${frDate(d.payBy)}` : ''}, en indiquant la référence ${d.paymentReference ?? d.invoiceNumber}.${d.balanceCents > 0 ? ` Le principal de la facture ${d.invoiceNumber}, ${money(d.balanceCents)}, reste dû par ailleurs.` : ''}`,
      ],
    };
  },
};

const ENGLISH: Record<EmailTemplate, Writer> = {
  courtesy_reminder: (d, money) => ({
    subject: `Upcoming due date: invoice ${d.invoiceNumber}`,
    paragraphs: [
      `A friendly reminder that invoice ${d.invoiceNumber} of ${d.issueDate}, for ${money(d.balanceCents)}, is due on ${d.dueDate}.`,
      `Please quote ${d.paymentReference ?? d.invoiceNumber} as the reference of your transfer. If the payment is already scheduled, please disregard this message.`,
    ],
  }),
  first_reminder: (d, money) => ({
    subject: `Reminder: invoice ${d.invoiceNumber} was due on ${d.dueDate}`,
    paragraphs: [
      `Unless we are mistaken, invoice ${d.invoiceNumber} of ${d.issueDate}, due on ${d.dueDate}, is still unpaid: ${money(d.balanceCents)} remains due. This is probably an oversight.`,
      `Please arrange payment${d.payBy ? ` by ${d.payBy}` : ''}, quoting reference ${d.paymentReference ?? d.invoiceNumber}.`,
      `If you have paid in the meantime, please disregard this message. If anything about this invoice is unclear, just reply to this e-mail.`,
    ],
  }),
  second_reminder: (d, money) => ({
    subject: `Second reminder: invoice ${d.invoiceNumber}`,
    paragraphs: [
      `Despite our previous reminder, invoice ${d.invoiceNumber} of ${d.issueDate}, due on ${d.dueDate}, is still unpaid: ${money(d.balanceCents)} remains due.`,
      ...(d.penalties ? [ENGLISH_COMMON.amounts(d, money, null)] : []),
      `Please pay this amount${d.payBy ? ` by ${d.payBy} at the latest` : ' without delay'}, quoting reference ${d.paymentReference ?? d.invoiceNumber}. Late-payment penalties have been accruing since the due date, as provided by our terms of sale.`,
      `If anything about this invoice stands in the way of payment, please tell us by replying to this e-mail.`,
    ],
  }),
  written_reminder: (d, money) => ({
    subject: `Payment reminder letter: invoice ${d.invoiceNumber}`,
    paragraphs: [
      d.attachmentName ? `Please find attached our reminder letter of ${d.date} (${d.attachmentName}).` : `Please find below our reminder letter of ${d.date}.`,
      `${d.previousReminderDates.length > 0 ? `Despite our reminders of ${joinList(d.previousReminderDates, 'and')}, invoice` : 'Invoice'} ${d.invoiceNumber} of ${d.issueDate}, due on ${d.dueDate}, is still unpaid.`,
      ENGLISH_COMMON.amounts(d, money, `Late-payment interest and flat recovery indemnity: due under our terms of sale`),
      `Please pay these amounts${d.payBy ? ` by ${d.payBy} at the latest` : ''}, quoting reference ${d.paymentReference ?? d.invoiceNumber}. If your payment is on its way, please disregard this letter.`,
    ],
  }),
  formal_notice: (d, money) => ({
    subject: `Formal notice: invoice ${d.invoiceNumber}`,
    paragraphs: [
      `Please find attached a copy of our formal notice of ${d.date}${d.attachmentName ? ` (${d.attachmentName})` : ''}, sent to you by registered letter with acknowledgment of receipt.`,
      `${d.previousReminderDates.length > 0 ? `Despite our reminders of ${joinList(d.previousReminderDates, 'and')}, invoice` : 'Invoice'} ${d.invoiceNumber} of ${d.issueDate}, due on ${d.dueDate}, is still unpaid.`,
      ENGLISH_COMMON.amounts(d, money, `Late-payment interest and flat recovery indemnity: due under our terms of sale`),
      `Unless these amounts are paid${d.payBy ? ` by ${d.payBy} at the latest` : ''}, quoting reference ${d.paymentReference ?? d.invoiceNumber}, we will start legal proceedings without further notice.`,
    ],
  }),
  penalty_invoice: (d, money) => {
    const interest = d.penalties?.interestCents ?? 0;
    const indemnity = d.penalties?.indemnityCents ?? 0;
    const number = d.documentNumber ? ` ${d.documentNumber}` : '';
    return {
      subject: `Invoice${number}: late-payment penalties, invoice ${d.invoiceNumber}`,
      paragraphs: [
        `Please find attached our invoice${number} of ${d.date}${d.attachmentName ? ` (${d.attachmentName})` : ''}: the late-payment penalties due on invoice ${d.invoiceNumber}, due on ${d.dueDate}, under our terms of sale.`,
        [
          `Late-payment interest: ${money(interest)}`,
          ...(indemnity > 0 ? [`Flat recovery indemnity: ${money(indemnity)}`] : []),
          `Total to pay (not subject to VAT): ${money(interest + indemnity)}`,
        ].join('\n'),
        `Please pay this invoice${d.payBy ? ` by ${d.payBy} at the latest` : ''}, quoting reference ${d.paymentReference ?? d.invoiceNumber}.${d.balanceCents > 0 ? ` The principal of invoice ${d.invoiceNumber}, ${money(d.balanceCents)}, remains due as well.` : ''}`,
      ],
    };
  },
};

function greeting(d: StepEmailData): string {
  return d.language === 'fr' ? `Bonjour ${d.debtorName},` : `Dear ${d.debtorName},`;
}

/** The tone of the step sets the closing formula. */
function closing(d: StepEmailData): string {
  if (d.language === 'fr') {
    return d.tone === 'courteous' ? 'Cordialement,' : "Nous vous prions d'agréer, Madame, Monsieur, nos salutations distinguées.";
  }
  return d.tone === 'courteous' ? 'Kind regards,' : 'Yours faithfully,';
}

/** ['a', 'b', 'c'] → 'a, b and c'. */
function joinList(items: string[], and: string): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} ${and} ${items[items.length - 1]}`;
}

const FRENCH_MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

/** '2026-12-01' → '1er décembre 2026'. */
function frDate(d: CalendarDate): string {
  const [year, month, day] = d.split('-').map(Number);
  return `${day === 1 ? '1er' : day} ${FRENCH_MONTHS[month - 1]} ${year}`;
}
