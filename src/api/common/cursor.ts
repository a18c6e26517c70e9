import { validationFailed } from './api-error';

/**
 * Keyset pagination over (created_at, id). The cursor is opaque to clients: base64url of the last
 * row's key, its timestamp as PostgreSQL wrote it (microseconds, which a JS Date would round off,
 * skipping or repeating rows created within the same millisecond).
 */
export interface PageKey {
  createdAt: string;
  id: string;
}

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** SQL that writes created_at the way cursors carry it. */
export const CURSOR_TIMESTAMP_SQL = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

export function encodeCursor(key: PageKey): string {
  return Buffer.from(JSON.stringify([key.createdAt, key.id]), 'utf8').toString('base64url');
}

/** The key in a cursor this API issued; anything else is refused with 422 naming the cursor. */
export function decodeCursor(cursor: string, path = 'cursor'): PageKey {
  const invalid = () => validationFailed([{ path, issue: `${path} is not one this API issued; pass nextCursor from the previous page as it is` }]);
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(parsed) || parsed.length !== 2) throw invalid();
  const [createdAt, id] = parsed;
  if (typeof createdAt !== 'string' || !TIMESTAMP.test(createdAt) || typeof id !== 'string' || !UUID.test(id)) throw invalid();
  // A real instant (2026-02-30 is refused here, not by PostgreSQL as a 500).
  const millis = new Date(`${createdAt.slice(0, 23)}Z`);
  if (Number.isNaN(millis.getTime()) || millis.toISOString().slice(0, 23) !== createdAt.slice(0, 23)) throw invalid();
  return { createdAt, id };
}
