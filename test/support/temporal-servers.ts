import { temporal } from '@temporalio/proto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { findProjectRoot } from '../../src/config/config';
import { temporalCliExecutable, timeSkippingServerExecutable } from '../../src/temporal/binaries';
import { freePort } from '../../src/dev/free-port';
import { startTemporalDevServer } from '../../src/dev/temporal-dev-server';
import { dunningSearchAttributes } from '../../src/workflows/search-attributes';
import { startOnFreePort } from './start-on-free-port';

const { IndexedValueType } = temporal.api.enums.v1;
const INDEXED_VALUE_TYPES: Record<string, number> = {
  KEYWORD: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  INT: IndexedValueType.INDEXED_VALUE_TYPE_INT,
  DATETIME: IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
};

/**
 * The time-skipping test server; one per test file, since its clock is shared by everything in it.
 * It refuses unknown search attributes like a real server, so the dunning's are registered first.
 */
export async function startTimeSkippingServer(): Promise<TestWorkflowEnvironment> {
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: timeSkippingServerExecutable(process.env.TEMPORAL_TEST_SERVER_PATH, findProjectRoot()) },
  });
  await env.connection.operatorService.addSearchAttributes({
    namespace: env.namespace ?? 'default',
    searchAttributes: Object.fromEntries(dunningSearchAttributes.map((key) => [key.name, INDEXED_VALUE_TYPES[key.type]])),
  });
  return env;
}

export interface DevServerOptions {
  /** Also serve the Web UI, on a free port of its own (default false: no UI). */
  ui?: boolean;
}

/** A Temporal dev server started by {@link startDevServer}; `uiPort` is set when the UI was asked for. */
export type RunningDevServer = TestWorkflowEnvironment & { uiPort?: number };

/**
 * A real Temporal dev server (in memory, no UI unless asked) on a free port, with the dunning
 * search attributes. With `ui`, the UI port is found free in the same start attempt, so a port
 * taken meanwhile makes the whole start try again.
 */
export function startDevServer(options: DevServerOptions = {}): Promise<RunningDevServer> {
  return startOnFreePort(async (port) => {
    const uiPort = options.ui ? await freePort() : undefined;
    const env: RunningDevServer = await startTemporalDevServer({
      executable: temporalCliExecutable(process.env.TEMPORAL_CLI_PATH, findProjectRoot()),
      port,
      namespace: 'default',
      uiPort,
    });
    if (uiPort !== undefined) env.uiPort = uiPort;
    return env;
  });
}
