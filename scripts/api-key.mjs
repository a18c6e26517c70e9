#!/usr/bin/env node
// `npm run --silent api-key -- create --name erp --role backoffice`: builds if the sources changed,
// then runs the key CLI (dist/src/api/api-keys-cli.js) with the arguments given. Build output goes
// to stderr, so stdout carries only what the CLI prints (for create: the key alone).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from './prepare.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
build({ toStderr: true });
const cli = path.join(root, 'dist', 'src', 'api', 'api-keys-cli.js');
const result = spawnSync(process.execPath, ['--enable-source-maps', cli, ...process.argv.slice(2)], { stdio: 'inherit', cwd: root });
process.exit(result.status ?? 1);
