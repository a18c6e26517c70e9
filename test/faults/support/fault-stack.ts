/**
 * The process stack as the fault scenarios use it: the real processes, the Temporal server's own
 * console log off (killing its clients or restarting it makes it log every request in flight), and
 * a database connection for the checks.
 */
import type { DataSource } from 'typeorm';
import { startProcessStack, type ProcessStack, type ProcessStackOptions } from '../../support/process-stack';

export interface FaultStack {
  stack: ProcessStack;
  /** The test's own connection to the stack's PostgreSQL (reconnects by itself after an outage). */
  db: DataSource;
  stop(): Promise<void>;
}

export async function startFaultStack(options: ProcessStackOptions = {}): Promise<FaultStack> {
  const stack = await startProcessStack({ temporalLogLevel: 'never', ...options });
  let db: DataSource;
  try {
    db = await stack.connectDatabase();
  } catch (error) {
    await stack.stop();
    throw error;
  }
  return {
    stack,
    db,
    async stop() {
      await db.destroy().catch(() => undefined);
      await stack.stop();
    },
  };
}

/** A fault stack for the test file: started before its tests, stopped after them. */
export function useFaultStack(options: ProcessStackOptions = {}): () => FaultStack {
  let fault: FaultStack | undefined;
  beforeAll(async () => {
    fault = await startFaultStack(options);
  }, 120_000);
  afterAll(async () => {
    await fault?.stop();
  }, 120_000);
  return () => fault!;
}

/** How many messages the SMTP server holds now. */
export async function mailCount(stack: ProcessStack): Promise<number> {
  return stack.mail().count();
}
