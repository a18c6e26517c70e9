/**
 * What each kind of plan step does. Every step is keyed by dunning and step (e-mail, document,
 * registered-mailing and task rows), so a retried activity finds its work done and does not repeat it.
 *
 * The letter steps render their PDF once (documents/), store it with its SHA-256 in PostgreSQL,
 * and then deliver it: the written reminder and the penalty invoice by e-mail (attached), the
 * registered warning and the formal notice through the registered-mail provider (registered-mail/),
 * the formal notice with a copy by e-mail as well.
 */
import { ApplicationFailure } from '@temporalio/activity';
import type { DataSource } from 'typeorm';
import { addDays, nextBusinessDay } from '../domain/calendar';
import { CreditorEntity } from '../db/entities/creditor.entity';
import type { InvoiceEntity } from '../db/entities/invoice.entity';
import { documentKeyOf, findRenderedDocument, recordDocumentOnce, renderDocumentOnce, type DunningDocumentKind, type StoredDocument } from './documents/dunning-documents';
import { toLetterFailure } from './documents/letter-failures';
import { creditorLetterhead, debtorParty, letterData, loadLetterInputs, loadLetterParties, type LetterInputs } from './documents/letter-data';
import type { DunningStepRequest, StepOutcome } from './dunning-activity-types';
import { renderLetter } from './letters';
import { emailDebtorOnce, invoiceOrFail } from './mail/invoice-email';
import type { MailAttachment, Mailer } from './mail/mailer';
import { renderStepEmail, STEP_EMAIL_TEMPLATES, type EmailTemplate, type StepEmailData, type StepEmailTemplate } from './mail/step-email.templates';
import type { RegisteredLetterKind, RegisteredMailProvider } from './registered-mail/registered-mail';
import { submitRegisteredLetterOnce } from './registered-mail/registered-mailings';
import { phoneCallInstructions } from './tasks/phone-call-script';
import { createTaskOnce } from './tasks/operator-tasks';

export interface StepDependencies {
  dataSource: DataSource;
  mailer: Mailer;
  registeredMail: RegisteredMailProvider;
  /** The API's public URL, for download links in operator tasks (null: relative links). */
  publicUrl: string | null;
}

function expectTemplate(request: DunningStepRequest, templates: readonly string[]): void {
  if (!templates.includes(request.template)) {
    throw ApplicationFailure.nonRetryable(`This activity does not handle template ${request.template}`, 'STEP.UNSUPPORTED');
  }
}

/** Where an operator downloads a document (the documents API). */
export function documentUrl(publicUrl: string | null, documentId: string): string {
  return `${(publicUrl ?? '').replace(/\/+$/, '')}/v1/documents/${documentId}/content`;
}

/** The payment details and billing contact the e-mails print, from the creditor profile when there is one. */
function creditorEmailDetails(creditor: CreditorEntity | null): Pick<StepEmailData, 'payment' | 'contact'> {
  if (!creditor) return { payment: null, contact: null };
  return {
    payment: { payee: creditor.legalName, iban: creditor.iban, bic: creditor.bic },
    contact: { name: creditor.billingContactName, email: creditor.billingContactEmail, phone: creditor.billingContactPhone },
  };
}

interface LetterForEmail {
  document: StoredDocument;
  creditor: CreditorEntity;
}

async function emailStep(
  { dataSource, mailer }: StepDependencies,
  request: DunningStepRequest,
  template: EmailTemplate,
  invoice: InvoiceEntity,
  letter: LetterForEmail | null,
) {
  const creditor = letter ? letter.creditor : await dataSource.getRepository(CreditorEntity).findOneBy({ id: invoice.creditorId });
  const document = letter?.document ?? null;
  // A letter's e-mail states the letter's own amounts; the other e-mails the workflow's figures.
  const penalties = document
    ? { interestCents: document.amounts.interestCents, indemnityCents: document.amounts.indemnityCents }
    : request.penalties.status === 'computed'
      ? request.penalties
      : null;
  const content = renderStepEmail(template, {
    language: invoice.debtorLanguage,
    tone: request.tone,
    debtorName: invoice.debtorName,
    invoiceNumber: invoice.invoiceNumber,
    issueDate: invoice.issueDate,
    dueDate: invoice.dueDate,
    totalCents: request.invoiceTotalCents,
    balanceCents: document ? document.amounts.principalCents : request.balanceCents,
    currency: request.currency,
    date: request.stepDate,
    payBy: request.payBy,
    previousReminderDates: request.previousReminderDates,
    penalties,
    paymentReference: document?.number ?? invoice.invoiceNumber,
    documentNumber: document?.number ?? null,
    attachmentName: document?.fileName ?? null,
    ...creditorEmailDetails(creditor),
  });
  const attachments: MailAttachment[] | undefined = document
    ? [{ filename: document.fileName, content: document.content, contentType: document.contentType }]
    : undefined;
  return emailDebtorOnce(dataSource, mailer, invoice, documentKeyOf(request), request.step, { ...content, attachments });
}

/**
 * The letter of a step: recorded once, rendered once (the stored bytes are reused by every later
 * attempt), from the creditor profile, the debtor and the penalties as of the letter date.
 */
async function produceLetter(
  deps: StepDependencies,
  kind: DunningDocumentKind,
  request: DunningStepRequest,
  invoice: InvoiceEntity,
): Promise<{ document: StoredDocument; parties: LetterInputs['parties'] }> {
  const { dataSource } = deps;
  const parties = await loadLetterParties(dataSource, kind, invoice);
  const recorded = await recordDocumentOnce(dataSource, kind, request, { creditorId: invoice.creditorId, language: invoice.debtorLanguage });
  const rendered = await findRenderedDocument(dataSource, recorded.id);
  if (rendered) return { document: rendered, parties };

  let inputs: LetterInputs;
  try {
    inputs = await loadLetterInputs(dataSource, parties, request, invoice);
  } catch (error) {
    throw toLetterFailure(error, kind, invoice);
  }
  const document = await renderDocumentOnce(
    dataSource,
    recorded.id,
    { creditorId: invoice.creditorId, numbered: kind === 'penalty_invoice', year: Number(request.stepDate.slice(0, 4)) },
    async (number) => {
      try {
        return await renderLetter(kind, letterData(kind, request, invoice, inputs, number), inputs.language);
      } catch (error) {
        throw toLetterFailure(error, kind, invoice);
      }
    },
  );
  return { document, parties };
}

/** An e-mail step (courtesy, first, second reminder). */
export async function sendReminderEmail(deps: StepDependencies, request: DunningStepRequest): Promise<StepOutcome> {
  expectTemplate(request, STEP_EMAIL_TEMPLATES);
  const invoice = await invoiceOrFail(deps.dataSource, request.invoiceId);
  const sent = await emailStep(deps, request, request.template as StepEmailTemplate, invoice, null);
  return { reference: sent.messageId, alreadyDone: sent.alreadySent };
}

/** The written reminder: the PDF letter, e-mailed to the debtor as an attachment. */
export async function produceWrittenReminder(deps: StepDependencies, request: DunningStepRequest): Promise<StepOutcome> {
  expectTemplate(request, ['written_reminder']);
  const invoice = await invoiceOrFail(deps.dataSource, request.invoiceId);
  const { document, parties } = await produceLetter(deps, 'written_reminder', request, invoice);
  const sent = await emailStep(deps, request, 'written_reminder', invoice, { document, creditor: parties.creditor });
  return { reference: document.id, alreadyDone: document.alreadyRendered && sent.alreadySent };
}

/**
 * A letter sent by registered post (registered warning, formal notice): the PDF, handed to the
 * registered-mail provider (the print queue's task, or the electronic service); the posting
 * confirmation then starts the clock of the next step. The formal notice also goes by e-mail, as a
 * copy: an address the server refuses does not undo the registered letter, it opens a task.
 */
export async function produceRegisteredLetter(deps: StepDependencies, request: DunningStepRequest, kind: RegisteredLetterKind): Promise<StepOutcome> {
  expectTemplate(request, [kind]);
  const invoice = await invoiceOrFail(deps.dataSource, request.invoiceId);
  const { document, parties } = await produceLetter(deps, kind, request, invoice);
  const sender = creditorLetterhead(parties.creditor, parties.customer, document.language);
  const recipient = debtorParty(kind, invoice, parties, document.language);
  const mailing = await submitRegisteredLetterOnce(deps.dataSource, deps.registeredMail, {
    documentId: document.id,
    reference: documentKeyOf(request),
    kind,
    dunningId: request.dunningId,
    invoiceId: request.invoiceId,
    invoiceNumber: invoice.invoiceNumber,
    step: request.step,
    letterDate: request.stepDate,
    sender: { name: sender.legalName, addressLines: sender.addressLines },
    recipient: { name: recipient.legalName, addressLines: recipient.addressLines, email: invoice.debtorEmail },
    document: { fileName: document.fileName, contentType: document.contentType, sha256: document.sha256, content: document.content },
    downloadUrl: documentUrl(deps.publicUrl, document.id),
  });
  let copyAlreadySent = true;
  if (kind === 'formal_notice') copyAlreadySent = await emailFormalNoticeCopy(deps, request, invoice, { document, creditor: parties.creditor });
  return { reference: document.id, alreadyDone: document.alreadyRendered && mailing.alreadyDone && copyAlreadySent };
}

async function emailFormalNoticeCopy(deps: StepDependencies, request: DunningStepRequest, invoice: InvoiceEntity, letter: LetterForEmail): Promise<boolean> {
  try {
    return (await emailStep(deps, request, 'formal_notice', invoice, letter)).alreadySent;
  } catch (error) {
    if (!(error instanceof ApplicationFailure && error.type === 'MAIL.RECIPIENT_REJECTED')) throw error;
    await createTaskOnce(deps.dataSource, {
      dunningId: request.dunningId,
      invoiceId: request.invoiceId,
      key: `${documentKeyOf(request)}/email-copy`,
      kind: 'step_failed',
      title: `E-mail copy of the formal notice refused: invoice ${invoice.invoiceNumber}`,
      instructions: `The registered formal notice is on its way; its e-mail copy was not delivered. ${error.message}`,
      dueOn: nextBusinessDay(addDays(request.stepDate, 1)),
    });
    return false;
  }
}

/** The penalty invoice that goes with the formal notice: late interest to date and the flat indemnity, no VAT, e-mailed as a PDF. */
export async function producePenaltyInvoiceDocument(deps: StepDependencies, request: DunningStepRequest): Promise<StepOutcome> {
  expectTemplate(request, ['penalty_invoice']);
  const invoice = await invoiceOrFail(deps.dataSource, request.invoiceId);
  const { document, parties } = await produceLetter(deps, 'penalty_invoice', request, invoice);
  const sent = await emailStep(deps, request, 'penalty_invoice', invoice, { document, creditor: parties.creditor });
  return { reference: document.id, alreadyDone: document.alreadyRendered && sent.alreadySent };
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
