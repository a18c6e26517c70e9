import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { centsTransformer } from '../cents-column';

/**
 * A document a dunning step produces (written reminder, registered warning, formal notice, penalty
 * invoice), keyed by dunning and step. The row is created 'awaiting_pdf' with what the step asks for;
 * the step then renders the PDF (src/activities/letters) once and stores its bytes here, with their
 * SHA-256, and marks the row 'rendered'. Rendered rows never change: the bytes a debtor received are
 * the bytes the API serves.
 */
@Entity({ name: 'dunning_documents' })
export class DunningDocumentEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'document_key', type: 'text', unique: true })
  documentKey!: string;

  @Column({ name: 'dunning_id', type: 'text' })
  dunningId!: string;

  @Column({ name: 'invoice_id', type: 'uuid' })
  invoiceId!: string;

  @Column({ type: 'text' })
  step!: string;

  /** written_reminder | registered_warning | formal_notice | penalty_invoice (the letters module's LetterKind). */
  @Column({ type: 'text' })
  kind!: string;

  @Column({ type: 'text' })
  tone!: string;

  @Column({ name: 'document_date', type: 'date' })
  documentDate!: string;

  @Column({ name: 'pay_by', type: 'date', nullable: true })
  payBy!: string | null;

  @Column({ name: 'balance_cents', type: 'bigint', transformer: centsTransformer })
  balanceCents!: number;

  @Column({ type: 'char', length: 3 })
  currency!: string;

  /** What the renderer needs besides the invoice: penalties, earlier reminder dates, the registered letter quoted. */
  @Column({ type: 'jsonb' })
  details!: Record<string, unknown>;

  /** awaiting_pdf until the renderer has produced the file. */
  @Column({ type: 'text' })
  status!: 'awaiting_pdf' | 'rendered';

  @Column({ name: 'rendered_at', type: 'timestamptz', nullable: true })
  renderedAt!: Date | null;

  /** The invoice's creditor (letterhead); scopes the penalty invoice numbers. Null on rows older than the PDFs. */
  @Column({ name: 'creditor_id', type: 'text', nullable: true })
  creditorId!: string | null;

  @Column({ type: 'text', nullable: true })
  language!: 'fr' | 'en' | null;

  /** Penalty invoices: their number in the creditor's penalty invoice series ('PEN-2026-0001'). */
  @Column({ type: 'text', nullable: true })
  number!: string | null;

  @Column({ name: 'file_name', type: 'text', nullable: true })
  fileName!: string | null;

  @Column({ name: 'content_type', type: 'text', nullable: true })
  contentType!: string | null;

  /** The PDF. Not loaded by default (lists and look-ups do not need megabytes): select it explicitly. */
  @Column({ type: 'bytea', nullable: true, select: false })
  content!: Buffer | null;

  @Column({ name: 'byte_size', type: 'integer', nullable: true })
  byteSize!: number | null;

  /** Hex SHA-256 of `content`: the checksum, and the ETag of the download. */
  @Column({ type: 'text', nullable: true })
  sha256!: string | null;

  @Column({ name: 'page_count', type: 'integer', nullable: true })
  pageCount!: number | null;

  @Column({ type: 'text', nullable: true })
  subject!: string | null;

  /** What the letter states, in cents: principal, interest, indemnity, total due, penalties. */
  @Column({ type: 'jsonb', nullable: true })
  amounts!: { principalCents: number; interestCents: number; indemnityCents: number; totalDueCents: number; penaltiesCents: number } | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
