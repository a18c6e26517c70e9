import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { centsTransformer } from '../cents-column';

/** An invoice under dunning, with the read model (stage, next action) the worker's activities keep current. */
@Entity({ name: 'invoices' })
@Index('invoices_creditor_number_unique', ['creditorId', 'invoiceNumber'], { unique: true })
export class InvoiceEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'creditor_id', type: 'text' })
  creditorId!: string;

  @Column({ name: 'invoice_number', type: 'text' })
  invoiceNumber!: string;

  @Column({ name: 'customer_id', type: 'text' })
  customerId!: string;

  @Column({ name: 'total_cents', type: 'bigint', transformer: centsTransformer })
  totalCents!: number;

  @Column({ name: 'net_cents', type: 'bigint', transformer: centsTransformer })
  netCents!: number;

  @Column({ type: 'char', length: 3 })
  currency!: string;

  @Column({ name: 'issue_date', type: 'date' })
  issueDate!: string;

  @Column({ name: 'due_date', type: 'date' })
  dueDate!: string;

  @Column({ name: 'debtor_name', type: 'text' })
  debtorName!: string;

  @Column({ name: 'debtor_email', type: 'text' })
  debtorEmail!: string;

  @Column({ name: 'debtor_language', type: 'text' })
  debtorLanguage!: 'fr' | 'en';

  @Column({ name: 'workflow_id', type: 'text' })
  workflowId!: string;

  @Column({ type: 'text' })
  stage!: string;

  @Column({ name: 'next_action_at', type: 'timestamptz', nullable: true })
  nextActionAt!: Date | null;

  /** What is still due after the payments the dunning received; null until the dunning first records it. */
  @Column({ name: 'balance_cents', type: 'bigint', nullable: true, transformer: centsTransformer })
  balanceCents!: number | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
