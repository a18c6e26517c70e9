import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';

/** Runs a compiled bench script in its own Node process and returns the JSON line it prints last. */
export function runNodeScript<T>(script: string, args: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, JSON.stringify(args)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`${script} exited with code ${code}`));
      try {
        resolve(JSON.parse(output.trim().split('\n').at(-1) ?? '') as T);
      } catch {
        reject(new Error(`${script} printed no JSON result: ${output.slice(0, 300)}`));
      }
    });
  });
}

export interface RunningScript {
  pid: number;
  /** SIGTERM, then waits for the exit. */
  stop(): Promise<void>;
}

/** Starts a long-running bench script (a worker); resolves once it prints `readyLine`. Its output goes to `logFile`. */
export function startNodeScript(script: string, args: unknown, readyLine: RegExp, logFile: string, timeoutMs = 120_000): Promise<RunningScript> {
  const child = spawn(process.execPath, [script, JSON.stringify(args)], { stdio: ['ignore', 'pipe', 'pipe'] });
  const log = createWriteStream(logFile, { flags: 'a' });
  child.stderr.pipe(log);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const running: RunningScript = {
    pid: child.pid!,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} not ready within ${timeoutMs} ms; see ${logFile}`)), timeoutMs);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`${script} exited before it was ready; see ${logFile}`));
    });
    createInterface({ input: child.stdout }).on('line', (line) => {
      log.write(`${line}\n`);
      if (readyLine.test(line)) {
        clearTimeout(timer);
        resolve(running);
      }
    });
  });
}
