import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Where a registered letter (registered warning, formal notice) stands with the registered-mail
 * provider. One row per document: the row is claimed ('submitting') before the provider is called
 * and completed after, so a retried activity never hands the letter over twice.
 *
 * - print: 'to_print' — an operator prints and posts it, then confirms the posting over the API.
 * - http: 'submitted' (tracking number known) → 'posted' (the provider's deposit date is known)
 *   → 'confirmed' once the worker's relay has told the dunning workflow; 'abandoned' when the
 *   workflow no longer wants it (paid, cancelled, confirmed by hand with another number).
 */
@Entity({ name: 'registered_mailings' })
export class RegisteredMailingEntity {
  @PrimaryColumn({ name: 'document_id', type: 'uuid' })
  documentId!: string;

  /** The dunning workflow's id. */
  @Column({ name: 'dunning_id', type: 'text' })
  dunningId!: string;

  @Column({ name: 'invoice_id', type: 'uuid' })
  invoiceId!: string;

  /** The plan step of the letter, passed to the workflow's confirmRegisteredLetterPosted update. */
  @Column({ type: 'text' })
  step!: string;

  @Column({ type: 'text' })
  provider!: 'print' | 'http';

  @Column({ type: 'text' })
  status!: 'submitting' | 'to_print' | 'submitted' | 'posted' | 'confirmed' | 'abandoned';

  @Column({ name: 'tracking_number', type: 'text', nullable: true })
  trackingNumber!: string | null;

  /** The day the provider deposited the letter (the date the next step counts from). */
  @Column({ name: 'posted_on', type: 'date', nullable: true })
  postedOn!: string | null;

  /** Why it was abandoned, or the last relay problem. */
  @Column({ type: 'text', nullable: true })
  note!: string | null;

  /** Submissions to the provider (a retry after a lost answer submits again with the same idempotency key). */
  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;

  @Column({ name: 'confirmed_at', type: 'timestamptz', nullable: true })
  confirmedAt!: Date | null;
}
