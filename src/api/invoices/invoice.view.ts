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
