/**
 * The escalation step (collection_handover): the formal notice's deadline has passed. Builds the
 * escalation file once (escalation-file.ts), opens the operator task with its download link, then
 * tells the collection partner it is ready (collection-partner.ts) when one is configured.
 */
import { ApplicationFailure } from '@temporalio/activity';
import { addDays, nextBusinessDay } from '../../domain/calendar';
import { formatMoney } from '../../domain/money';
import { documentKeyOf } from '../documents/dunning-documents';
import type { DunningStepRequest, StepOutcome } from '../dunning-activity-types';
import { invoiceOrFail } from '../mail/invoice-email';
import { createTaskOnce } from '../tasks/operator-tasks';
import { notifyCollectionPartnerOnce, type CollectionPartnerSettings } from './collection-partner';
import { produceEscalationFileOnce } from './escalation-file';
import type { DataSource } from 'typeorm';

export interface EscalationDependencies {
  dataSource: DataSource;
  publicUrl: string | null;
  collectionPartner: CollectionPartnerSettings | null;
}

export async function handOverEscalationFile(deps: EscalationDependencies, request: DunningStepRequest): Promise<StepOutcome> {
  if (request.template !== 'collection_handover') {
    throw ApplicationFailure.nonRetryable(`This activity does not handle template ${request.template}`, 'STEP.UNSUPPORTED');
  }
  const { dataSource } = deps;
  const invoice = await invoiceOrFail(dataSource, request.invoiceId);
  const file = await produceEscalationFileOnce(dataSource, request, invoice);
  const downloadUrl = `${(deps.publicUrl ?? '').replace(/\/+$/, '')}/v1/documents/${file.id}/content`;
  const key = documentKeyOf(request);
  const task = await createTaskOnce(dataSource, {
    dunningId: request.dunningId,
    invoiceId: request.invoiceId,
    key,
    kind: 'escalation_handover',
    title: `Escalate invoice ${invoice.invoiceNumber} (${formatMoney(request.balanceCents, request.currency, 'en')}): formal notice deadline passed`,
    instructions: [
      `Hand the file of ${invoice.debtorName} over to the collection agency, or file an injonction de payer with the court of the debtor's seat (Cerfa 12946 for the tribunal de commerce).`,
      `The escalation file (ZIP: summary, every letter PDF, proofs of posting, penalty statement, timeline of contacts) is at GET ${downloadUrl} (sha256 ${file.sha256}).`,
      deps.collectionPartner
        ? 'The collection partner is told by webhook that the file is ready.'
        : 'No collection partner is configured (COLLECTION_PARTNER_WEBHOOK_URL): send it yourself.',
      'Add the invoice PDF and the terms of sale, which Relance does not hold. The invoice stays open to payments: record any payment received.',
    ].join('\n'),
    dueOn: nextBusinessDay(addDays(request.stepDate, 2)),
  });
  const notified = await notifyCollectionPartnerOnce(
    dataSource,
    deps.collectionPartner,
    { idempotencyKey: key, dunningId: request.dunningId, invoiceId: request.invoiceId },
    { event: 'escalation_file.ready', invoiceId: invoice.id, invoiceNumber: invoice.invoiceNumber, documentId: file.id, sha256: file.sha256, downloadUrl },
  );
  return { reference: file.id, alreadyDone: file.alreadyBuilt && task.alreadyDone && notified.alreadyDone };
}
