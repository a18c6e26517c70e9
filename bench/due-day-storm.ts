/**
 * Due-day storm: N invoices whose first reminder is due at the same moment. Their dunnings are
 * started with no worker running (they wait in Temporal); then a worker starts, and the clock runs
 * from its being ready until the N first-reminder e-mails are in the local SMTP server.
 *
 * Baseline: as many e-mails of the same size sent straight with nodemailer to that server from
 * another process, with the worker's activity parallelism (SDK 1.24 default
 * maxConcurrentActivityTaskExecutions: 100). Floor: N workflows of the dunning's shape on Temporal
 * (local activity, send activity, local activity, second activity, local activity, timer) with
 * nothing of ours in them, whose activity sends the same e-mail: what Temporal allows at best here.
 *
 * Checks, counted in what the SMTP server received: no Message-ID twice, no invoice twice, none
 * missing — once every dunning has moved past the step, so a late duplicate would have shown.
 */
import * as path from 'node:path';
import { START_CONCURRENCY } from '../src/api/invoices/invoice-batch';
import type { CapturedMail } from '../src/dev/mail-catcher/mail-catcher';
import type { ProcessStack } from '../test/support/process-stack';
import { runNodeScript, startNodeScript } from './support/child';
import { cpuBetween, cpuSnapshot } from './support/cpu-time';
import { FLOOR_MAIL_PREFIX, type FloorWorkerArgs } from './support/floor-worker';
import { debtorEmail, importInvoices, invoiceLine } from './support/invoices';
import type { MailSenderArgs } from './support/mail-sender';
import type { BenchOptions } from './support/options';
import { pollUntil } from '../test/support/poll';
import { row, type BenchmarkReport } from './support/report';
import { ratePerSecond } from './support/stats';
import { withStack } from './support/stack';
import { runBounded } from './support/bounded';

/** The SDK's default maxConcurrentActivityTaskExecutions, which the worker keeps. */
const WORKER_ACTIVITY_SLOTS = 100;
const FLOOR_TASK_QUEUE = 'bench-floor';
const BASELINE_PREFIX = 'BASELINE';
const TARGET_RATIO = 0.5;

const receivedMs = (mail: CapturedMail) => Date.parse(mail.receivedAt);

/** What the catcher holds for these recipients: how many, first and last arrival, duplicates and gaps. */
function tally(mails: readonly CapturedMail[], expected: ReadonlySet<string>) {
  const ours = mails.filter((mail) => mail.to.some((to) => expected.has(to)));
  const perRecipient = new Map<string, number>();
  for (const mail of ours) for (const to of mail.to) perRecipient.set(to, (perRecipient.get(to) ?? 0) + 1);
  return {
    mails: ours,
    count: ours.length,
    firstReceivedMs: Math.min(...ours.map(receivedMs)),
    lastReceivedMs: Math.max(...ours.map(receivedMs)),
    duplicateMessageIds: ours.length - new Set(ours.map((mail) => mail.messageId)).size,
    invoicesTwice: [...perRecipient.values()].filter((count) => count > 1).length,
    invoicesMissing: [...expected].filter((to) => !perRecipient.has(to)).length,
  };
}

const recipients = (prefix: string, n: number) => new Set(Array.from({ length: n }, (_, i) => debtorEmail(prefix, i)));

/**
 * Resolves once every expected recipient has an e-mail, checked as each message arrives (listing
 * the catcher's messages over and over would cost this process, which is the SMTP server, CPU).
 */
function allDelivered(stack: ProcessStack, expected: ReadonlySet<string>, timeoutMs: number): Promise<unknown> {
  const seen = new Set<string>();
  return stack.mail().waitFor((mail) => {
    for (const to of mail.to) if (expected.has(to)) seen.add(to);
    return seen.size >= expected.size;
  }, timeoutMs);
}

/** Starts a worker and times, from its being ready, until `expected` all have their e-mail. */
async function timeWorkerMails(stack: ProcessStack, expected: ReadonlySet<string>, startWorker: () => Promise<unknown>, timeoutMs: number) {
  const delivered = allDelivered(stack, expected, timeoutMs);
  delivered.catch(() => undefined); // awaited below; this only keeps a failed start from leaving it unhandled
  const cpuBefore = cpuSnapshot();
  const spawnedAt = Date.now();
  await startWorker();
  const readyAt = Date.now();
  await delivered;
  const arrived = tally(stack.mail().list(), expected);
  return {
    ms: arrived.lastReceivedMs - readyAt,
    bootMs: readyAt - spawnedAt,
    firstMailAfterReadyMs: arrived.firstReceivedMs - readyAt,
    // From the spawn: booting is CPU too.
    cpu: cpuBetween(cpuBefore, cpuSnapshot(), arrived.lastReceivedMs - spawnedAt),
  };
}

async function meanRawBytes(stack: ProcessStack, mails: readonly CapturedMail[]): Promise<number> {
  const sizes = await Promise.all(mails.slice(0, 20).map(async (mail) => (await stack.mail().raw(mail.id))?.length ?? 0));
  return Math.round(sizes.reduce((a, b) => a + b, 0) / Math.max(1, sizes.length));
}

export async function dueDayStorm(options: BenchOptions): Promise<BenchmarkReport> {
  const n = options.int('n', 1_000);
  const concurrency = options.int('concurrency', WORKER_ACTIVITY_SLOTS);
  const timeoutMs = Math.max(120_000, n * 500);

  return withStack({ workers: 0, profile: options.flag('profile') ? 'storm' : undefined }, async (stack) => {
    console.log(`storm: ${n} invoices due 5 days ago and ${n} floor workflows, started with no worker`);
    await importInvoices(
      stack,
      Array.from({ length: n }, (_, i) => invoiceLine('STORM', i, -5)),
      1_000,
    );
    const client = await stack.connectTemporal();
    await runBounded(n, START_CONCURRENCY, (i) => client.workflow.start('floorFirstReminder', { workflowId: `floor-${i}`, taskQueue: FLOOR_TASK_QUEUE, args: [i] }));
    await client.connection.close();

    console.log(`storm: product, a worker and ${n} first reminders`);
    const productRecipients = recipients('STORM', n);
    const product = await timeWorkerMails(stack, productRecipients, () => stack.startWorker(), timeoutMs);
    // Every dunning past the step (its phone-call task made, the read model at 'phone_call'): from
    // here on no retry can send a first reminder again, so the count below is final.
    const db = await stack.connectDatabase();
    const settled = await pollUntil(
      async () => (await db.query(`SELECT count(*)::int AS n FROM invoices WHERE invoice_number LIKE 'STORM-%' AND stage = 'phone_call'`))[0].n as number,
      (count) => count >= n,
      { what: 'dunnings past the first reminder', timeoutMs, intervalMs: 250 },
    );
    const [{ sent }] = await db.query(`SELECT count(*)::int AS sent FROM sent_emails WHERE status = 'sent'`);
    await db.destroy();
    const final = tally(stack.mail().list(), productRecipients);
    const workerRss = await stack.workers()[0].rssBytes();
    await Promise.all(stack.workers().map((worker) => worker.stop()));

    console.log(`storm: floor, a worker of workflows with the dunning's shape and ${n} e-mails`);
    let floorWorker: { stop(): Promise<void> } | undefined;
    const floorArgs: FloorWorkerArgs = { temporalAddress: stack.temporalAddress, taskQueue: FLOOR_TASK_QUEUE, smtpUrl: stack.env.SMTP_URL };
    const floorScript = path.join(__dirname, 'support', 'floor-worker.js');
    const floor = await timeWorkerMails(
      stack,
      recipients(FLOOR_MAIL_PREFIX, n),
      async () => (floorWorker = await startNodeScript(floorScript, floorArgs, /^floor-worker: polling/, path.join(stack.dir, 'floor-worker.log'))),
      timeoutMs,
    );
    await floorWorker?.stop();

    console.log(`storm: baseline, ${n} e-mails straight with nodemailer (${concurrency} in flight, pooled connections)`);
    const cpu0 = cpuSnapshot();
    const sender = await runNodeScript<{ startedAt: number }>(path.join(__dirname, 'support', 'mail-sender.js'), {
      smtpUrl: stack.env.SMTP_URL,
      n,
      concurrency,
      pool: true,
      prefix: BASELINE_PREFIX,
    } satisfies MailSenderArgs);
    const baselineMails = tally(stack.mail().list(), recipients(BASELINE_PREFIX, n));
    if (baselineMails.count !== n) throw new Error(`storm: the baseline delivered ${baselineMails.count} of ${n} e-mails`);
    const baselineMs = baselineMails.lastReceivedMs - sender.startedAt;
    const cpuBaseline = cpuBetween(cpu0, cpuSnapshot(), baselineMs);

    const [productRate, floorRate, baselineRate] = [product.ms, floor.ms, baselineMs].map((ms) => ratePerSecond(n, ms));
    const wrong = final.duplicateMessageIds + final.invoicesTwice + final.invoicesMissing;
    const perDunning = (cpu: Record<string, { cpuSeconds: number }>) => Object.fromEntries(Object.entries(cpu).map(([name, c]) => [name, Math.round((c.cpuSeconds / n) * 1000 * 10) / 10]));
    const [productCpu, floorCpu] = [perDunning(product.cpu), perDunning(floor.cpu)];
    return {
      name: 'storm',
      title: `Due-day storm: ${n} first reminders due at once vs ${n} e-mails straight with nodemailer`,
      parameters: { n, baselineConcurrency: concurrency, baselinePooled: true },
      rows: [
        row('first reminders accepted', 'per s', productRate, baselineRate, `≥ ${TARGET_RATIO * 100} % of baseline`, productRate >= TARGET_RATIO * baselineRate),
        row('same, against the Temporal floor', 'per s', productRate, floorRate, null, null),
        row('e-mails twice or missing', 'count', wrong, null, '0', wrong === 0 && final.count === n),
      ],
      details: {
        productMs: product.ms,
        floorMs: floor.ms,
        baselineMs,
        workerBootMs: product.bootMs,
        firstMailAfterReadyMs: { product: product.firstMailAfterReadyMs, floor: floor.firstMailAfterReadyMs },
        checks: {
          mailsReceived: final.count,
          duplicateMessageIds: final.duplicateMessageIds,
          invoicesTwice: final.invoicesTwice,
          invoicesMissing: final.invoicesMissing,
          dunningsPastTheStep: settled,
          sentEmailRows: sent,
        },
        meanMailBytes: { product: await meanRawBytes(stack, final.mails), baseline: await meanRawBytes(stack, baselineMails.mails) },
        workerRssBytes: workerRss,
        cpuMsPerDunning: { product: productCpu, floor: floorCpu },
        cpu: { product: product.cpu, floor: floor.cpu, baseline: cpuBaseline },
      },
      notes: [
        `CPU per first reminder: Temporal dev server ${productCpu.temporal} ms, worker ${productCpu.worker} ms, PostgreSQL ${productCpu.postgres} ms; ` +
          `floor: Temporal ${floorCpu.temporal} ms, worker ${floorCpu['floor-worker.js']} ms (its boot and workflow bundling included).`,
      ],
    };
  });
}
