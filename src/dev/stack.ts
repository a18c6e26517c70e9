/**
 * The whole local stack in one process tree (`npm start`): embedded PostgreSQL, the Temporal dev
 * server with its Web UI, an SMTP server with a mail viewer, the worker and the API. Each embedded
 * part is skipped when its variable (DATABASE_URL, TEMPORAL_ADDRESS, SMTP_URL) points elsewhere.
 * Data lives under .data/ and survives restarts. Ctrl-C stops everything, the API first.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import * as path from 'node:path';
import { loadConfig } from '../config/config';
import { createDataSource } from '../db/data-source';
import { ensureDevApiKey } from './dev-api-key';
import { temporalCliExecutable } from '../temporal/binaries';
import { startEmbeddedPostgres } from './embedded-postgres';
import { MailCatcher } from './mail-catcher/mail-catcher';
import { startTemporalDevServer } from './temporal-dev-server';

type Stoppable = { name: string; stop: () => Promise<unknown> };

const say = (message: string) => console.log(`[stack] ${message}`);

function portOf(hostAndPort: string): number {
  return Number(hostAndPort.slice(hostAndPort.lastIndexOf(':') + 1));
}

function runNodeProcess(name: string, script: string, env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, ['--enable-source-maps', script], { env, stdio: 'inherit' });
  child.once('exit', (code, signal) => {
    if (!shuttingDown) {
      say(`${name} exited unexpectedly (${signal ?? `code ${code}`}); stopping the stack`);
      void shutdown(1);
    }
  });
  return child;
}

function stopChild(name: string, child: ChildProcess, graceMs = 20_000): Stoppable {
  return {
    name,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

/** The API answers /health once it reaches PostgreSQL and Temporal; the URLs are printed only then. */
async function waitUntilHealthy(url: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !shuttingDown) {
    try {
      if ((await fetch(url, { signal: AbortSignal.timeout(2000) })).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the API did not become healthy at ${url} within ${timeoutMs / 1000} s`);
}

let shuttingDown = false;
const running: Stoppable[] = [];

async function shutdown(code: number): Promise<void> {
  if (shuttingDown) return;
  shuttingDown = true;
  say('stopping…');
  for (const part of running.reverse()) {
    try {
      await part.stop();
      say(`${part.name} stopped`);
    } catch (error) {
      say(`${part.name} did not stop cleanly: ${error instanceof Error ? error.message : error}`);
    }
  }
  process.exit(code);
}

async function main() {
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
  const env: NodeJS.ProcessEnv = { ...process.env };
  // Development timing: a step due now goes out now, night or weekend, so a newcomer sees it happen.
  if (env.NODE_ENV !== 'production') {
    env.DUNNING_SEND_HOUR ||= '0';
    env.DUNNING_SEND_DAYS ||= 'every_day';
  }
  const config = loadConfig(env);

  if (config.database.embedded) {
    const postgres = await startEmbeddedPostgres({
      projectRoot: config.projectRoot,
      dataDir: path.join(config.dataDir, 'postgres'),
      port: config.database.embeddedPort,
    });
    running.push({ name: 'PostgreSQL', stop: postgres.stop });
    env.DATABASE_URL = postgres.url;
    say(`PostgreSQL (embedded) on port ${config.database.embeddedPort}, data in ${postgres.dataDir}`);
  }

  let temporalUi: string | undefined;
  if (config.temporal.embedded) {
    const executable = temporalCliExecutable(config.temporal.cliPath, config.projectRoot);
    say(`starting the Temporal dev server (${executable.type === 'existing-path' ? executable.path : 'downloaded by the SDK'})`);
    await mkdir(path.join(config.dataDir, 'temporal'), { recursive: true });
    const temporal = await startTemporalDevServer({
      executable,
      port: portOf(config.temporal.address),
      namespace: config.temporal.namespace,
      uiPort: config.temporal.uiPort,
      dbFilename: path.join(config.dataDir, 'temporal', 'dev.db'),
    });
    running.push({ name: 'Temporal dev server', stop: () => temporal.teardown() });
    temporalUi = `http://127.0.0.1:${config.temporal.uiPort}`;
  }

  let mailViewer: string | undefined;
  if (config.mail.embedded) {
    const mail = await MailCatcher.start({
      smtpPort: Number(new URL(config.mail.smtpUrl).port),
      viewerPort: config.mail.viewerPort,
      storeDir: path.join(config.dataDir, 'mail'),
    });
    running.push({ name: 'mail catcher', stop: () => mail.stop() });
    mailViewer = mail.viewerUrl;
    // The worker asks it what it already holds before resending an e-mail cut off mid-send.
    env.MAIL_DELIVERY_LOOKUP_URL ||= mail.viewerUrl;
  }

  // Migrations run once here, before the API and the worker connect; then the development key.
  const dataSource = await createDataSource(env.DATABASE_URL ?? config.database.url).initialize();
  const applied = await dataSource.runMigrations({ transaction: 'each' });
  const keyFile = path.join(config.dataDir, 'dev-api-key');
  const devKey = config.nodeEnv === 'production' ? undefined : await ensureDevApiKey(dataSource, keyFile);
  await dataSource.destroy();
  if (applied.length > 0) say(`applied migrations: ${applied.map((m) => m.name).join(', ')}`);
  if (devKey?.created) say(`created a development API key (backoffice), kept in ${path.relative(process.cwd(), keyFile) || keyFile}`);

  const dist = path.join(config.projectRoot, 'dist', 'src');
  const worker = runNodeProcess('worker', path.join(dist, 'worker', 'main.js'), env);
  running.push(stopChild('worker', worker));
  const api = runNodeProcess('API', path.join(dist, 'api', 'main.js'), { ...env, DB_MIGRATIONS_RUN: 'false' });
  running.push(stopChild('API', api));

  const base = config.api.publicUrl;
  await waitUntilHealthy(`${base}/health`);
  console.log(
    [
      '',
      'Relance is up. Open:',
      `  API              ${base}   (health: ${base}/health)`,
      `  Swagger UI       ${base}/docs${devKey ? '   (Authorize: paste the API key)' : ''}`,
      devKey
        ? `  API key          ${devKey.key}\n                   backoffice, for local use only; kept in ${path.relative(process.cwd(), keyFile) || keyFile}\n                   curl -H "Authorization: Bearer $(cat ${path.relative(process.cwd(), keyFile) || keyFile})" ${base}/v1/plans`
        : `  API key          create one: node dist/src/api/api-keys-cli.js create --name <holder> --role backoffice`,
      temporalUi ? `  Temporal Web UI  ${temporalUi}` : `  Temporal         ${config.temporal.address} (external)`,
      mailViewer ? `  Mail viewer      ${mailViewer}` : `  SMTP             ${config.mail.smtpUrl} (external)`,
      `  Send slot        ${config.dunning.sendDays === 'every_day' ? 'every day' : 'business days'} from ${config.dunning.sendHour}:00 Europe/Paris` +
        (config.dunning.sendDays === 'every_day' && config.dunning.sendHour === 0 ? ' (a step due now goes out now; production: DUNNING_SEND_HOUR=9 DUNNING_SEND_DAYS=business_days)' : ''),
      'Press Ctrl-C to stop everything.',
      '',
    ].join('\n'),
  );
}

main().catch((error) => {
  console.error('[stack] failed to start:', error instanceof Error ? error.message : error);
  void shutdown(1);
});
