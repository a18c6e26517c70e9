/**
 * Footprint: 10,000 open dunnings (due in 30 days) imported with the worker running; once every
 * one has run its first workflow task, the worker's and the API's resident memory, what PostgreSQL
 * (and Temporal's SQLite) hold per 10,000 invoices, and the history length of an open dunning and
 * of a complete one (the recorded path to escalation).
 */
import { readFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import { DEFAULT_MAX_CACHED_WORKFLOWS, findProjectRoot } from '../src/config/config';
import type { ManagedProcess, ProcessStack } from '../test/support/process-stack';
import { cpuBetween, cpuSnapshot } from './support/cpu-time';
import { importInvoices, invoiceLine } from './support/invoices';
import type { BenchOptions } from './support/options';
import { pollUntil } from '../test/support/poll';
import { row, type BenchmarkReport } from './support/report';
import { mib } from './support/stats';
import { withStack } from './support/stack';

const TARGET_WORKER_MIB = 500;
const TARGET_HISTORY_EVENTS = 200;
export const COMPLETE_HISTORY = 'test/workflows/histories/complete-path-to-escalation.json';
const TABLES = ['invoices', 'dunning_events', 'dunning_tasks', 'sent_emails'];
/**
 * Memory is read once the worker has been idle this long: V8 gives back what the burst of first
 * tasks left behind only when idle (measured: 590 MB busy, 290 MB a minute later). The peak during
 * the import is reported too.
 */
const SETTLE_MS = 60_000;

/** Resident memory of some processes, sampled every second while a measurement runs: peak and latest. */
function sampleRss(processes: Record<string, ManagedProcess>) {
  const peak: Record<string, number> = {};
  const latest: Record<string, number> = {};
  const sample = () =>
    Promise.all(
      Object.entries(processes).map(async ([name, proc]) => {
        latest[name] = await proc.rssBytes();
        peak[name] = Math.max(peak[name] ?? 0, latest[name]);
      }),
    );
  const timer = setInterval(() => void sample().catch(() => undefined), 1000);
  return { peak, latest, sample, stop: () => clearInterval(timer) };
}

async function temporalStoreBytes(stack: ProcessStack): Promise<number> {
  const sizes = await Promise.all(['', '-wal'].map((suffix) => stat(path.join(stack.dir, `temporal.db${suffix}`)).then((s) => s.size, () => 0)));
  return sizes.reduce((a, b) => a + b, 0);
}

/** The SDK 1.24 default of maxCachedWorkflows for a Node process of this machine's default heap (worker-options.js). */
function sdkDefaultCachedWorkflows(): number {
  const heapMiB = v8.getHeapStatistics().heap_size_limit / 1024 / 1024;
  return Math.max(Math.floor((Math.max(heapMiB - 200, 0) * 600) / 1024), 10);
}

export async function footprint(options: BenchOptions): Promise<BenchmarkReport> {
  const n = options.int('n', 10_000);
  const per10k = (bytes: number) => Math.round(mib((bytes * 10_000) / n));

  return withStack({ workers: 1, profile: options.flag('profile') ? 'footprint' : undefined }, async (stack) => {
    const api = stack.api()!;
    const worker = stack.workers()[0];
    const db = await stack.connectDatabase();
    const client = await stack.connectTemporal();
    try {
      const beforeImport = { worker: await worker.rssBytes(), api: await api.rssBytes() };
      const dbSize = async () => Number((await db.query('SELECT pg_database_size(current_database()) AS bytes'))[0].bytes);
      const [pgBefore, temporalBefore] = [await dbSize(), await temporalStoreBytes(stack)];
      const rss = sampleRss({ worker, api });
      const cpu0 = cpuSnapshot();
      const started = Date.now();

      console.log(`footprint: ${n} open dunnings (due in 30 days) through the batch import, worker running`);
      const lines = Array.from({ length: n }, (_, i) => invoiceLine('FOOT', i, 30));
      const { ids } = await importInvoices(stack, lines, 1_000);
      const importedMs = Date.now() - started;
      await pollUntil(async () => (await db.query('SELECT count(*)::int AS n FROM invoices WHERE balance_cents IS NOT NULL'))[0].n as number, (c) => c >= n, {
        what: 'dunnings that ran their first task',
        timeoutMs: Math.max(300_000, n * 200),
        intervalMs: 1000,
      });
      const allRunningMs = Date.now() - started;
      const cpu1 = cpuSnapshot();
      await rss.sample();
      const allRunning = { ...rss.latest };
      console.log(`footprint: all running; memory read after ${SETTLE_MS / 1000} s idle`);
      await new Promise((resolve) => setTimeout(resolve, SETTLE_MS)); // the measurement window, not a wait for a condition
      rss.stop();
      await rss.sample();
      const now = { worker: rss.latest.worker, api: rss.latest.api };
      const peak = { worker: rss.peak.worker, api: rss.peak.api };

      await db.query('CHECKPOINT');
      const pgAfter = await dbSize();
      const tableBytes: Record<string, number> = {};
      for (const table of TABLES) tableBytes[table] = Number((await db.query('SELECT pg_total_relation_size($1) AS bytes', [table]))[0].bytes);
      const temporalAfter = await temporalStoreBytes(stack);

      const openHistory = await client.workflow.getHandle(`invoice:default:${lines[0].invoiceNumber}`).fetchHistory();
      const completeHistory = (JSON.parse(readFileSync(path.join(findProjectRoot(), COMPLETE_HISTORY), 'utf8')) as { events: unknown[] }).events.length;
      if (ids.size !== n) throw new Error(`footprint: ${ids.size} invoices imported, expected ${n}`);

      const workerMiB = mib(now.worker);
      return {
        name: 'footprint',
        title: `Footprint with ${n} open dunnings`,
        parameters: { n },
        rows: [
          row('worker RSS, open dunnings', 'MiB', workerMiB, null, `< ${TARGET_WORKER_MIB} MiB`, workerMiB < TARGET_WORKER_MIB),
          row('worker RSS, peak during the import', 'MiB', mib(peak.worker), null, null, null),
          row('API RSS, open dunnings', 'MiB', mib(now.api), null, null, null),
          row('API RSS, peak during the import', 'MiB', mib(peak.api), null, null, null),
          row('PostgreSQL per 10,000 invoices', 'MiB', per10k(pgAfter - pgBefore), null, null, null),
          row('Temporal SQLite per 10,000 dunnings', 'MiB', per10k(temporalAfter - temporalBefore), null, null, null),
          row('history of a complete dunning', 'events', completeHistory, null, `< ${TARGET_HISTORY_EVENTS}`, completeHistory < TARGET_HISTORY_EVENTS),
          row('history of an open dunning', 'events', openHistory.events?.length ?? 0, null, null, null),
        ],
        details: {
          rssBytes: { beforeImport, whenAllRunning: allRunning, settled: now, peak, settleMs: SETTLE_MS },
          postgres: { bytesBefore: pgBefore, bytesAfter: pgAfter, bytesPerInvoice: Math.round((pgAfter - pgBefore) / n), tables: tableBytes },
          temporalSqliteBytes: { before: temporalBefore, after: temporalAfter, perDunning: Math.round((temporalAfter - temporalBefore) / n) },
          completeHistoryFile: COMPLETE_HISTORY,
          workerMaxCachedWorkflows: { configured: DEFAULT_MAX_CACHED_WORKFLOWS, sdkDefaultHere: sdkDefaultCachedWorkflows() },
          importedMs,
          allRunningMs,
          cpu: cpuBetween(cpu0, cpu1, allRunningMs),
        },
        notes: [
          `The worker keeps at most ${DEFAULT_MAX_CACHED_WORKFLOWS} dunnings in memory (WORKER_MAX_CACHED_WORKFLOWS; the SDK's own default here would be ${sdkDefaultCachedWorkflows()}).`,
          `PostgreSQL: ${Math.round((pgAfter - pgBefore) / n)} bytes per open dunning; Temporal SQLite: ${Math.round((temporalAfter - temporalBefore) / n)} bytes.`,
        ],
      };
    } finally {
      await client.connection.close();
      await db.destroy();
    }
  });
}
