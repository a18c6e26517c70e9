import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { temporalCliExecutable, TOOLS_BIN_DIR } from './binaries';

function executable(dir: string, name: string): string {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name);
  writeFileSync(file, '#!/bin/sh\n');
  chmodSync(file, 0o755);
  return file;
}

describe('Temporal binary lookup order', () => {
  const originalPath = process.env.PATH;
  let root: string;
  let pathDir: string;

  beforeEach(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'relance-bin-'));
    pathDir = path.join(root, 'on-path');
    process.env.PATH = pathDir;
  });
  afterEach(() => {
    process.env.PATH = originalPath;
    rmSync(root, { recursive: true, force: true });
  });

  it('falls back to the SDK download when nothing is installed', () => {
    expect(temporalCliExecutable(undefined, root)).toEqual({ type: 'cached-download' });
  });

  it('prefers PATH over the download, the tools folder over PATH, and an explicit path over all', () => {
    const onPath = executable(pathDir, 'temporal');
    expect(temporalCliExecutable(undefined, root)).toEqual({ type: 'existing-path', path: onPath });
    const inTools = executable(path.join(root, TOOLS_BIN_DIR), 'temporal');
    expect(temporalCliExecutable(undefined, root)).toEqual({ type: 'existing-path', path: inTools });
    const explicit = executable(path.join(root, 'elsewhere'), 'temporal');
    expect(temporalCliExecutable(explicit, root)).toEqual({ type: 'existing-path', path: explicit });
  });

  it('refuses an explicit path that is not an executable', () => {
    expect(() => temporalCliExecutable(path.join(root, 'missing'), root)).toThrow(/not an executable/);
  });
});
