import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as os from 'node:os';

export interface MachineDescription {
  cpu: string;
  cores: number;
  ramGiB: number;
  os: string;
  node: string;
  commit: string;
  /** 1-minute load average when the benchmark started: anything else running skews the figures. */
  loadAverage1m: number;
}

function osName(): string {
  try {
    const pretty = /^PRETTY_NAME="?([^"\n]+)"?/m.exec(readFileSync('/etc/os-release', 'utf8'));
    if (pretty) return `${pretty[1]}, ${os.type()} ${os.release()}`;
  } catch {
    // not Linux, or no os-release: the kernel is enough
  }
  return `${os.type()} ${os.release()}`;
}

function gitCommit(): string {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return dirty ? `${commit} (with uncommitted changes)` : commit;
  } catch {
    return 'unknown';
  }
}

export function describeMachine(): MachineDescription {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    ramGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    os: osName(),
    node: process.version,
    commit: gitCommit(),
    loadAverage1m: Math.round(os.loadavg()[0] * 100) / 100,
  };
}

export const machineLine = (m: MachineDescription) =>
  `${m.cpu}, ${m.cores} cores, ${m.ramGiB} GiB RAM, ${m.os}, Node ${m.node}, commit ${m.commit}, load ${m.loadAverage1m}`;
