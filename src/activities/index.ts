import { ApplicationFailure } from '@temporalio/activity';
import type { DataSource } from 'typeorm';
import { renderDueDateReminder } from './mail/due-date-reminder.template';
import { SmtpRejectedRecipientError, type Mailer } from './mail/mailer';
import { sendStepEmailOnce } from './mail/send-step-email';
import { loadInvoice, updateDunningStage } from './records/invoice-records';

export interface ActivityDependencies {
  dataSource: DataSource;
  mailer: Mailer;
}

export interface StepEmailRequest {
  dunningId: string;
  invoiceId: string;
  step: string;
}

/**
 * Activities are built from their dependencies: the worker passes real ones; the workflow only
 * imports the type. Names say what an operator sees in the Web UI.
 */
export function createActivities({ dataSource, mailer }: ActivityDependencies) {
  return {
    async sendDueDateReminderEmail(request: StepEmailRequest): Promise<{ messageId: string; alreadySent: boolean }> {
      const invoice = await loadInvoice(dataSource, request.invoiceId);
      if (!invoice) {
        throw ApplicationFailure.nonRetryable(`Invoice ${request.invoiceId} does not exist`, 'INVOICE.NOT_FOUND');
      }
      const content = renderDueDateReminder({
        language: invoice.debtorLanguage,
        debtorName: invoice.debtorName,
        invoiceNumber: invoice.invoiceNumber,
        issueDate: invoice.issueDate,
        dueDate: invoice.dueDate,
        amountCents: invoice.totalCents,
        currency: invoice.currency,
      });
      try {
        return await sendStepEmailOnce(dataSource, mailer, `${request.dunningId}/${request.step}`, {
          invoiceId: invoice.id,
          step: request.step,
          to: invoice.debtorEmail,
          ...content,
        });
      } catch (error) {
        if (error instanceof SmtpRejectedRecipientError) {
          throw ApplicationFailure.nonRetryable(error.message, 'MAIL.RECIPIENT_REJECTED');
        }
        throw error;
      }
    },

    async recordDunningStage(update: { invoiceId: string; stage: string; nextActionAt: string | null }): Promise<void> {
      await updateDunningStage(dataSource, update.invoiceId, update.stage, update.nextActionAt ? new Date(update.nextActionAt) : null);
    },
  };
}

export type DunningActivities = ReturnType<typeof createActivities>;
