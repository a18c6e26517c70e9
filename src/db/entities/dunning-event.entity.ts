import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The timeline of a dunning (read model): one row per line of the workflow's history, numbered by
 * the workflow, so a retried write inserts nothing twice. The workflow stays the source of truth.
 */
@Entity({ name: 'dunning_events' })
@Index('dunning_events_invoice', ['invoiceId', 'occurredAt'])
export class DunningEventEntity {
  @PrimaryColumn({ name: 'dunning_id', type: 'text' })
  dunningId!: string;

  @PrimaryColumn({ type: 'integer' })
  seq!: number;

  @Column({ name: 'invoice_id', type: 'uuid' })
  invoiceId!: string;

  /** A HistoryKind of the workflow: step_done, payment, dispute_opened… */
  @Column({ type: 'text' })
  kind!: string;

  @Column({ type: 'text', nullable: true })
  step!: string | null;

  @Column({ type: 'text' })
  summary!: string;

  /** Who did it, for operator actions and events from outside. */
  @Column({ type: 'text', nullable: true })
  actor!: string | null;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ name: 'recorded_at', type: 'timestamptz', default: () => 'now()' })
  recordedAt!: Date;
}
