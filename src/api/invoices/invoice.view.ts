import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { InvoiceEntity } from '../../db/entities/invoice.entity';
import type { DunningState } from '../../workflows/dunning-input';

export class DunningView {
  @ApiProperty({ example: 'awaiting_due_date' }) stage!: string;
  @ApiProperty({ example: 120000 }) amountDueCents!: number;
  @ApiProperty({ example: 'EUR' }) currency!: string;
  @ApiPropertyOptional({ example: { step: 'first_reminder', at: '2026-12-02T08:00:00.000Z' }, nullable: true })
  nextAction!: { step: string; at: string } | null;
  @ApiProperty({ example: [{ at: '2026-11-28T08:00:00.000Z', kind: 'step_done', step: 'courtesy_reminder', summary: 'Courtesy reminder e-mailed to the debtor' }] })
  history!: { at: string; kind: string; step?: string; summary: string; by?: string }[];
}

export class InvoiceView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'F-2026-0042' }) invoiceNumber!: string;
  @ApiProperty({ example: 'CUST-0042' }) customerId!: string;
  @ApiProperty({ example: 120000 }) totalCents!: number;
  @ApiProperty({ example: 100000 }) netCents!: number;
  @ApiProperty({ example: 'EUR' }) currency!: string;
  @ApiProperty({ example: '2026-11-01' }) issueDate!: string;
  @ApiProperty({ example: '2026-12-01' }) dueDate!: string;
  @ApiProperty({ example: { name: 'Boulangerie Martin SARL', email: 'compta@boulangerie-martin.fr', language: 'fr' } })
  debtor!: { name: string; email: string; language: string };
  @ApiProperty({ example: 'invoice:default:F-2026-0042', description: 'Temporal workflow id of the dunning' })
  workflowId!: string;
  @ApiProperty({ example: 'awaiting_due_date', description: 'Stage as last recorded in the database' }) stage!: string;
  @ApiPropertyOptional({ type: DunningView, nullable: true, description: 'Live state from the workflow; null when Temporal cannot be reached' })
  dunning!: DunningView | null;
  @ApiProperty() createdAt!: string;
}

export function toInvoiceView(invoice: InvoiceEntity, dunning: DunningState | null): InvoiceView {
  return {
    id: invoice.id,
    invoiceNumber: invoice.invoiceNumber,
    customerId: invoice.customerId,
    totalCents: invoice.totalCents,
    netCents: invoice.netCents,
    currency: invoice.currency,
    issueDate: invoice.issueDate,
    dueDate: invoice.dueDate,
    debtor: { name: invoice.debtorName, email: invoice.debtorEmail, language: invoice.debtorLanguage },
    workflowId: invoice.workflowId,
    stage: invoice.stage,
    dunning,
    createdAt: invoice.createdAt.toISOString(),
  };
}

/** An invoice in a list: the stored read model only (lists never ask Temporal). */
export class InvoiceSummaryView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'default' }) creditorId!: string;
  @ApiProperty({ example: 'F-2026-0042' }) invoiceNumber!: string;
  @ApiProperty({ example: 'CUST-0042' }) customerId!: string;
  @ApiProperty({ example: 120000 }) totalCents!: number;
  @ApiProperty({ example: 100000 }) netCents!: number;
  @ApiProperty({ example: 120000, description: 'What the amount filters compare: the balance once the dunning recorded one, else the total' }) amountDueCents!: number;
  @ApiProperty({ example: 'EUR' }) currency!: string;
  @ApiProperty({ example: '2026-11-01' }) issueDate!: string;
  @ApiProperty({ example: '2026-12-01' }) dueDate!: string;
  @ApiProperty({ example: 12, description: 'Days since the due date, today in Europe/Paris (negative: not yet due)' }) overdueDays!: number;
  @ApiProperty({ example: { name: 'Boulangerie Martin SARL', email: 'compta@boulangerie-martin.fr', language: 'fr' } })
  debtor!: { name: string; email: string; language: string };
  @ApiProperty({ example: 'invoice:default:F-2026-0042' }) workflowId!: string;
  @ApiProperty({ example: 'awaiting_due_date', description: 'Stage as last recorded in the database' }) stage!: string;
  @ApiProperty({ type: String, nullable: true, example: '2026-12-02T08:00:00.000Z' }) nextActionAt!: string | null;
  @ApiProperty() createdAt!: string;
}

export class InvoicePageView {
  @ApiProperty({ type: [InvoiceSummaryView], description: 'By due date, then id' }) items!: InvoiceSummaryView[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as cursor for the next page; null on the last page' }) nextCursor!: string | null;
}

export function toInvoiceSummaryView(invoice: InvoiceEntity, overdueDays: number): InvoiceSummaryView {
  return {
    id: invoice.id,
    creditorId: invoice.creditorId,
    invoiceNumber: invoice.invoiceNumber,
    customerId: invoice.customerId,
    totalCents: invoice.totalCents,
    netCents: invoice.netCents,
    amountDueCents: invoice.balanceCents ?? invoice.totalCents,
    currency: invoice.currency,
    issueDate: invoice.issueDate,
    dueDate: invoice.dueDate,
    overdueDays,
    debtor: { name: invoice.debtorName, email: invoice.debtorEmail, language: invoice.debtorLanguage },
    workflowId: invoice.workflowId,
    stage: invoice.stage,
    nextActionAt: invoice.nextActionAt ? invoice.nextActionAt.toISOString() : null,
    createdAt: invoice.createdAt.toISOString(),
  };
}

export class BatchLineErrorView {
  @ApiProperty({ example: 'debtor.email' }) path!: string;
  @ApiProperty({ example: 'email must be an email' }) issue!: string;
}

export class BatchLineView {
  @ApiProperty({ example: 0, description: 'Position of the line in invoices[]' }) index!: number;
  @ApiProperty({ enum: ['created', 'exists', 'refused'] }) status!: 'created' | 'exists' | 'refused';
  @ApiPropertyOptional({ format: 'uuid' }) invoiceId?: string;
  @ApiPropertyOptional({
    enum: ['started', 'pending'],
    description: 'created and exists lines: started, or pending when Temporal could not be reached (the invoice is stored; send the same batch again to start it)',
  })
  dunning?: 'started' | 'pending';
  @ApiPropertyOptional({ type: [BatchLineErrorView], description: 'refused lines: what is wrong, paths relative to the line' })
  errors?: BatchLineErrorView[];
}

export class BatchCountsView {
  @ApiProperty() created!: number;
  @ApiProperty() exists!: number;
  @ApiProperty() refused!: number;
  @ApiProperty({ description: 'Stored lines whose dunning could not be started yet' }) dunningPending!: number;
}

export class BatchResultView {
  @ApiProperty({ type: BatchCountsView }) counts!: BatchCountsView;
  @ApiProperty({ type: [BatchLineView], description: 'One per line, in order' }) lines!: BatchLineView[];
}
