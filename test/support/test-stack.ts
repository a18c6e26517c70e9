import { chmod, mkdtemp, rm } from 'node:fs/promises';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import type { INestApplication, LoggerService } from '@nestjs/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import { createSmtpMailer } from '../../src/activities/mail/mailer';
import { ApiKeyStore, type ApiKeyRole } from '../../src/api/auth/api-key-store';
import { createApi } from '../../src/api/create-api';
import { DATA_SOURCE } from '../../src/api/tokens';
import { findProjectRoot, loadConfig, type AppConfig } from '../../src/config/config';
import { createDataSource } from '../../src/db/data-source';
import { startEmbeddedPostgres, type RunningPostgres } from '../../src/dev/embedded-postgres';
import { MailCatcher } from '../../src/dev/mail-catcher/mail-catcher';
import { createDunningWorker } from '../../src/worker/dunning-worker';
import { startOnFreePort } from './start-on-free-port';
import { startDevServer, type RunningDevServer } from './temporal-servers';

export interface TestStack {
  config: AppConfig;
  api: INestApplication;
  /**
   * What to hand to supertest: the API, authenticated as the back office. A request that sends no
   * key (neither Authorization nor X-Api-Key) gets the stack's backoffice key; one that sends its
   * own keeps it.
   */
  http: RequestListener;
  /** The API's raw HTTP server, unauthenticated: requests carry only the headers a test sets. */
  server: ReturnType<INestApplication['getHttpServer']>;
  /** The backoffice key `http` adds. */
  backofficeKey: string;
  /** Creates an active key; integrator keys need a creditor (default: the configured CREDITOR_ID). */
  createKey(role: ApiKeyRole, options?: { name?: string; creditorId?: string }): Promise<string>;
  dataSource: DataSource;
  mail: MailCatcher;
  temporal: TestWorkflowEnvironment;
  /** The Temporal Web UI's port, when started with `temporalUi: true`. */
  temporalUiPort?: number;
  /** Stops PostgreSQL now (an outage); stop() copes. */
  stopPostgres(): Promise<void>;
  /** Stops the Temporal server now (an outage); stop() copes. */
  stopTemporal(): Promise<void>;
  stop(): Promise<void>;
}

export interface TestStackOptions {
  /** Run a dunning worker (default true). */
  worker?: boolean;
  /** Extra configuration variables (API_RATE_LIMIT_PER_MINUTE…). */
  env?: Record<string, string>;
  /** The API's logger (default: none). */
  logger?: LoggerService;
  /** Serve the Temporal dev server's Web UI on a free port (default false), see `temporalUiPort`. */
  temporalUi?: boolean;
}

/** A throwaway real PostgreSQL: embedded binaries, a fresh temporary data folder, a free port. */
export async function startTestPostgres(): Promise<RunningPostgres> {
  // The folder must be reachable by the postgres user when tests run as root.
  const parent = await mkdtemp(path.join(os.tmpdir(), 'relance-test-pg-'));
  await chmod(parent, 0o755);
  const postgres = await startOnFreePort((port) =>
    startEmbeddedPostgres({ projectRoot: findProjectRoot(), dataDir: path.join(parent, 'data'), port, ephemeral: true }),
  );
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
export async function startTestStack(options: TestStackOptions = {}): Promise<TestStack> {
  const started = await Promise.allSettled([startTestPostgres(), startDevServer({ ui: options.temporalUi }), MailCatcher.start({ smtpPort: 0, viewerPort: 0 })] as const);
  const failure = started.find((result) => result.status === 'rejected');
  if (failure) {
    // Stop what did start, or Jest waits for it forever.
    await Promise.allSettled(started.map((result) => (result.status === 'fulfilled' ? stopServer(result.value) : undefined)));
    throw failure.reason;
  }
  const [postgres, temporal, mail] = started.map((result) => (result as PromiseFulfilledResult<unknown>).value) as [
    RunningPostgres,
    RunningDevServer,
    MailCatcher,
  ];
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: postgres.url,
    TEMPORAL_ADDRESS: temporal.connection.options.address,
    TEMPORAL_TASK_QUEUE: `relance-test-${process.pid}`,
    SMTP_URL: mail.smtpUrl,
    PORT: '0',
    ...options.env,
  });
  const api = await createApi(config, { logger: options.logger ?? false });
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
  const keys = new ApiKeyStore(dataSource);
  const createKey: TestStack['createKey'] = async (role, { name, creditorId } = {}) =>
    (await keys.create({ name: name ?? `test ${role}`, role, creditorId: role === 'integrator' ? (creditorId ?? config.dunning.creditorId) : creditorId })).key;
  const backofficeKey = await createKey('backoffice');
  const express = api.getHttpAdapter().getInstance() as RequestListener;
  const http: RequestListener = (request: IncomingMessage, response: ServerResponse) => {
    if (request.headers.authorization === undefined && request.headers['x-api-key'] === undefined) {
      request.headers.authorization = `Bearer ${backofficeKey}`;
    }
    express(request, response);
  };
  let workerStopped: Promise<void> | undefined;
  const stopWorker = () =>
    (workerStopped ??= (async () => {
      worker?.shutdown();
      await workerRun;
    })());
  let temporalStopped: Promise<void> | undefined;
  // The worker holds the connection the server's teardown closes: it stops first.
  const stopTemporal = () => (temporalStopped ??= stopWorker().then(() => temporal.teardown()));

  return {
    config,
    api,
    http,
    server: api.getHttpServer(),
    backofficeKey,
    createKey,
    dataSource,
    mail,
    temporal,
    temporalUiPort: temporal.uiPort,
    stopPostgres: () => postgres.stop(),
    stopTemporal,
    async stop() {
      await stopWorker();
      await workerDataSource?.destroy();
      mailer.close();
      await api.close();
      await stopTemporal();
      await mail.stop();
      await postgres.stop();
    },
  };
}
