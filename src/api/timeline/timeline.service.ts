import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { DunningDocumentEntity } from '../../db/entities/dunning-document.entity';
import { DunningEventEntity } from '../../db/entities/dunning-event.entity';
import { findInvoiceOrFail } from '../events/invoice-lookup';
import { DATA_SOURCE } from '../tokens';
import type { DocumentListView, DocumentView, TimelineItemView, TimelineView } from './timeline.view';

const DOCUMENT_TITLES: Record<string, string> = {
  written_reminder: 'Written reminder',
  registered_warning: 'Registered warning',
  formal_notice: 'Formal notice (mise en demeure)',
  penalty_invoice: 'Penalty invoice',
};

/** Where the API serves a document's PDF (GET /v1/documents/{id}/content). */
export const documentContentUrl = (id: string) => `/v1/documents/${id}/content`;

export function toDocumentView(document: DunningDocumentEntity): DocumentView {
  const rendered = document.status === 'rendered';
  return {
    id: document.id,
    kind: document.kind,
    step: document.step,
    status: document.status,
    documentDate: document.documentDate,
    payBy: document.payBy,
    number: document.number ?? null,
    fileName: document.fileName ?? null,
    byteSize: document.byteSize ?? null,
    pageCount: document.pageCount ?? null,
    checksum: document.sha256 ? `sha256:${document.sha256}` : null,
    contentUrl: rendered ? documentContentUrl(document.id) : null,
    createdAt: document.createdAt.toISOString(),
    renderedAt: document.renderedAt ? document.renderedAt.toISOString() : null,
  };
}

function documentItem(document: DunningDocumentEntity): TimelineItemView {
  const title = DOCUMENT_TITLES[document.kind] ?? document.kind;
  const number = document.number ? ` ${document.number}` : '';
  const state = document.status === 'rendered' ? `PDF ready${document.pageCount ? ` (${document.pageCount} page${document.pageCount === 1 ? '' : 's'})` : ''}` : 'PDF not rendered yet';
  return {
    at: document.createdAt.toISOString(),
    type: 'document',
    kind: document.kind,
    step: document.step,
    summary: `${title}${number} dated ${document.documentDate}: ${state}`,
    by: null,
    documentId: document.id,
    contentUrl: document.status === 'rendered' ? documentContentUrl(document.id) : null,
  };
}

function eventItem(event: DunningEventEntity): TimelineItemView {
  return { at: event.occurredAt.toISOString(), type: 'event', kind: event.kind, step: event.step, summary: event.summary, by: event.actor, seq: event.seq };
}

/**
 * The timeline and documents of an invoice, from the read model the workflow keeps in PostgreSQL:
 * answered without Temporal, so it stays readable while Temporal is down.
 */
@Injectable()
export class TimelineService {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  /** `creditorId`: the creditor an integrator key is confined to. */
  async timeline(invoiceId: string, creditorId?: string): Promise<TimelineView> {
    const invoice = await findInvoiceOrFail(this.dataSource, invoiceId, creditorId);
    const [events, documents] = await Promise.all([
      this.dataSource.getRepository(DunningEventEntity).find({ where: { invoiceId }, order: { occurredAt: 'ASC', seq: 'ASC' } }),
      this.documents(invoiceId),
    ]);
    // Both lists are in order: merge them by time; at the same instant the event comes first.
    const items = [...events.map(eventItem), ...documents.map(documentItem)];
    const rank = (item: TimelineItemView) => (item.type === 'event' ? 0 : 1);
    items.sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || rank(a) - rank(b) || (a.seq ?? 0) - (b.seq ?? 0));
    return {
      invoiceId: invoice.id,
      invoiceNumber: invoice.invoiceNumber,
      stage: invoice.stage,
      amountDueCents: invoice.balanceCents ?? invoice.totalCents,
      currency: invoice.currency,
      nextActionAt: invoice.nextActionAt ? invoice.nextActionAt.toISOString() : null,
      items,
    };
  }

  async documentList(invoiceId: string, creditorId?: string): Promise<DocumentListView> {
    await findInvoiceOrFail(this.dataSource, invoiceId, creditorId);
    return { invoiceId, items: (await this.documents(invoiceId)).map(toDocumentView) };
  }

  /** The invoice's documents, oldest first, without their bytes (the content column is not selected by default). */
  private documents(invoiceId: string): Promise<DunningDocumentEntity[]> {
    return this.dataSource.getRepository(DunningDocumentEntity).find({ where: { invoiceId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }
}
