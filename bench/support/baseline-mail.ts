import { stableMessageId } from '../../src/activities/mail/send-step-email';
import { renderStepEmail } from '../../src/activities/mail/step-email.templates';
import { addDays, parisDateOf } from '../../src/domain/calendar';
import { debtorEmail } from './invoices';

/**
 * The i-th e-mail the baselines send: a first reminder rendered by the product's own template for
 * an invoice like the benchmark's, so product and baselines move messages of the same size.
 */
export function baselineMail(prefix: string, i: number) {
  const today = parisDateOf(Date.now());
  return {
    from: 'Relance <relance@localhost>',
    to: debtorEmail(prefix, i),
    messageId: stableMessageId(`${prefix}/${i}/first_reminder`),
    ...renderStepEmail('first_reminder', {
      language: 'fr',
      tone: 'courteous',
      debtorName: `Client ${i % 500} SARL`,
      invoiceNumber: `${prefix}-${String(i).padStart(6, '0')}`,
      issueDate: addDays(today, -35),
      dueDate: addDays(today, -5),
      totalCents: 120_000,
      balanceCents: 120_000,
      currency: 'EUR',
      date: today,
      payBy: null,
      previousReminderDates: [],
      penalties: null,
    }),
  };
}
