import { mkdir, readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { DataSource } from 'typeorm';
import { ApiKeyStore } from '../api/auth/api-key-store';

export const DEV_API_KEY_NAME = 'development (npm start)';

/**
 * The local stack's backoffice key, kept in `file` (.data/dev-api-key) so it stays the same from
 * one `npm start` to the next. A new one is made when the file is missing or its key no longer
 * works (revoked, or a fresh database).
 */
export async function ensureDevApiKey(dataSource: DataSource, file: string): Promise<{ key: string; created: boolean }> {
  const store = new ApiKeyStore(dataSource);
  const saved = await readFile(file, 'utf8').then((text) => text.trim(), () => undefined);
  if (saved && (await store.authenticate(saved))?.role === 'backoffice') return { key: saved, created: false };
  const { key } = await store.create({ name: DEV_API_KEY_NAME, role: 'backoffice' });
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${key}\n`, { mode: 0o600 });
  return { key, created: true };
}
