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
      extraArgs: ['--log-level', options.logLevel ?? 'error'],
    },
  });
}
