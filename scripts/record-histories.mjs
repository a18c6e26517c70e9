#!/usr/bin/env node
// Records the history of every dunning path the workflow tests run into test/workflows/histories/,
// for test/workflows/replay.test.ts. Existing files are kept: a history recorded from a released
// version must stay as it was, so that CI proves new code still replays it. `--overwrite` rewrites
// them (only for paths whose workflow code has never been released).
//   npm run histories:record [-- --overwrite]
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const overwrite = process.argv.includes('--overwrite');
const result = spawnSync(
  process.execPath,
  [path.join(root, 'node_modules', 'jest', 'bin', 'jest.js'), 'test/workflows', '--testPathIgnorePatterns', 'replay'],
  { cwd: root, stdio: 'inherit', env: { ...process.env, RECORD_HISTORIES: overwrite ? 'overwrite' : '1' } },
);
process.exit(result.status ?? 1);
