import { ApplicationFailure } from '@temporalio/activity';
import type { DataSource } from 'typeorm';
import type { InvoiceEntity } from '../../db/entities/invoice.entity';
import { loadInvoice } from '../records/invoice-records';
import { SmtpRejectedRecipientError, type MailAttachment, type Mailer } from './mailer';
import { sendStepEmailOnce } from './send-step-email';

/** The invoice a step is about; a missing one is permanent (retrying cannot bring it back). */
export async function invoiceOrFail(dataSource: DataSource, invoiceId: string): Promise<InvoiceEntity> {
  const invoice = await loadInvoice(dataSource, invoiceId);
  if (!invoice) throw ApplicationFailure.nonRetryable(`Invoice ${invoiceId} does not exist`, 'INVOICE.NOT_FOUND');
  return invoice;
}

/** Sends one e-mail to the debtor at most once per key; a recipient the server refuses is a permanent failure. */
export async function emailDebtorOnce(
  dataSource: DataSource,
  mailer: Mailer,
  invoice: InvoiceEntity,
  key: string,
  step: string,
  content: { subject: string; text: string; html: string; attachments?: MailAttachment[] },
): Promise<{ messageId: string; alreadySent: boolean }> {
  try {
    return await sendStepEmailOnce(dataSource, mailer, key, { invoiceId: invoice.id, step, to: invoice.debtorEmail, ...content });
  } catch (error) {
    if (error instanceof SmtpRejectedRecipientError) {
      // A 5xx to RCPT TO: the same address fails the same way on every retry. The workflow turns
      // this failure into a 'step failed' operator task (fix the debtor's address, send by hand).
      throw ApplicationFailure.nonRetryable(
        `${error.message}. Correct the debtor's e-mail address of invoice ${invoice.invoiceNumber} (${invoice.debtorEmail}) and send this step by hand.`,
        'MAIL.RECIPIENT_REJECTED',
      );
    }
    throw error;
  }
}
