import { ApiProperty } from '@nestjs/swagger';

export class DocumentAmountsView {
  @ApiProperty({ example: 120000, description: 'Principal still unpaid, VAT included, in cents' }) principalCents!: number;
  @ApiProperty({ example: 1238, description: 'Late-payment interest to the document date, in cents' }) interestCents!: number;
  @ApiProperty({ example: 4000, description: 'Flat recovery indemnity, in cents' }) indemnityCents!: number;
  @ApiProperty({ example: 125238, description: 'principal + interest + indemnity' }) totalDueCents!: number;
  @ApiProperty({ example: 5238, description: 'interest + indemnity (the total of a penalty invoice; no VAT)' }) penaltiesCents!: number;
}

export class RegisteredMailView {
  @ApiProperty({ enum: ['print', 'http'], example: 'http', description: 'print: an operator prints and posts it; http: an electronic registered-mail service' })
  provider!: string;
  @ApiProperty({ enum: ['submitting', 'to_print', 'submitted', 'posted', 'confirmed', 'abandoned'], example: 'confirmed' }) status!: string;
  @ApiProperty({ example: '1A 234 567 8901 2', nullable: true }) trackingNumber!: string | null;
  @ApiProperty({ example: '2026-12-28', nullable: true, description: 'The day it was deposited (electronic service)' }) postedOn!: string | null;
}

/** A document a dunning step produced, with what it states; its bytes are at contentUrl. */
export class DunningDocumentView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) invoiceId!: string;
  @ApiProperty({ example: 'invoice:default:F-2026-0042' }) dunningId!: string;
  @ApiProperty({ example: 'written_reminder', description: 'The plan step that produced it' }) step!: string;
  @ApiProperty({ enum: ['written_reminder', 'registered_warning', 'formal_notice', 'penalty_invoice', 'escalation_file'], example: 'written_reminder' }) kind!: string;
  @ApiProperty({ enum: ['awaiting_pdf', 'rendered'], example: 'rendered', description: 'awaiting_pdf: the step stopped before its PDF was rendered (see its tasks)' })
  status!: string;
  @ApiProperty({ example: '2026-12-09' }) documentDate!: string;
  @ApiProperty({ example: '2026-12-16', nullable: true }) payBy!: string | null;
  @ApiProperty({ enum: ['fr', 'en'], nullable: true, example: 'fr' }) language!: string | null;
  @ApiProperty({ example: null, nullable: true, description: 'Penalty invoices: their number (PEN-2026-0001)' }) number!: string | null;
  @ApiProperty({ example: '2026-12-09_relance_F-2026-0042.pdf', nullable: true }) fileName!: string | null;
  @ApiProperty({ example: 'application/pdf', nullable: true }) contentType!: string | null;
  @ApiProperty({ example: 31877, nullable: true }) byteSize!: number | null;
  @ApiProperty({ example: 1, nullable: true }) pageCount!: number | null;
  @ApiProperty({ example: 'sha256:9f2c1e0b7a3d4c5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6', nullable: true, description: 'algorithm:hex; the ETag of the content is the hex' })
  checksum!: string | null;
  @ApiProperty({ example: 'Relance – facture impayée (1 252,38 €)', nullable: true }) subject!: string | null;
  @ApiProperty({ type: DocumentAmountsView, nullable: true }) amounts!: DocumentAmountsView | null;
  @ApiProperty({ type: RegisteredMailView, nullable: true, description: 'Registered letters: where they stand with the registered-mail provider' })
  registeredMail!: RegisteredMailView | null;
  @ApiProperty({ example: '/v1/documents/0b6f9d4e-8a57-4c1e-9f43-2d5c7a1e3b90/content', nullable: true }) contentUrl!: string | null;
  @ApiProperty({ example: '2026-12-09T08:00:01.234Z' }) createdAt!: string;
  @ApiProperty({ example: '2026-12-09T08:00:01.456Z', nullable: true }) renderedAt!: string | null;
}
