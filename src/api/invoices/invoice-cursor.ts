import { isValidCalendarDate } from '../../domain/calendar';
import { validationFailed } from '../common/api-error';

/** Keyset pagination of invoices over (due_date, id); the cursor is opaque to clients: base64url of the last row's key. */
export interface InvoicePageKey {
  dueDate: string;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function encodeInvoiceCursor(key: InvoicePageKey): string {
  return Buffer.from(JSON.stringify(['due', key.dueDate, key.id]), 'utf8').toString('base64url');
}

/** The key in a cursor this API issued; anything else is refused with 422 naming the cursor. */
export function decodeInvoiceCursor(cursor: string, path = 'cursor'): InvoicePageKey {
  const invalid = () => validationFailed([{ path, issue: `${path} is not one this API issued; pass nextCursor from the previous page as it is` }]);
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(parsed) || parsed.length !== 3 || parsed[0] !== 'due') throw invalid();
  const [, dueDate, id] = parsed;
  if (typeof dueDate !== 'string' || !isValidCalendarDate(dueDate) || typeof id !== 'string' || !UUID.test(id)) throw invalid();
  return { dueDate, id };
}
