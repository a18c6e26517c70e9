import type { DataSource } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { DunningDocumentEntity } from '../../db/entities/dunning-document.entity';
import type { DunningStepRequest } from '../dunning-activity-types';

export type DunningDocumentKind = 'written_reminder' | 'registered_warning' | 'formal_notice' | 'penalty_invoice';

/**
 * Records the document a step produces, once per dunning and step, with everything the letter
 * states. THE PDF HOOK: the renderer of src/activities/letters plugs in here — it reads this row
 * (status 'awaiting_pdf') with the invoice, renders the PDF, stores it and marks the row 'rendered'.
 * Until it does, letters go out as the e-mail text only and registered letters are printed by hand.
 */
export async function recordDocumentOnce(
  dataSource: DataSource,
  kind: DunningDocumentKind,
  request: DunningStepRequest,
): Promise<{ id: string; alreadyDone: boolean }> {
  const repo = dataSource.getRepository(DunningDocumentEntity);
  const documentKey = `${request.dunningId}/${request.step}`;
  const penalties = request.penalties.status === 'computed' ? request.penalties : null;
  const row = repo.create({
    documentKey,
    dunningId: request.dunningId,
    invoiceId: request.invoiceId,
    step: request.step,
    kind,
    tone: request.tone,
    documentDate: request.stepDate,
    payBy: request.payBy,
    balanceCents: request.balanceCents,
    currency: request.currency,
    details: {
      plan: request.plan,
      penaltiesAsOf: request.stepDate,
      penalties,
      penaltiesUnavailable: penalties ? null : request.penalties,
      previousReminderDates: request.previousReminderDates,
      registeredLetter: request.registeredLetter,
    },
    status: 'awaiting_pdf',
  });
  const inserted = await repo
    .createQueryBuilder()
    .insert()
    .values(row as QueryDeepPartialEntity<DunningDocumentEntity>) // details is free-form JSON
    .orIgnore()
    .returning(['id'])
    .execute();
  const document = await repo.findOneByOrFail({ documentKey });
  return { id: document.id, alreadyDone: inserted.raw.length === 0 };
}
