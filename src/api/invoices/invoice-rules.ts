import type { DataSource } from 'typeorm';
import type { InvoiceEntity } from '../../db/entities/invoice.entity';
import { dunningWorkflowId } from '../../workflows/dunning-input';
import type { ErrorDetail } from '../common/api-error';
import type { CreateInvoiceDto } from './create-invoice.dto';

/** The fields that identify what was invoiced: a second POST with the same number must agree on them. */
export const IDENTITY_FIELDS = ['totalCents', 'netCents', 'currency', 'issueDate', 'dueDate', 'debtorEmail'] as const;

/** The checks that span fields (the DTO checks each alone). */
export function invoiceProblems(dto: CreateInvoiceDto): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  if (dto.netCents > dto.totalCents) problems.push({ path: 'netCents', issue: 'netCents must not exceed totalCents' });
  if (dto.dueDate < dto.issueDate) problems.push({ path: 'dueDate', issue: 'dueDate must not be before issueDate' });
  return problems;
}

/** The row a valid invoice body becomes. */
export function invoiceCandidate(dto: CreateInvoiceDto, creditorId: string): Partial<InvoiceEntity> {
  return {
    creditorId,
    invoiceNumber: dto.invoiceNumber,
    customerId: dto.debtor.customerId ?? dto.debtor.email.toLowerCase(),
    totalCents: dto.totalCents,
    netCents: dto.netCents,
    currency: dto.currency,
    issueDate: dto.issueDate,
    dueDate: dto.dueDate,
    debtorName: dto.debtor.name,
    debtorEmail: dto.debtor.email,
    debtorLanguage: dto.debtor.language ?? 'fr',
    workflowId: dunningWorkflowId(creditorId, dto.invoiceNumber),
    stage: 'awaiting_due_date',
  };
}

export function differingIdentityFields(stored: InvoiceEntity, candidate: Partial<InvoiceEntity>): (typeof IDENTITY_FIELDS)[number][] {
  return IDENTITY_FIELDS.filter((field) => stored[field] !== candidate[field]);
}

/** Records that these invoices' dunnings are started (a repeated import skips them). */
export async function markDunningsStarted(dataSource: DataSource, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await dataSource.query('UPDATE invoices SET dunning_started_at = now() WHERE id = ANY($1::uuid[]) AND dunning_started_at IS NULL', [ids]);
}
