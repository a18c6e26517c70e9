import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export const DOCUMENT_KINDS = ['written_reminder', 'registered_warning', 'formal_notice', 'penalty_invoice'] as const;

/** A document a dunning step produced, as listed (its bytes are served by contentUrl). */
export class DocumentView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: DOCUMENT_KINDS, example: 'formal_notice' }) kind!: string;
  @ApiProperty({ example: 'formal_notice', description: 'The plan step that produced it' }) step!: string;
  @ApiProperty({ enum: ['awaiting_pdf', 'rendered'], example: 'rendered', description: 'awaiting_pdf until its PDF is rendered and stored' }) status!: string;
  @ApiProperty({ example: '2026-12-24', description: 'The date the document bears' }) documentDate!: string;
  @ApiProperty({ example: '2027-01-01', nullable: true, description: 'The pay-by date it states, if any' }) payBy!: string | null;
  @ApiProperty({ example: 'PEN-2026-0001', nullable: true, description: 'Penalty invoices: their number' }) number!: string | null;
  @ApiProperty({ example: 'mise-en-demeure-F-2026-0042.pdf', nullable: true }) fileName!: string | null;
  @ApiProperty({ example: 48213, nullable: true, description: 'Size of the PDF in bytes' }) byteSize!: number | null;
  @ApiProperty({ example: 2, nullable: true }) pageCount!: number | null;
  @ApiProperty({
    example: 'sha256:9f2c1e0b7a3d4c5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6',
    nullable: true,
    description: 'Checksum of the PDF, algorithm:hex; null until rendered',
  })
  checksum!: string | null;
  @ApiProperty({ example: '/v1/documents/0b6f9d4e-8a57-4c1e-9f43-2d5c7a1e3b90/content', nullable: true, description: 'Where to download the PDF; null until rendered' })
  contentUrl!: string | null;
  @ApiProperty({ example: '2026-12-24T08:00:01.234Z' }) createdAt!: string;
  @ApiProperty({ example: '2026-12-24T08:00:01.456Z', nullable: true }) renderedAt!: string | null;
}

export class DocumentListView {
  @ApiProperty({ format: 'uuid' }) invoiceId!: string;
  @ApiProperty({ type: [DocumentView], description: 'Oldest first' }) items!: DocumentView[];
}

export const TIMELINE_ITEM_TYPES = ['event', 'document'] as const;

/** One line of the timeline: an event of the dunning's history, or a document it produced. */
export class TimelineItemView {
  @ApiProperty({ example: '2026-12-02T08:00:00.512Z', description: 'When it happened' }) at!: string;
  @ApiProperty({ enum: TIMELINE_ITEM_TYPES, example: 'event' }) type!: 'event' | 'document';
  @ApiProperty({
    example: 'step_done',
    description:
      'event: started, step_done, step_skipped, step_failed, payment, dispute_opened, dispute_rejected, dispute_upheld, promise_made, promise_kept, ' +
      'promise_broken, promise_withdrawn, phone_call_outcome, registered_letter_posted, posting_unconfirmed, letter_returned, put_on_hold, ' +
      'hold_released, resumed, cancelled, written_off. document: its kind (formal_notice…).',
  })
  kind!: string;
  @ApiProperty({ example: 'first_reminder', nullable: true, description: 'The plan step concerned, if any' }) step!: string | null;
  @ApiProperty({ example: 'First reminder e-mailed to the debtor' }) summary!: string;
  @ApiProperty({ example: null, nullable: true, description: 'Who did it (operator or reporting system); null for what the dunning did by itself' }) by!: string | null;
  @ApiPropertyOptional({ example: 3, description: 'event: its number in the dunning\'s history (1, 2, 3…)' }) seq?: number;
  @ApiPropertyOptional({ format: 'uuid', description: 'document: its id' }) documentId?: string;
  @ApiPropertyOptional({ nullable: true, description: 'document: where to download it; null until rendered' }) contentUrl?: string | null;
}

export class TimelineView {
  @ApiProperty({ format: 'uuid' }) invoiceId!: string;
  @ApiProperty({ example: 'F-2026-0042' }) invoiceNumber!: string;
  @ApiProperty({ example: 'first_reminder_sent', description: 'Stage as last recorded' }) stage!: string;
  @ApiProperty({ example: 120000, description: 'Balance due as last recorded, in cents' }) amountDueCents!: number;
  @ApiProperty({ example: 'EUR' }) currency!: string;
  @ApiProperty({ example: '2026-12-09T08:00:00.000Z', nullable: true, description: 'When the dunning next acts by itself, as last recorded' }) nextActionAt!: string | null;
  @ApiProperty({ type: [TimelineItemView], description: 'Oldest first' }) items!: TimelineItemView[];
}
