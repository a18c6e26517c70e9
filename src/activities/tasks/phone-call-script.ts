import { formatMoney } from '../../domain/money';
import type { InvoiceEntity } from '../../db/entities/invoice.entity';
import type { DunningStepRequest } from '../dunning-activity-types';

/** The call script of dunning-process.md, filled in with the invoice, for the operator's task. */
export function phoneCallInstructions(invoice: InvoiceEntity, request: DunningStepRequest): string {
  const balance = formatMoney(request.balanceCents, request.currency, 'en');
  return [
    `Call ${invoice.debtorName} about invoice ${invoice.invoiceNumber} (issued ${invoice.issueDate}, due ${invoice.dueDate}): ${balance} unpaid.`,
    '1. Say who is calling and why.',
    '2. Get the name and contact of the person who releases the payment.',
    `3. Quote the unpaid invoices precisely: ${invoice.invoiceNumber}, ${invoice.issueDate}, ${balance}.`,
    '4. Ask whether anything blocks payment: a dispute about the order, the delivery or the quality.',
    '5. Check that they have our bank details; get the expected payment date (a promise).',
    'Stay empathetic: most late payers have a cash problem and are embarrassed, not hostile.',
    'Record the outcome (reached, no answer, wrong number, promise to pay with its date, dispute with its reason).',
  ].join('\n');
}
