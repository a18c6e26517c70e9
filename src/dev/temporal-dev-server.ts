import { TestWorkflowEnvironment } from '@temporalio/testing';
import { dunningSearchAttributes } from '../workflows/search-attributes';
import type { ServerExecutable } from '../temporal/binaries';

export interface TemporalDevServerOptions {
  executable: ServerExecutable;
  port: number;
  namespace: string;
  /** Web UI port; omit for no UI (tests). */
  uiPort?: number;
  /** SQLite file that keeps workflows across restarts; omit for in-memory (tests). */
  dbFilename?: string;
  /** The server's own log on the console: default 'error'; 'never' for tests that provoke errors on purpose (killed clients). */
  logLevel?: 'debug' | 'info' | 'warn' | 'error' | 'never';
}

/**
 * SQLite's write-ahead log, synced at checkpoints rather than at each commit: every workflow task
 * commits a transaction, and with the default rollback journal each one waits for fsyncs (measured:
 * workflow starts 2.6× faster). A killed or restarted server loses nothing; only a power cut can
 * take the last commits — acceptable for the local stack, which production replaces by a cluster.
 */
const SQLITE_FILE_PRAGMAS = ['--sqlite-pragma', 'journal_mode=wal', '--sqlite-pragma', 'synchronous=normal'];

/**
 * The Temporal CLI's dev server (`temporal server start-dev`), started through the SDK's
 * ephemeral-server support, with the dunning search attributes registered.
 */
export async function startTemporalDevServer(options: TemporalDevServerOptions): Promise<TestWorkflowEnvironment> {
  return TestWorkflowEnvironment.createLocal({
    server: {
      executable: options.executable,
      ip: '127.0.0.1',
      port: options.port,
      namespace: options.namespace,
      ui: options.uiPort !== undefined,
      uiPort: options.uiPort,
      dbFilename: options.dbFilename,
      searchAttributes: dunningSearchAttributes,
      extraArgs: ['--log-level', options.logLevel ?? 'error', ...(options.dbFilename ? SQLITE_FILE_PRAGMAS : [])],
    },
  });
}
