/** Invoice lines for the batch import, and the import itself in chunks, as a back office would send them. */
import type { ProcessStack } from '../../test/support/process-stack';
import { addDays, parisDateOf } from '../../src/domain/calendar';

export const DEFAULT_TOTAL_CENTS = 120_000;

/**
 * One line of POST /v1/invoices/batch. Each invoice has its own debtor address, so e-mails can be
 * counted per invoice; customers repeat (500 of them) as in a real ledger.
 */
export function invoiceLine(prefix: string, n: number, dueInDays: number) {
  const today = parisDateOf(Date.now());
  const dueDate = addDays(today, dueInDays);
  return {
    invoiceNumber: `${prefix}-${String(n).padStart(6, '0')}`,
    totalCents: DEFAULT_TOTAL_CENTS,
    netCents: 100_000,
    currency: 'EUR',
    issueDate: addDays(dueDate, -30),
    dueDate,
    debtor: { name: `Client ${n % 500} SARL`, email: debtorEmail(prefix, n), customerId: `CUST-${n % 500}`, language: 'fr' },
  };
}

export const debtorEmail = (prefix: string, n: number) => `debtor-${prefix.toLowerCase()}-${n}@example.test`;

export interface BatchLine {
  index: number;
  status: 'created' | 'exists' | 'refused';
  invoiceId?: string;
  dunning?: 'started' | 'pending';
}

export interface ImportResult {
  /** invoiceNumber → invoice id. */
  ids: Map<string, string>;
  /** Wall time of each request, ms. */
  requestMs: number[];
}

/**
 * Posts the lines `batchSize` at a time, one request after the other, and fails unless every line
 * was created with its dunning started.
 */
export async function importInvoices(stack: ProcessStack, lines: readonly ReturnType<typeof invoiceLine>[], batchSize: number): Promise<ImportResult> {
  const ids = new Map<string, string>();
  const requestMs: number[] = [];
  for (let from = 0; from < lines.length; from += batchSize) {
    const chunk = lines.slice(from, from + batchSize);
    const started = Date.now();
    const response = await stack.request('POST', '/v1/invoices/batch', { invoices: chunk });
    requestMs.push(Date.now() - started);
    if (!response.ok) throw new Error(`batch import answered ${response.status}: ${(await response.text()).slice(0, 500)}`);
    const body = (await response.json()) as { counts: Record<string, number>; lines: BatchLine[] };
    const bad = body.lines.filter((line) => line.status !== 'created' || line.dunning !== 'started');
    if (bad.length > 0) throw new Error(`batch import: ${bad.length} of ${chunk.length} lines not created and started (counts ${JSON.stringify(body.counts)})`);
    body.lines.forEach((line, i) => ids.set(chunk[i].invoiceNumber, line.invoiceId!));
  }
  return { ids, requestMs };
}
