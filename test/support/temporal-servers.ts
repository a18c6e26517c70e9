import { temporal } from '@temporalio/proto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { findProjectRoot } from '../../src/config/config';
import { temporalCliExecutable, timeSkippingServerExecutable } from '../../src/temporal/binaries';
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

/** A real Temporal dev server (in memory, no UI) on a free port, with the dunning search attributes. */
export function startDevServer(): Promise<TestWorkflowEnvironment> {
  return startOnFreePort((port) =>
    startTemporalDevServer({
      executable: temporalCliExecutable(process.env.TEMPORAL_CLI_PATH, findProjectRoot()),
      port,
      namespace: 'default',
    }),
  );
}
