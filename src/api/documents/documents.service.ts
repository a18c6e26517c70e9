import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { DunningDocumentEntity } from '../../db/entities/dunning-document.entity';
import { RegisteredMailingEntity } from '../../db/entities/registered-mailing.entity';
import { ApiError } from '../common/api-error';
import { DATA_SOURCE } from '../tokens';
import type { DunningDocumentView } from './document.view';

export const documentNotFound = (id: string) => new ApiError(HttpStatus.NOT_FOUND, 'DOCUMENT.NOT_FOUND', `No document with id ${id}.`);

export const documentNotRendered = (id: string) =>
  new ApiError(
    HttpStatus.CONFLICT,
    'DOCUMENT.NOT_RENDERED',
    `Document ${id} has no PDF: its step stopped before rendering it (a missing creditor profile, rate or address); see the dunning's operator tasks.`,
  );

export interface DocumentFile {
  fileName: string;
  contentType: string;
  content: Buffer;
  sha256: string;
}

/** The documents the dunnings produced, read from PostgreSQL: any API replica serves any document. */
@Injectable()
export class DocumentsService {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  async get(id: string): Promise<DunningDocumentView> {
    const document = await this.dataSource.getRepository(DunningDocumentEntity).findOneBy({ id });
    if (!document) throw documentNotFound(id);
    const mailing = await this.dataSource.getRepository(RegisteredMailingEntity).findOneBy({ documentId: id });
    return toView(document, mailing);
  }

  /** The PDF and its checksum (404 unknown, 409 not rendered). */
  async file(id: string): Promise<DocumentFile> {
    const document = await this.dataSource
      .getRepository(DunningDocumentEntity)
      .createQueryBuilder('document')
      .addSelect('document.content')
      .where('document.id = :id', { id })
      .getOne();
    if (!document) throw documentNotFound(id);
    if (document.status !== 'rendered' || !document.content || !document.sha256) throw documentNotRendered(id);
    return {
      fileName: document.fileName ?? `${document.id}.pdf`,
      contentType: document.contentType ?? 'application/pdf',
      content: document.content,
      sha256: document.sha256,
    };
  }
}

export const documentContentPath = (id: string) => `/v1/documents/${id}/content`;

function toView(document: DunningDocumentEntity, mailing: RegisteredMailingEntity | null): DunningDocumentView {
  const rendered = document.status === 'rendered';
  return {
    id: document.id,
    invoiceId: document.invoiceId,
    dunningId: document.dunningId,
    step: document.step,
    kind: document.kind,
    status: document.status,
    documentDate: document.documentDate,
    payBy: document.payBy,
    language: document.language,
    number: document.number,
    fileName: document.fileName,
    contentType: document.contentType,
    byteSize: document.byteSize,
    pageCount: document.pageCount,
    checksum: document.sha256 ? `sha256:${document.sha256}` : null,
    subject: document.subject,
    amounts: document.amounts,
    registeredMail: mailing ? { provider: mailing.provider, status: mailing.status, trackingNumber: mailing.trackingNumber, postedOn: mailing.postedOn } : null,
    contentUrl: rendered ? documentContentPath(document.id) : null,
    createdAt: document.createdAt.toISOString(),
    renderedAt: document.renderedAt ? document.renderedAt.toISOString() : null,
  };
}
