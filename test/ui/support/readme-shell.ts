/**
 * Runs the README's shell blocks as written, so the commands a newcomer pastes are the ones tested.
 * A block is marked by an HTML comment just before it (invisible on GitHub):
 *
 *     <!-- test:walkthrough-invoice -->
 *     ```bash
 *     …
 *     ```
 *
 * Blocks run in bash one after another as if pasted into one terminal: the variables a block sets
 * (ID, TASK…) are there for the next. The working folder stands in for the project root: it holds
 * `.data/dev-api-key` (the test stack's key) and links `.tools` to the project's Temporal CLI.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { findProjectRoot } from '../../../src/config/config';

const run = promisify(execFile);
const BLOCK = /<!-- test:([a-z0-9-]+) -->\s*```bash\n([\s\S]*?)```/g;
/** `NAME=…` at the start of a line: the variables a block sets, kept for the next blocks. */
const ASSIGNMENT = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=/gm;

export interface ReadmeShellOptions {
  /** What `.data/dev-api-key` holds. */
  apiKey: string;
  /** Text to replace in every block: the README's URLs (npm start's ports) by the test stack's. */
  replace: Record<string, string>;
  /** Extra environment (TEMPORAL_ADDRESS for the CLI). */
  env?: Record<string, string>;
}

export class ReadmeShell {
  private constructor(
    private readonly blocks: Map<string, string>,
    private readonly folder: string,
    private readonly options: ReadmeShellOptions,
  ) {}

  static async open(options: ReadmeShellOptions): Promise<ReadmeShell> {
    const root = findProjectRoot();
    const readme = await readFile(path.join(root, 'README.md'), 'utf8');
    const blocks = new Map([...readme.matchAll(BLOCK)].map((match) => [match[1], match[2]] as [string, string]));
    const folder = await mkdtemp(path.join(os.tmpdir(), 'relance-readme-'));
    await mkdir(path.join(folder, '.data'));
    await writeFile(path.join(folder, '.data', 'dev-api-key'), `${options.apiKey}\n`);
    await symlink(path.join(root, '.tools'), path.join(folder, '.tools'));
    await writeFile(path.join(folder, 'variables.sh'), '');
    return new ReadmeShell(blocks, folder, options);
  }

  /** Runs the block marked `test:<name>` after the earlier ones; answers what it printed. Fails when a command fails. */
  async run(name: string, replace: Record<string, string> = {}): Promise<string> {
    const block = this.blocks.get(name);
    if (block === undefined) throw new Error(`README.md has no block marked <!-- test:${name} -->`);
    let script = block;
    for (const [from, to] of Object.entries({ ...this.options.replace, ...replace })) script = script.split(from).join(to);
    const assigned = [...new Set([...script.matchAll(ASSIGNMENT)].map((match) => match[1]))];
    const keep = assigned.length > 0 ? `declare -p ${assigned.join(' ')} >> variables.sh\n` : '';
    const { stdout } = await run('bash', ['-c', `set -euo pipefail\n. ./variables.sh\n${script}\n${keep}`], {
      cwd: this.folder,
      // The same node as the tests for the blocks' `node -p`.
      env: { ...process.env, ...this.options.env, PATH: `${path.dirname(process.execPath)}:${process.env.PATH ?? ''}` },
      timeout: 60_000,
      maxBuffer: 16 * 1024 * 1024,
    }).catch((error: Error & { stdout?: string; stderr?: string }) => {
      throw new Error(`The README block ${name} failed: ${error.message}\n--- stdout\n${error.stdout ?? ''}\n--- stderr\n${error.stderr ?? ''}`);
    });
    return stdout;
  }

  /** A shell variable set by a block run so far. */
  async variable(name: string): Promise<string> {
    const { stdout } = await run('bash', ['-c', `. ./variables.sh; printf %s "\${${name}:?not set}"`], { cwd: this.folder });
    return stdout;
  }

  async close(): Promise<void> {
    await rm(this.folder, { recursive: true, force: true });
  }
}
