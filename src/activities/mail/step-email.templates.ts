/**
 * The e-mails of the dunning steps, in French and English: courteous and factual, a little firmer at
 * each step, never threatening before the registered letters do. Plain text is the reference; the
 * HTML part is the same paragraphs.
 */
import type { CalendarDate } from '../../domain/calendar';
import { formatMoney } from '../../domain/money';
import type { StepTone } from '../../domain/plan';

export type StepEmailTemplate = 'courtesy_reminder' | 'first_reminder' | 'second_reminder' | 'written_reminder';

export const STEP_EMAIL_TEMPLATES: readonly StepEmailTemplate[] = ['courtesy_reminder', 'first_reminder', 'second_reminder', 'written_reminder'];

export interface StepEmailData {
  language: 'fr' | 'en';
  tone: StepTone;
  debtorName: string;
  invoiceNumber: string;
  issueDate: CalendarDate;
  dueDate: CalendarDate;
  totalCents: number;
  /** Still due after the payments received. */
  balanceCents: number;
  currency: string;
  /** The date of the e-mail or letter. */
  date: CalendarDate;
  payBy: CalendarDate | null;
  /** Earlier reminders, quoted by the letters. */
  previousReminderDates: CalendarDate[];
  /** Late interest and flat indemnity to date, when they could be computed. */
  penalties: { interestCents: number; indemnityCents: number } | null;
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

type Lines = { subject: string; paragraphs: string[] };

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

export function renderStepEmail(template: StepEmailTemplate, data: StepEmailData): RenderedEmail {
  const lines = (data.language === 'fr' ? FRENCH : ENGLISH)[template](data, (cents) => formatMoney(cents, data.currency, data.language));
  const paragraphs = [greeting(data), ...lines.paragraphs, closing(data)];
  return {
    subject: lines.subject,
    text: paragraphs.join('\n\n') + '\n',
    html: paragraphs.map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`).join('\n'),
  };
}

type Writer = (data: StepEmailData, money: (cents: number) => string) => Lines;

const FRENCH: Record<StepEmailTemplate, Writer> = {
  courtesy_reminder: (d, money) => ({
    subject: `Échéance prochaine : facture ${d.invoiceNumber}`,
    paragraphs: [
      `Pour rappel, la facture ${d.invoiceNumber} du ${frDate(d.issueDate)}, d'un montant de ${money(d.balanceCents)}, arrive à échéance le ${frDate(d.dueDate)}.`,
      `Merci d'indiquer la référence ${d.invoiceNumber} avec votre virement. Si le règlement est déjà programmé, merci de ne pas tenir compte de ce message.`,
    ],
  }),
  first_reminder: (d, money) => ({
    subject: `Relance : facture ${d.invoiceNumber} échue le ${frDate(d.dueDate)}`,
    paragraphs: [
      `Sauf erreur de notre part, la facture ${d.invoiceNumber} du ${frDate(d.issueDate)}, échue le ${frDate(d.dueDate)}, reste impayée à ce jour pour un montant de ${money(d.balanceCents)}. Il s'agit sans doute d'un simple oubli.`,
      `Nous vous remercions de bien vouloir procéder à son règlement${d.payBy ? ` d'ici le ${frDate(d.payBy)}` : ''}, en indiquant la référence ${d.invoiceNumber}.`,
      `Si votre paiement a été effectué entre-temps, merci de ne pas tenir compte de ce message. Pour toute question sur cette facture, il vous suffit de répondre à ce courriel.`,
    ],
  }),
  second_reminder: (d, money) => ({
    subject: `Deuxième relance : facture ${d.invoiceNumber}`,
    paragraphs: [
      `Malgré notre précédent rappel, la facture ${d.invoiceNumber} du ${frDate(d.issueDate)}, échue le ${frDate(d.dueDate)}, reste impayée pour un montant de ${money(d.balanceCents)}.`,
      `Nous vous demandons de régler cette somme${d.payBy ? ` au plus tard le ${frDate(d.payBy)}` : ' sans délai'}, en indiquant la référence ${d.invoiceNumber}. Des pénalités de retard courent depuis l'échéance, conformément à nos conditions générales de vente.`,
      `Si un point de cette facture fait obstacle au paiement, merci de nous le signaler en réponse à ce courriel.`,
    ],
  }),
  written_reminder: (d, money) => ({
    subject: `Lettre de relance : facture ${d.invoiceNumber}`,
    paragraphs: [
      `Veuillez trouver ci-dessous notre lettre de relance du ${frDate(d.date)}.`,
      `${d.previousReminderDates.length > 0 ? `Malgré nos relances ${joinList(d.previousReminderDates.map((date) => `du ${frDate(date)}`), 'et')}, la` : 'La'} facture ${d.invoiceNumber} du ${frDate(d.issueDate)}, échue le ${frDate(d.dueDate)}, reste impayée.`,
      [
        `Principal restant dû : ${money(d.balanceCents)}`,
        d.penalties
          ? `Pénalités de retard à ce jour : ${money(d.penalties.interestCents)}\nIndemnité forfaitaire pour frais de recouvrement : ${money(d.penalties.indemnityCents)}`
          : `Pénalités de retard et indemnité forfaitaire pour frais de recouvrement : dues selon nos conditions générales de vente`,
      ].join('\n'),
      `Nous vous prions de régler ces sommes${d.payBy ? ` au plus tard le ${frDate(d.payBy)}` : ''}, en indiquant la référence ${d.invoiceNumber}. Si votre paiement est en cours, merci de ne pas tenir compte de cette lettre.`,
    ],
  }),
};

const ENGLISH: Record<StepEmailTemplate, Writer> = {
  courtesy_reminder: (d, money) => ({
    subject: `Upcoming due date: invoice ${d.invoiceNumber}`,
    paragraphs: [
      `A friendly reminder that invoice ${d.invoiceNumber} of ${d.issueDate}, for ${money(d.balanceCents)}, is due on ${d.dueDate}.`,
      `Please quote ${d.invoiceNumber} as the reference of your transfer. If the payment is already scheduled, please disregard this message.`,
    ],
  }),
  first_reminder: (d, money) => ({
    subject: `Reminder: invoice ${d.invoiceNumber} was due on ${d.dueDate}`,
    paragraphs: [
      `Unless we are mistaken, invoice ${d.invoiceNumber} of ${d.issueDate}, due on ${d.dueDate}, is still unpaid: ${money(d.balanceCents)} remains due. This is probably an oversight.`,
      `Please arrange payment${d.payBy ? ` by ${d.payBy}` : ''}, quoting reference ${d.invoiceNumber}.`,
      `If you have paid in the meantime, please disregard this message. If anything about this invoice is unclear, just reply to this e-mail.`,
    ],
  }),
  second_reminder: (d, money) => ({
    subject: `Second reminder: invoice ${d.invoiceNumber}`,
    paragraphs: [
      `Despite our previous reminder, invoice ${d.invoiceNumber} of ${d.issueDate}, due on ${d.dueDate}, is still unpaid: ${money(d.balanceCents)} remains due.`,
      `Please pay this amount${d.payBy ? ` by ${d.payBy} at the latest` : ' without delay'}, quoting reference ${d.invoiceNumber}. Late-payment penalties have been accruing since the due date, as provided by our terms of sale.`,
      `If anything about this invoice stands in the way of payment, please tell us by replying to this e-mail.`,
    ],
  }),
  written_reminder: (d, money) => ({
    subject: `Payment reminder letter: invoice ${d.invoiceNumber}`,
    paragraphs: [
      `Please find below our reminder letter of ${d.date}.`,
      `${d.previousReminderDates.length > 0 ? `Despite our reminders of ${joinList(d.previousReminderDates, 'and')}, invoice` : 'Invoice'} ${d.invoiceNumber} of ${d.issueDate}, due on ${d.dueDate}, is still unpaid.`,
      [
        `Principal still due: ${money(d.balanceCents)}`,
        d.penalties
          ? `Late-payment interest to date: ${money(d.penalties.interestCents)}\nFlat recovery indemnity: ${money(d.penalties.indemnityCents)}`
          : `Late-payment interest and flat recovery indemnity: due under our terms of sale`,
      ].join('\n'),
      `Please pay these amounts${d.payBy ? ` by ${d.payBy} at the latest` : ''}, quoting reference ${d.invoiceNumber}. If your payment is on its way, please disregard this letter.`,
    ],
  }),
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
