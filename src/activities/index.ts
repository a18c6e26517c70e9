import type { DataSource } from 'typeorm';
import { renderDueDateReminder } from './mail/due-date-reminder.template';
import type { Mailer } from './mail/mailer';
import { emailDebtorOnce, invoiceOrFail } from './mail/invoice-email';
import {
  createPhoneCall,
  produceRegisteredLetter,
  producePenaltyInvoiceDocument,
  produceWrittenReminder,
  sendReminderEmail,
  type StepDependencies,
} from './dunning-steps';
import type {
  CloseOperatorTasksRequest,
  DunningEventsRecord,
  DunningStepRequest,
  OperatorTaskRequest,
  StepOutcome,
} from './dunning-activity-types';
import { handOverEscalationFile } from './escalation/hand-over';
import type { CollectionPartnerSettings } from './escalation/collection-partner';
import { recordDunningEvents } from './records/dunning-events';
import { createPrintAndPostQueue } from './registered-mail/print-and-post';
import type { RegisteredMailProvider } from './registered-mail/registered-mail';
import { updateDunningStage } from './records/invoice-records';
import { closeTasks, createTaskOnce } from './tasks/operator-tasks';

export type * from './dunning-activity-types';

export interface ActivityDependencies {
  dataSource: DataSource;
  mailer: Mailer;
  /** How registered letters leave; default the print-and-post queue (operator tasks). */
  registeredMail?: RegisteredMailProvider;
  /** The API's public URL, for the download links operators get; default relative links. */
  publicUrl?: string;
  /** The collection partner told when an escalation file is ready (signed webhook); default none. */
  collectionPartner?: CollectionPartnerSettings | null;
}

/** The first slice's request (dunnings started before the full plan). */
export interface StepEmailRequest {
  dunningId: string;
  invoiceId: string;
  step: string;
}

/**
 * Activities are built from their dependencies: the worker passes real ones; the workflow only
 * imports the type. Names say what an operator sees in the Web UI.
 */
export function createActivities(dependencies: ActivityDependencies) {
  const { dataSource, mailer } = dependencies;
  const deps: StepDependencies = {
    dataSource,
    mailer,
    registeredMail: dependencies.registeredMail ?? createPrintAndPostQueue(dataSource),
    publicUrl: dependencies.publicUrl ?? null,
  };
  return {
    // ---- plan steps (DunningStepRequest → StepOutcome) ----
    sendCourtesyReminderEmail: (request: DunningStepRequest): Promise<StepOutcome> => sendReminderEmail(deps, request),
    sendFirstReminderEmail: (request: DunningStepRequest): Promise<StepOutcome> => sendReminderEmail(deps, request),
    sendSecondReminderEmail: (request: DunningStepRequest): Promise<StepOutcome> => sendReminderEmail(deps, request),
    createPhoneCallTask: (request: DunningStepRequest): Promise<StepOutcome> => createPhoneCall(deps, request),
    produceWrittenReminderLetter: (request: DunningStepRequest): Promise<StepOutcome> => produceWrittenReminder(deps, request),
    produceRegisteredWarningLetter: (request: DunningStepRequest): Promise<StepOutcome> =>
      produceRegisteredLetter(deps, request, 'registered_warning'),
    produceFormalNotice: (request: DunningStepRequest): Promise<StepOutcome> => produceRegisteredLetter(deps, request, 'formal_notice'),
    producePenaltyInvoice: (request: DunningStepRequest): Promise<StepOutcome> => producePenaltyInvoiceDocument(deps, request),
    handOverForEscalation: (request: DunningStepRequest): Promise<StepOutcome> =>
      handOverEscalationFile({ dataSource, publicUrl: deps.publicUrl, collectionPartner: dependencies.collectionPartner ?? null }, request),

    // ---- operator tasks and the read model ----
    async createOperatorTask(request: OperatorTaskRequest): Promise<{ id: string; alreadyDone: boolean }> {
      return createTaskOnce(dataSource, request);
    },
    async closeOperatorTasks(request: CloseOperatorTasksRequest): Promise<number> {
      return closeTasks(dataSource, request);
    },
    async recordDunningEvents(record: DunningEventsRecord): Promise<void> {
      await recordDunningEvents(dataSource, record);
    },

    // ---- first slice: still registered for dunnings started before the full plan ----
    async sendDueDateReminderEmail(request: StepEmailRequest): Promise<{ messageId: string; alreadySent: boolean }> {
      const invoice = await invoiceOrFail(dataSource, request.invoiceId);
      const content = renderDueDateReminder({
        language: invoice.debtorLanguage,
        debtorName: invoice.debtorName,
        invoiceNumber: invoice.invoiceNumber,
        issueDate: invoice.issueDate,
        dueDate: invoice.dueDate,
        amountCents: invoice.totalCents,
        currency: invoice.currency,
      });
      return emailDebtorOnce(dataSource, mailer, invoice, `${request.dunningId}/${request.step}`, request.step, content);
    },
    async recordDunningStage(update: { invoiceId: string; stage: string; nextActionAt: string | null }): Promise<void> {
      await updateDunningStage(dataSource, update.invoiceId, update.stage, update.nextActionAt ? new Date(update.nextActionAt) : null);
    },
  };
}

export type DunningActivities = ReturnType<typeof createActivities>;
