/**
 * The real stack as separate processes, the way it runs in production: embedded PostgreSQL, a
 * Temporal dev server (SQLite, so it survives a restart), the local SMTP server, and the built
 * worker and API (dist/) as child processes. Each part can be stopped and started again on the
 * same port with its data, or killed: what the benchmarks and the fault-injection tests need.
 * Loopback and free ports only; nothing here depends on Jest.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { createInterface } from 'node:readline';
import { Client, Connection } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DataSource } from 'typeorm';
import { ApiKeyStore } from '../../src/api/auth/api-key-store';
import { findProjectRoot } from '../../src/config/config';
import { createDataSource } from '../../src/db/data-source';
import { startEmbeddedPostgres, type RunningPostgres } from '../../src/dev/embedded-postgres';
import { freePort } from '../../src/dev/free-port';
import { MailCatcher } from '../../src/dev/mail-catcher/mail-catcher';
import { startTemporalDevServer } from '../../src/dev/temporal-dev-server';
import { temporalCliExecutable } from '../../src/temporal/binaries';

export interface ManagedProcess {
  readonly name: string;
  readonly pid: number;
  /** Resolves when the process has exited, however. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Sends a signal; SIGKILL is a crash. */
  kill(signal?: NodeJS.Signals): void;
  /** Asks it to stop (SIGTERM), kills it after `graceMs`, resolves once it has exited. */
  stop(graceMs?: number): Promise<void>;
  /** Resident memory now, from /proc (Linux). */
  rssBytes(): Promise<number>;
  /** Its output so far (stdout and stderr), for diagnostics. */
  logFile: string;
}

export interface ProcessStackOptions {
  /** Configuration for the API and the workers, on top of the stack's own (see `env`). */
  env?: Record<string, string>;
  /** Workers started with the stack (default 1); more with startWorker(). */
  workers?: number;
  /** Start the API (default true). */
  api?: boolean;
  /**
   * The Temporal dev server's console log level (default 'error'). The fault tests use 'never': a
   * killed worker or a restart makes the server log every request it had in flight.
   */
  temporalLogLevel?: 'debug' | 'info' | 'warn' | 'error' | 'never';
}

export interface ProcessStack {
  /** The variables the API and workers run with (DATABASE_URL, TEMPORAL_ADDRESS, SMTP_URL…). */
  readonly env: Record<string, string>;
  readonly dir: string;
  readonly temporalAddress: string;
  readonly taskQueue: string;
  /** http://127.0.0.1:<port> of the API (when started). */
  readonly apiUrl: string;
  /** A backoffice API key. */
  readonly apiKey: string;
  /** The SMTP server now running (a new object after restartMail/startMail). */
  mail(): MailCatcher;
  api(): ManagedProcess | undefined;
  workers(): ManagedProcess[];
  startWorker(): Promise<ManagedProcess>;
  startApi(): Promise<ManagedProcess>;
  stopPostgres(): Promise<void>;
  startPostgres(): Promise<void>;
  stopTemporal(): Promise<void>;
  startTemporal(): Promise<void>;
  stopMail(): Promise<void>;
  startMail(): Promise<void>;
  /** A new connection to the stack's database (close it yourself). */
  connectDatabase(): Promise<DataSource>;
  /** A Temporal client on the stack's server (close `client.connection` yourself). */
  connectTemporal(): Promise<Client>;
  /** `fetch` on the API with the backoffice key. */
  request(method: string, route: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
  stop(): Promise<void>;
}

const DIST = path.join(findProjectRoot(), 'dist', 'src');

function spawnNode(name: string, script: string, env: NodeJS.ProcessEnv, logFile: string, readyLine: RegExp, timeoutMs = 60_000) {
  const child: ChildProcess = spawn(process.execPath, ['--enable-source-maps', script], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const log = createWriteStream(logFile, { flags: 'a' });
  child.stderr!.pipe(log, { end: false });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => {
      log.end();
      resolve({ code, signal });
    }),
  );
  const managed: ManagedProcess = {
    name,
    pid: child.pid!,
    exited,
    logFile,
    kill: (signal = 'SIGKILL') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    },
    async stop(graceMs = 20_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      child.kill('SIGTERM');
      await exited;
      clearTimeout(timer);
    },
    async rssBytes() {
      const status = await readFile(`/proc/${child.pid}/status`, 'utf8');
      const kb = /^VmRSS:\s+(\d+) kB/m.exec(status);
      if (!kb) throw new Error(`no VmRSS for ${name} (pid ${child.pid})`);
      return Number(kb[1]) * 1024;
    },
  };
  const ready = new Promise<ManagedProcess>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} was not ready within ${timeoutMs} ms; see ${logFile}`)), timeoutMs);
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${signal ?? `code ${code}`}) before it was ready; see ${logFile}`));
    });
    createInterface({ input: child.stdout! }).on('line', (line) => {
      log.write(`${line}\n`);
      if (readyLine.test(line)) {
        clearTimeout(timer);
        resolve(managed);
      }
    });
  });
  return ready;
}

async function waitUntilHealthy(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await fetch(url, { signal: AbortSignal.timeout(2_000) }).then((r) => r.ok, () => false);
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`${url} did not become healthy within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export async function startProcessStack(options: ProcessStackOptions = {}): Promise<ProcessStack> {
  const projectRoot = findProjectRoot();
  for (const script of ['worker/main.js', 'api/main.js']) {
    if (!existsSync(path.join(DIST, script))) throw new Error(`dist/src/${script} is missing: run npm run build first`);
  }
  // Reachable by the postgres user when run as root (embedded PostgreSQL runs initdb as that user).
  const dir = await mkdtemp(path.join(os.tmpdir(), 'relance-stack-'));
  await chmod(dir, 0o755);
  const [pgPort, temporalPort, smtpPort, viewerPort, apiPort] = await Promise.all([freePort(), freePort(), freePort(), freePort(), freePort()]);

  let postgres: RunningPostgres | undefined;
  let temporal: TestWorkflowEnvironment | undefined;
  let mail: MailCatcher | undefined;
  let api: ManagedProcess | undefined;
  const workers: ManagedProcess[] = [];
  let workerCount = 0;

  const startPostgres = async () => {
    postgres = await startEmbeddedPostgres({ projectRoot, dataDir: path.join(dir, 'postgres'), port: pgPort });
  };
  const startTemporal = async () => {
    temporal = await startTemporalDevServer({
      executable: temporalCliExecutable(process.env.TEMPORAL_CLI_PATH, projectRoot),
      port: temporalPort,
      namespace: 'default',
      dbFilename: path.join(dir, 'temporal.db'),
      logLevel: options.temporalLogLevel,
    });
  };
  const startMail = async () => {
    mail = await MailCatcher.start({ smtpPort, viewerPort, storeDir: path.join(dir, 'mail') });
  };

  const stop = async () => {
    await api?.stop();
    await Promise.all([...workers].map((worker) => worker.stop()));
    await temporal?.teardown();
    await mail?.stop();
    await postgres?.stop();
    await rm(dir, { recursive: true, force: true });
  };

  try {
    await Promise.all([startPostgres(), startTemporal(), startMail()]);
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'test',
      DATABASE_URL: postgres!.url,
      TEMPORAL_ADDRESS: `127.0.0.1:${temporalPort}`,
      TEMPORAL_TASK_QUEUE: 'relance-dunning',
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      MAIL_DELIVERY_LOOKUP_URL: `http://127.0.0.1:${viewerPort}`,
      API_HOST: '127.0.0.1',
      PORT: String(apiPort),
      DB_MIGRATIONS_RUN: 'false',
      API_RATE_LIMIT_PER_MINUTE: '0',
      // A step due now goes out now, whatever the day and hour the run happens at.
      DUNNING_SEND_HOUR: '0',
      DUNNING_SEND_DAYS: 'every_day',
      ...options.env,
    };
    const connectDatabase = () => createDataSource(env.DATABASE_URL).initialize();
    const setup = await connectDatabase();
    await setup.runMigrations({ transaction: 'each' });
    const { key: apiKey } = await new ApiKeyStore(setup).create({ name: 'process stack', role: 'backoffice' });
    await setup.destroy();

    const apiUrl = `http://127.0.0.1:${apiPort}`;
    const startWorker = async () => {
      const worker = await spawnNode(`worker ${++workerCount}`, path.join(DIST, 'worker', 'main.js'), env, path.join(dir, `worker-${workerCount}.log`), /^worker: polling/);
      workers.push(worker);
      void worker.exited.then(() => workers.splice(workers.indexOf(worker), 1));
      return worker;
    };
    const startApi = async () => {
      api = await spawnNode('API', path.join(DIST, 'api', 'main.js'), env, path.join(dir, 'api.log'), /^api: listening/);
      await waitUntilHealthy(`${apiUrl}/health`);
      return api;
    };
    for (let i = 0; i < (options.workers ?? 1); i++) await startWorker();
    if (options.api !== false) await startApi();

    return {
      env,
      dir,
      temporalAddress: env.TEMPORAL_ADDRESS,
      taskQueue: env.TEMPORAL_TASK_QUEUE,
      apiUrl,
      apiKey,
      mail: () => mail!,
      api: () => api,
      workers: () => [...workers],
      startWorker,
      startApi,
      stopPostgres: async () => {
        await postgres?.stop();
        postgres = undefined;
      },
      startPostgres,
      stopTemporal: async () => {
        await temporal?.teardown();
        temporal = undefined;
      },
      startTemporal,
      stopMail: async () => {
        await mail?.stop();
        mail = undefined;
      },
      startMail,
      connectDatabase,
      connectTemporal: async () => new Client({ connection: await Connection.connect({ address: env.TEMPORAL_ADDRESS }), namespace: 'default' }),
      request: (method, route, body, headers = {}) =>
        fetch(`${apiUrl}${route}`, {
          method,
          headers: { authorization: `Bearer ${apiKey}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
          body: body === undefined ? undefined : JSON.stringify(body),
        }),
      stop,
    };
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
}
