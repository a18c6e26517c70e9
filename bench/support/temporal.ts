import type { Client } from '@temporalio/client';
import { pollUntil } from '../../test/support/poll';

/** Visibility is eventually consistent: waits until the count of runs matching `query` reaches `expected`. */
export async function settledWorkflowCount(client: Client, query: string, expected: number, timeoutMs = 120_000): Promise<{ count: number; lagMs: number }> {
  const started = Date.now();
  const count = await pollUntil(async () => (await client.workflow.count(query)).count, (n) => n >= expected, { what: `workflows matching ${query}`, timeoutMs, intervalMs: 250 });
  return { count, lagMs: Date.now() - started };
}
