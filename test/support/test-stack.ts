import { chmod, mkdtemp, rm } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import { createSmtpMailer } from '../../src/activities/mail/mailer';
import { createApi } from '../../src/api/create-api';
import { DATA_SOURCE } from '../../src/api/tokens';
import { findProjectRoot, loadConfig, type AppConfig } from '../../src/config/config';
import { createDataSource } from '../../src/db/data-source';
import { startEmbeddedPostgres, type RunningPostgres } from '../../src/dev/embedded-postgres';
import { freePort } from '../../src/dev/free-port';
import { MailCatcher } from '../../src/dev/mail-catcher/mail-catcher';
import { createDunningWorker } from '../../src/worker/dunning-worker';
import { startDevServer } from './temporal-servers';

export interface TestStack {
  config: AppConfig;
  api: INestApplication;
  /** The HTTP server to hand to supertest. */
  http: ReturnType<INestApplication['getHttpServer']>;
  dataSource: DataSource;
  mail: MailCatcher;
  temporal: TestWorkflowEnvironment;
  stop(): Promise<void>;
}

/** A throwaway real PostgreSQL: embedded binaries, a fresh temporary data folder, a free port. */
export async function startTestPostgres(): Promise<RunningPostgres> {
  // The folder must be reachable by the postgres user when tests run as root.
  const parent = await mkdtemp(path.join(os.tmpdir(), 'relance-test-pg-'));
  await chmod(parent, 0o755);
  const postgres = await startEmbeddedPostgres({ projectRoot: findProjectRoot(), dataDir: path.join(parent, 'data'), port: await freePort(), ephemeral: true });
  return {
    ...postgres,
    async stop() {
      await postgres.stop();
      await rm(parent, { recursive: true, force: true });
    },
  };
}

function stopServer(server: RunningPostgres | TestWorkflowEnvironment | MailCatcher): Promise<unknown> {
  return 'teardown' in server ? server.teardown() : server.stop();
}

/**
 * The real stack for end-to-end tests, all on loopback and free ports: embedded PostgreSQL, a
 * Temporal dev server, the local SMTP server, a worker and the API (in this process).
 */
export async function startTestStack(options: { worker?: boolean } = {}): Promise<TestStack> {
  const started = await Promise.allSettled([startTestPostgres(), startDevServer(), MailCatcher.start({ smtpPort: 0, viewerPort: 0 })] as const);
  const failure = started.find((result) => result.status === 'rejected');
  if (failure) {
    // Stop what did start, or Jest waits for it forever.
    await Promise.allSettled(started.map((result) => (result.status === 'fulfilled' ? stopServer(result.value) : undefined)));
    throw failure.reason;
  }
  const [postgres, temporal, mail] = started.map((result) => (result as PromiseFulfilledResult<unknown>).value) as [
    RunningPostgres,
    TestWorkflowEnvironment,
    MailCatcher,
  ];
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: postgres.url,
    TEMPORAL_ADDRESS: temporal.connection.options.address,
    TEMPORAL_TASK_QUEUE: `relance-test-${process.pid}`,
    SMTP_URL: mail.smtpUrl,
    PORT: '0',
  });
  const api = await createApi(config, { logger: false });
  await api.init();

  let worker: Worker | undefined;
  let workerRun: Promise<void> | undefined;
  let workerDataSource: DataSource | undefined;
  const mailer = createSmtpMailer(config.mail.smtpUrl, config.mail.from);
  if (options.worker !== false) {
    workerDataSource = await createDataSource(config.database.url).initialize();
    worker = await createDunningWorker({
      connection: temporal.nativeConnection,
      namespace: config.temporal.namespace,
      taskQueue: config.temporal.taskQueue,
      dataSource: workerDataSource,
      mailer,
    });
    workerRun = worker.run();
  }
  const dataSource = api.get<DataSource>(DATA_SOURCE);

  return {
    config,
    api,
    http: api.getHttpServer(),
    dataSource,
    mail,
    temporal,
    async stop() {
      worker?.shutdown();
      await workerRun;
      await workerDataSource?.destroy();
      mailer.close();
      await api.close();
      await temporal.teardown();
      await mail.stop();
      await postgres.stop();
    },
  };
}
