import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { createInterface } from 'node:readline';

export interface RunningPostgres {
  url: string;
  /** Where the data really lives (see scripts/embedded-postgres.mjs for when it is not the folder asked for). */
  dataDir: string;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  projectRoot: string;
  dataDir: string;
  port: number;
  database?: string;
  /** Delete the data folder on stop (tests). */
  ephemeral?: boolean;
  /** How long to wait for the first start, which runs initdb. */
  startTimeoutMs?: number;
}

/**
 * Runs scripts/embedded-postgres.mjs as a child process. embedded-postgres is an ES module that
 * loads its binaries with import.meta, which Jest cannot load in-process; a child process also
 * keeps PostgreSQL's lifetime tied to ours (it stops when our end of its stdin closes).
 */
export function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const script = path.join(options.projectRoot, 'scripts', 'embedded-postgres.mjs');
  const args = [script, '--dir', options.dataDir, '--port', String(options.port), '--database', options.database ?? 'relance', '--watch-parent'];
  if (options.ephemeral) args.push('--ephemeral');
  const child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGINT');
      reject(new Error(`embedded PostgreSQL did not start within ${options.startTimeoutMs ?? 60_000} ms`));
    }, options.startTimeoutMs ?? 60_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`embedded PostgreSQL exited with code ${code} before it was ready`));
    });
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (!line.startsWith('READY ')) return;
      clearTimeout(timer);
      const [url, dataDir] = line.slice('READY '.length).trim().split(' ');
      resolve({
        url,
        dataDir,
        async stop() {
          if (child.exitCode === null) child.kill('SIGINT');
          await exited;
        },
      });
    });
  });
}
