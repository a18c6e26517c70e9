import type { DataSource, EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { DunningDocumentEntity } from '../../db/entities/dunning-document.entity';
import type { DunningStepRequest } from '../dunning-activity-types';
import type { LetterAmounts, LetterKind, LetterLanguage, RenderedLetter } from '../letters';

export type DunningDocumentKind = LetterKind;

export const PDF_CONTENT_TYPE = 'application/pdf';

/**
 * Records the document a step produces, once per dunning and step (`dunning/step` is its key),
 * with what the step asks for. The row starts 'awaiting_pdf'; renderDocumentOnce stores the PDF.
 */
export async function recordDocumentOnce(
  dataSource: DataSource,
  kind: DunningDocumentKind,
  request: DunningStepRequest,
  owner: { creditorId: string; language: LetterLanguage } | null = null,
): Promise<{ id: string; alreadyDone: boolean }> {
  const repo = dataSource.getRepository(DunningDocumentEntity);
  const documentKey = documentKeyOf(request);
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
    creditorId: owner?.creditorId ?? null,
    language: owner?.language ?? null,
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

export function documentKeyOf(request: Pick<DunningStepRequest, 'dunningId' | 'step'>): string {
  return `${request.dunningId}/${request.step}`;
}

/** A rendered document with its bytes. */
export interface StoredDocument {
  id: string;
  kind: DunningDocumentKind;
  language: LetterLanguage;
  /** Penalty invoices: their number. */
  number: string | null;
  fileName: string;
  contentType: string;
  content: Buffer;
  sha256: string;
  pageCount: number;
  subject: string;
  amounts: LetterAmounts;
  /** True when an earlier attempt had rendered it (these are its bytes, not new ones). */
  alreadyRendered: boolean;
}

function toStored(row: DunningDocumentEntity, alreadyRendered: boolean): StoredDocument {
  return {
    id: row.id,
    kind: row.kind as DunningDocumentKind,
    language: (row.language ?? 'fr') as LetterLanguage,
    number: row.number,
    fileName: row.fileName as string,
    contentType: row.contentType as string,
    content: row.content as Buffer,
    sha256: row.sha256 as string,
    pageCount: row.pageCount as number,
    subject: row.subject as string,
    amounts: row.amounts as LetterAmounts,
    alreadyRendered,
  };
}

/** The document with its bytes when it has been rendered, else null. */
export async function findRenderedDocument(dataSource: DataSource | EntityManager, documentId: string, lock = false): Promise<StoredDocument | null> {
  const query = dataSource
    .getRepository(DunningDocumentEntity)
    .createQueryBuilder('document')
    .addSelect('document.content')
    .where('document.id = :documentId', { documentId });
  if (lock) query.setLock('pessimistic_write');
  const row = await query.getOne();
  return row && row.status === 'rendered' ? toStored(row, true) : null;
}

/**
 * Renders the document's PDF once and stores it: the first attempt that commits wins, and every
 * later attempt (a retry, a concurrent run) gets the stored bytes back, so the debtor, the
 * registered-mail provider and the download route all see the same file and checksum.
 *
 * The row is locked while rendering (a pure, sub-second computation). A penalty invoice takes the
 * next number of its creditor's series for the letter's year in the same transaction, so a failed
 * rendering consumes no number and the series has no gaps.
 */
export async function renderDocumentOnce(
  dataSource: DataSource,
  documentId: string,
  options: { creditorId: string; numbered: boolean; year: number },
  render: (number: string | null) => Promise<RenderedLetter>,
): Promise<StoredDocument> {
  return dataSource.transaction(async (manager) => {
    const existing = await manager
      .getRepository(DunningDocumentEntity)
      .createQueryBuilder('document')
      .where('document.id = :documentId', { documentId })
      .setLock('pessimistic_write')
      .getOneOrFail();
    if (existing.status === 'rendered') return (await findRenderedDocument(manager, documentId)) as StoredDocument;

    const number = options.numbered ? await nextPenaltyInvoiceNumber(manager, options.creditorId, options.year) : null;
    const letter = await render(number);
    const values: QueryDeepPartialEntity<DunningDocumentEntity> = {
      status: 'rendered',
      renderedAt: new Date(),
      creditorId: options.creditorId,
      language: letter.language,
      number,
      fileName: letter.fileName,
      contentType: PDF_CONTENT_TYPE,
      content: letter.pdf,
      byteSize: letter.pdf.length,
      sha256: letter.sha256,
      pageCount: letter.pageCount,
      subject: letter.subject,
      amounts: { ...letter.amounts } as QueryDeepPartialEntity<DunningDocumentEntity>['amounts'],
    };
    await manager.update(DunningDocumentEntity, { id: documentId }, values);
    return {
      id: documentId,
      kind: existing.kind as DunningDocumentKind,
      language: letter.language,
      number,
      fileName: letter.fileName,
      contentType: PDF_CONTENT_TYPE,
      content: letter.pdf,
      sha256: letter.sha256,
      pageCount: letter.pageCount,
      subject: letter.subject,
      amounts: letter.amounts,
      alreadyRendered: false,
    };
  });
}

/** 'PEN-2026-0001': the next number of the creditor's penalty invoice series for `year`, gapless. */
export async function nextPenaltyInvoiceNumber(manager: EntityManager, creditorId: string, year: number): Promise<string> {
  const rows: Array<{ last_number: number }> = await manager.query(
    `INSERT INTO penalty_invoice_sequences (creditor_id, year, last_number) VALUES ($1, $2, 1)
     ON CONFLICT (creditor_id, year) DO UPDATE SET last_number = penalty_invoice_sequences.last_number + 1
     RETURNING last_number`,
    [creditorId, year],
  );
  return `PEN-${year}-${String(rows[0].last_number).padStart(4, '0')}`;
}
