import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Work for the credit team that a dunning creates: the phone call, posting a registered letter,
 * a returned letter, a step that failed, the hand-over. Keyed by dunning and purpose: creating the
 * same task again is a no-op.
 */
@Entity({ name: 'dunning_tasks' })
@Index('dunning_tasks_open', ['status', 'dueOn'])
export class DunningTaskEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'task_key', type: 'text', unique: true })
  taskKey!: string;

  @Column({ name: 'dunning_id', type: 'text' })
  dunningId!: string;

  @Column({ name: 'invoice_id', type: 'uuid' })
  invoiceId!: string;

  /** An OperatorTaskKind: phone_call, post_registered_letter, letter_returned… */
  @Column({ type: 'text' })
  kind!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  instructions!: string;

  @Column({ name: 'due_on', type: 'date' })
  dueOn!: string;

  @Column({ type: 'text' })
  status!: 'open' | 'done' | 'cancelled';

  @Column({ type: 'text', nullable: true })
  outcome!: string | null;

  @Column({ name: 'closed_by', type: 'text', nullable: true })
  closedBy!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;
}
