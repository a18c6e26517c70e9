import { formatMoney } from '../../domain/money';

export interface ReminderTemplateData {
  language: 'fr' | 'en';
  debtorName: string;
  invoiceNumber: string;
  issueDate: string;
  dueDate: string;
  amountCents: number;
  currency: string;
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

/** The due-date reminder: courteous and factual. */
export function renderDueDateReminder(data: ReminderTemplateData): { subject: string; text: string; html: string } {
  const amount = formatMoney(data.amountCents, data.currency, data.language);
  const lines =
    data.language === 'fr'
      ? {
          subject: `Rappel : facture ${data.invoiceNumber} arrivée à échéance`,
          greeting: `Bonjour ${data.debtorName},`,
          body: `Sauf erreur de notre part, la facture ${data.invoiceNumber} du ${data.issueDate}, d'un montant de ${amount}, arrive à échéance le ${data.dueDate}.`,
          ask: `Si le règlement est déjà en cours, merci de ne pas tenir compte de ce message.`,
          closing: `Cordialement,`,
        }
      : {
          subject: `Reminder: invoice ${data.invoiceNumber} is due`,
          greeting: `Dear ${data.debtorName},`,
          body: `Our records show that invoice ${data.invoiceNumber} of ${data.issueDate}, for ${amount}, is due on ${data.dueDate}.`,
          ask: `If payment is already on its way, please disregard this message.`,
          closing: `Kind regards,`,
        };
  const paragraphs = [lines.greeting, lines.body, lines.ask, lines.closing];
  return {
    subject: lines.subject,
    text: paragraphs.join('\n\n') + '\n',
    html: paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n'),
  };
}
