import { ApplicationFailure } from '@temporalio/activity';
import type { DataSource } from 'typeorm';
import type { InvoiceEntity } from '../../db/entities/invoice.entity';
import { loadInvoice } from '../records/invoice-records';
import { SmtpRejectedRecipientError, type Mailer } from './mailer';
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
  content: { subject: string; text: string; html: string },
): Promise<{ messageId: string; alreadySent: boolean }> {
  try {
    return await sendStepEmailOnce(dataSource, mailer, key, { invoiceId: invoice.id, step, to: invoice.debtorEmail, ...content });
  } catch (error) {
    if (error instanceof SmtpRejectedRecipientError) {
      throw ApplicationFailure.nonRetryable(error.message, 'MAIL.RECIPIENT_REJECTED');
    }
    throw error;
  }
}
