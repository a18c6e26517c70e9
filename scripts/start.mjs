#!/usr/bin/env node
// `npm start`: installs what is missing, builds, then runs the local stack (src/dev/stack.ts).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, installDependencies } from './prepare.mjs';
import { installTemporalTools } from './install-temporal-tools.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
installDependencies();
installTemporalTools();
build();

const stack = spawn(process.execPath, ['--enable-source-maps', path.join(root, 'dist', 'src', 'dev', 'stack.js')], { stdio: 'inherit', cwd: root });
// Ctrl-C reaches the whole process group; the stack decides the order of shutdown, we just wait for it.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => stack.kill(signal));
stack.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
