#!/usr/bin/env node
// Everything `npm start` and `npm test` need before they run, from a fresh clone: dependencies,
// the Temporal binaries, and (for start) a build of the TypeScript and the workflow bundle.
// Uses only Node's standard library, since node_modules may not exist yet.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { installTemporalTools } from './install-temporal-tools.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const run = (command, stdio = 'inherit') => execSync(command, { cwd: root, stdio });

function newestMtime(target) {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(target).map((entry) => newestMtime(path.join(target, entry))));
}

export function installDependencies() {
  const installed = path.join(root, 'node_modules', '.package-lock.json');
  if (existsSync(installed) && newestMtime(installed) >= newestMtime(path.join(root, 'package-lock.json'))) return;
  console.log('[prepare] installing npm dependencies …');
  run('npm ci --no-audit --no-fund');
}

/** Builds when src/ or the lock file changed. `{ toStderr: true }` keeps stdout for the caller's own output. */
export function build({ toStderr = false } = {}) {
  const stamp = path.join(root, 'dist', '.build-stamp');
  const sources = Math.max(newestMtime(path.join(root, 'src')), newestMtime(path.join(root, 'package-lock.json')));
  if (existsSync(stamp) && newestMtime(stamp) >= sources) return;
  (toStderr ? console.error : console.log)('[prepare] building …');
  run('npm run --silent build', toStderr ? ['inherit', 2, 'inherit'] : 'inherit');
  writeFileSync(stamp, new Date().toISOString());
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  installDependencies();
  installTemporalTools();
  if (process.argv.includes('--build')) build();
}
