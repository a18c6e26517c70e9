/**
 * What each kind of plan step does. Every step is keyed by dunning and step (e-mail, document and
 * task rows), so a retried activity finds its work done and does not repeat it.
 */
import { ApplicationFailure } from '@temporalio/activity';
import type { DataSource } from 'typeorm';
import { addDays, nextBusinessDay } from '../domain/calendar';
import { formatMoney } from '../domain/money';
import { recordDocumentOnce, type DunningDocumentKind } from './documents/dunning-documents';
import type { DunningStepRequest, StepOutcome } from './dunning-activity-types';
import { emailDebtorOnce, invoiceOrFail } from './mail/invoice-email';
import type { Mailer } from './mail/mailer';
import { renderStepEmail, STEP_EMAIL_TEMPLATES, type StepEmailTemplate } from './mail/step-email.templates';
import { phoneCallInstructions } from './tasks/phone-call-script';
import { createTaskOnce } from './tasks/operator-tasks';

export interface StepDependencies {
  dataSource: DataSource;
  mailer: Mailer;
}

function expectTemplate(request: DunningStepRequest, templates: readonly string[]): void {
  if (!templates.includes(request.template)) {
    throw ApplicationFailure.nonRetryable(`This activity does not handle template ${request.template}`, 'STEP.UNSUPPORTED');
  }
}

async function emailStep({ dataSource, mailer }: StepDependencies, request: DunningStepRequest, template: StepEmailTemplate) {
  const invoice = await invoiceOrFail(dataSource, request.invoiceId);
  const penalties = request.penalties.status === 'computed' ? request.penalties : null;
  const content = renderStepEmail(template, {
    language: invoice.debtorLanguage,
    tone: request.tone,
    debtorName: invoice.debtorName,
    invoiceNumber: invoice.invoiceNumber,
    issueDate: invoice.issueDate,
    dueDate: invoice.dueDate,
    totalCents: request.invoiceTotalCents,
    balanceCents: request.balanceCents,
    currency: request.currency,
    date: request.stepDate,
    payBy: request.payBy,
    previousReminderDates: request.previousReminderDates,
    penalties,
  });
  return emailDebtorOnce(dataSource, mailer, invoice, `${request.dunningId}/${request.step}`, request.step, content);
}

/** An e-mail step (courtesy, first, second reminder). */
export async function sendReminderEmail(deps: StepDependencies, request: DunningStepRequest): Promise<StepOutcome> {
  expectTemplate(request, STEP_EMAIL_TEMPLATES);
  const sent = await emailStep(deps, request, request.template as StepEmailTemplate);
  return { reference: sent.messageId, alreadyDone: sent.alreadySent };
}

/** The written reminder: the document row (PDF hook), and the letter's text e-mailed to the debtor. */
export async function produceWrittenReminder(deps: StepDependencies, request: DunningStepRequest): Promise<StepOutcome> {
  expectTemplate(request, ['written_reminder']);
  const document = await recordDocumentOnce(deps.dataSource, 'written_reminder', request);
  const sent = await emailStep(deps, request, 'written_reminder');
  return { reference: document.id, alreadyDone: document.alreadyDone && sent.alreadySent };
}

/**
 * A letter sent by registered post (registered warning, formal notice): the document row (PDF
 * hook) and a task to post it by LRAR and confirm the posting with its tracking number, which
 * starts the clock of the next step.
 */
export async function produceRegisteredLetter(deps: StepDependencies, request: DunningStepRequest, kind: DunningDocumentKind): Promise<StepOutcome> {
  expectTemplate(request, [kind]);
  const invoice = await invoiceOrFail(deps.dataSource, request.invoiceId);
  const document = await recordDocumentOnce(deps.dataSource, kind, request);
  const title = kind === 'formal_notice' ? 'formal notice (mise en demeure)' : 'registered warning';
  await createTaskOnce(deps.dataSource, {
    dunningId: request.dunningId,
    invoiceId: request.invoiceId,
    key: `${request.dunningId}/${request.step}/post`,
    kind: 'post_registered_letter',
    title: `Post the ${title} by registered letter: invoice ${invoice.invoiceNumber}`,
    instructions: `Print document ${document.id} (${title} of ${request.stepDate}), send it to ${invoice.debtorName}'s registered address by registered letter with acknowledgment of receipt (LRAR), then confirm the posting with its date and tracking number.`,
    dueOn: nextBusinessDay(addDays(request.stepDate, 1)),
  });
  return { reference: document.id, alreadyDone: document.alreadyDone };
}

/** The penalty invoice that goes with the formal notice: late interest to date and the flat indemnity, no VAT. */
export async function producePenaltyInvoiceDocument(deps: StepDependencies, request: DunningStepRequest): Promise<StepOutcome> {
  expectTemplate(request, ['penalty_invoice']);
  const document = await recordDocumentOnce(deps.dataSource, 'penalty_invoice', request);
  return { reference: document.id, alreadyDone: document.alreadyDone };
}

/** The phone call of the plan: a task for the credit team, with the call script filled in. */
export async function createPhoneCall(deps: StepDependencies, request: DunningStepRequest): Promise<StepOutcome> {
  expectTemplate(request, ['phone_call']);
  const invoice = await invoiceOrFail(deps.dataSource, request.invoiceId);
  const task = await createTaskOnce(deps.dataSource, {
    dunningId: request.dunningId,
    invoiceId: request.invoiceId,
    key: `${request.dunningId}/${request.step}`,
    kind: 'phone_call',
    title: `Call ${invoice.debtorName} about invoice ${invoice.invoiceNumber}`,
    instructions: phoneCallInstructions(invoice, request),
    dueOn: request.completeBy ?? request.stepDate,
  });
  return { reference: task.id, alreadyDone: task.alreadyDone };
}

/**
 * The formal notice's deadline has passed: the file goes to a collection agency or to court
 * (injonction de payer). Recorded as a task listing the dossier, for now; an agency integration
 * would plug in here.
 */
export async function handOver(deps: StepDependencies, request: DunningStepRequest): Promise<StepOutcome> {
  expectTemplate(request, ['collection_handover']);
  const invoice = await invoiceOrFail(deps.dataSource, request.invoiceId);
  const task = await createTaskOnce(deps.dataSource, {
    dunningId: request.dunningId,
    invoiceId: request.invoiceId,
    key: `${request.dunningId}/${request.step}`,
    kind: 'escalation_handover',
    title: `Escalate invoice ${invoice.invoiceNumber} (${formatMoney(request.balanceCents, request.currency, 'en')}): formal notice deadline passed`,
    instructions: [
      `Hand the file of ${invoice.debtorName} over to the collection agency, or file an injonction de payer with the court of the debtor's seat (Cerfa 12946 for the tribunal de commerce).`,
      'The dossier: the invoice, the terms of sale, every letter with its proof of sending (registered letter tracking numbers), the penalty statement, and the timeline of contacts (this dunning\'s history).',
      'The invoice stays open to payments: record any payment received.',
    ].join('\n'),
    dueOn: nextBusinessDay(addDays(request.stepDate, 2)),
  });
  return { reference: task.id, alreadyDone: task.alreadyDone };
}
