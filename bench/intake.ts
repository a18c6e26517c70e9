/**
 * Intake: N invoices through POST /v1/invoices/batch until every one is stored and its dunning
 * started, against N trivial workflows started straight through @temporalio/client on the same
 * Temporal server (no worker for either: this measures starting, not running).
 *
 * Fairness: the baseline runs half before and half after the product, so both see the server at
 * the same mix of fresh and filled; both start with the importer's parallelism (START_CONCURRENCY);
 * both get a small warm-up that is not timed.
 */
import { START_CONCURRENCY } from '../src/api/invoices/invoice-batch';
import type { ProcessStack } from '../test/support/process-stack';
import { cpuBetween, cpuSnapshot } from './support/cpu-time';
import { importInvoices, invoiceLine } from './support/invoices';
import type { BenchOptions } from './support/options';
import { row, type BenchmarkReport } from './support/report';
import { ratePerSecond, summarize } from './support/stats';
import { withStack } from './support/stack';
import { runBounded } from './support/bounded';
import { settledWorkflowCount } from './support/temporal';

const BASELINE_TASK_QUEUE = 'bench-trivial-no-worker';
const WARM_UP = 50;
const TARGET_RATIO = 0.7;

export async function intake(options: BenchOptions): Promise<BenchmarkReport> {
  const n = options.int('n', 5_000);
  const batchSize = options.int('batch-size', 1_000);
  const concurrency = options.int('concurrency', START_CONCURRENCY);
  if (batchSize > 10_000) throw new Error('--batch-size: the batch route takes at most 10,000 lines');

  return withStack({ workers: 0, profile: options.flag('profile') ? 'intake' : undefined }, async (stack: ProcessStack) => {
    const client = await stack.connectTemporal();
    try {
      let baselineCount = 0;
      const startTrivial = (count: number) =>
        runBounded(count, concurrency, () =>
          client.workflow.start('benchTrivialWorkflow', { workflowId: `trivial-${baselineCount++}`, taskQueue: BASELINE_TASK_QUEUE, args: [] }),
        );
      const lines = Array.from({ length: n + WARM_UP }, (_, i) => invoiceLine('INTAKE', i, 60));

      console.log(`intake: warm-up (${WARM_UP} trivial starts, a batch of ${WARM_UP} invoices)`);
      await startTrivial(WARM_UP);
      await importInvoices(stack, lines.slice(n), WARM_UP);

      const firstHalf = Math.floor(n / 2);
      const cpu0 = cpuSnapshot();
      console.log(`intake: baseline, ${firstHalf} trivial workflow starts (${concurrency} in flight)`);
      const baselineMs1 = await startTrivial(firstHalf);
      const cpu1 = cpuSnapshot();
      console.log(`intake: product, ${n} invoices in batches of ${batchSize}`);
      const productStart = Date.now();
      const imported = await importInvoices(stack, lines.slice(0, n), batchSize);
      const productMs = Date.now() - productStart;
      const cpu2 = cpuSnapshot();
      console.log(`intake: baseline, ${n - firstHalf} more trivial workflow starts`);
      const baselineMs2 = await startTrivial(n - firstHalf);
      const cpu3 = cpuSnapshot();
      const baselineMs = baselineMs1 + baselineMs2;

      // What the answers said, checked where it lives: the rows, and the runs on the Temporal server.
      const db = await stack.connectDatabase();
      const [{ stored }] = await db.query(`SELECT count(*)::int AS stored FROM invoices WHERE invoice_number LIKE 'INTAKE-%' AND dunning_started_at IS NOT NULL`);
      await db.destroy();
      if (stored !== n + WARM_UP) throw new Error(`intake: ${stored} invoices stored with their dunning started, expected ${n + WARM_UP}`);
      const productRuns = await settledWorkflowCount(client, `TaskQueue = '${stack.taskQueue}'`, n + WARM_UP);
      const baselineRuns = await settledWorkflowCount(client, `TaskQueue = '${BASELINE_TASK_QUEUE}'`, n + WARM_UP);

      const productRate = ratePerSecond(n, productMs);
      const baselineRate = ratePerSecond(n, baselineMs);
      const cpuProduct = cpuBetween(cpu1, cpu2, productMs);
      const cpuBaseline = cpuBetween(cpu0, cpu1, baselineMs1);
      const msEach = (seconds: number | undefined, count: number) => ((seconds ?? 0) * 1000 / count).toFixed(1);
      return {
        name: 'intake',
        title: `Intake: ${n} invoices through the batch import vs ${n} trivial workflow starts`,
        parameters: { n, batchSize, baselineConcurrency: concurrency, warmUp: WARM_UP },
        rows: [row('dunnings started', 'per s', productRate, baselineRate, `≥ ${TARGET_RATIO * 100} % of baseline`, productRate >= TARGET_RATIO * baselineRate)],
        details: {
          productMs,
          baselineMs: { total: baselineMs, before: baselineMs1, after: baselineMs2 },
          batchRequestMs: summarize(imported.requestMs),
          checks: { invoicesStoredAndStarted: stored, productRunsOnServer: productRuns.count, baselineRunsOnServer: baselineRuns.count, visibilityLagMs: productRuns.lagMs },
          cpuDuringProduct: cpuProduct,
          cpuDuringBaseline: cpuBaseline,
          cpuDuringBaselineAfter: cpuBetween(cpu2, cpu3, baselineMs2),
        },
        notes: [
          `CPU per start: Temporal dev server ${msEach(cpuProduct.temporal?.cpuSeconds, n)} ms for a dunning, ${msEach(cpuBaseline.temporal?.cpuSeconds, firstHalf)} ms for a trivial workflow; ` +
            `API ${msEach(cpuProduct.api?.cpuSeconds, n)} ms, PostgreSQL ${msEach(cpuProduct.postgres?.cpuSeconds, n)} ms per invoice.`,
        ],
      };
    } finally {
      await client.connection.close();
    }
  });
}
