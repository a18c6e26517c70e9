/**
 * The invoices a fault scenario runs on, imported through the API's batch route like a back office
 * would, and the dunning each gets (workflow id `invoice:default:<number>`).
 */
import { addDays, parisDateOf } from '../../../src/domain/calendar';
import type { ProcessStack } from '../../support/process-stack';

export interface InvoiceLine {
  invoiceNumber: string;
  totalCents: number;
  netCents: number;
  currency: 'EUR';
  issueDate: string;
  dueDate: string;
  debtor: { name: string; email: string; customerId: string };
}

/**
 * `count` invoices numbered `<prefix>-00001`…, due `dueInDays` from today (Paris): -5 is five days
 * overdue, whose first reminder and phone call are due at once (the stack sends every day from 00:00),
 * 30 waits on a timer.
 */
export function invoiceLines(prefix: string, count: number, dueInDays: number): InvoiceLine[] {
  const today = parisDateOf(Date.now());
  const dueDate = addDays(today, dueInDays);
  return Array.from({ length: count }, (_, i) => {
    const n = i + 1;
    return {
      invoiceNumber: `${prefix}-${String(n).padStart(5, '0')}`,
      totalCents: 12_000 + n,
      netCents: 10_000 + n,
      currency: 'EUR',
      issueDate: addDays(dueDate, -30),
      dueDate,
      debtor: { name: `Client ${prefix} ${n}`, email: `client-${prefix.toLowerCase()}-${n}@example.test`, customerId: `CUST-${prefix}-${n}` },
    };
  });
}

export const workflowIdOf = (invoiceNumber: string) => `invoice:default:${invoiceNumber}`;

export interface BatchCounts {
  created: number;
  exists: number;
  refused: number;
  dunningPending: number;
}

/** POST /v1/invoices/batch; throws unless it answers 200. Returns the counts and the invoice ids by number. */
export async function importBatch(stack: ProcessStack, lines: InvoiceLine[]): Promise<{ counts: BatchCounts; ids: Map<string, string> }> {
  const response = await stack.request('POST', '/v1/invoices/batch', { invoices: lines });
  const body = (await response.json()) as { counts: BatchCounts; lines: { index: number; invoiceId?: string }[] };
  if (response.status !== 200) throw new Error(`batch import answered ${response.status}: ${JSON.stringify(body).slice(0, 500)}`);
  const ids = new Map<string, string>();
  for (const line of body.lines) if (line.invoiceId) ids.set(lines[line.index].invoiceNumber, line.invoiceId);
  return { counts: body.counts, ids };
}
