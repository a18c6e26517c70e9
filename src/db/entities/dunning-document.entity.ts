import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { centsTransformer } from '../cents-column';

/**
 * A document a dunning step produces (written reminder, registered warning, formal notice, penalty
 * invoice), keyed by dunning and step. The row holds what the letter states; the PDF renderer
 * (src/activities/letters) fills in the file and marks it rendered.
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

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
