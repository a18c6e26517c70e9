/**
 * The process stack (test/support/process-stack.ts) as the benchmarks use it: a fresh one per
 * benchmark, always stopped, optionally with V8 CPU profiles of the API and workers.
 */
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { findProjectRoot } from '../../src/config/config';
import { startProcessStack, type ProcessStack, type ProcessStackOptions } from '../../test/support/process-stack';

export const PROFILES_DIR = path.join(findProjectRoot(), 'bench', 'profiles');

export interface BenchStackOptions extends ProcessStackOptions {
  /** Write .cpuprofile files of the API and workers to bench/profiles/<benchmark>/ (open in Chrome DevTools). */
  profile?: string;
}

function profilingEnv(benchmark: string): Record<string, string> {
  const dir = path.join(PROFILES_DIR, benchmark);
  mkdirSync(dir, { recursive: true });
  return { NODE_OPTIONS: `--require ${path.join(__dirname, 'cpu-profiler.js')}`, BENCH_CPU_PROFILE_DIR: dir };
}

/** Runs `body` on a fresh stack and stops the stack whatever happens. */
export async function withStack<T>(options: BenchStackOptions, body: (stack: ProcessStack) => Promise<T>): Promise<T> {
  const env = { ...options.env, ...(options.profile ? profilingEnv(options.profile) : {}) };
  const stack = await startProcessStack({ ...options, env });
  try {
    return await body(stack);
  } catch (error) {
    console.error(`logs of the failed run are in ${stack.dir} until the stack stops: API ${stack.api()?.logFile ?? '-'}, workers ${stack.workers().map((w) => w.logFile).join(', ') || '-'}`);
    throw error;
  } finally {
    if (options.profile) console.log(`CPU profiles: ${path.relative(process.cwd(), path.join(PROFILES_DIR, options.profile))}/ (API pid ${stack.api()?.pid ?? '-'}, workers ${stack.workers().map((w) => w.pid).join(', ') || '-'})`);
    await stack.stop();
  }
}
