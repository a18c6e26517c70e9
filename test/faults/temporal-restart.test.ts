import type { DunningState } from '../../src/workflows/dunning-input';
import { RelanceNextActionAt } from '../../src/workflows/search-attributes';
import { call, callRepeatedly, tallyAnswers, type ApiCall } from './support/api-calls';
import { describeTally, firstReminderProgress, NO_PROBLEMS, problemsOf, settled, tallyFirstReminders } from './support/email-tally';
import { mailCount, useFaultStack } from './support/fault-stack';
import { importBatch, invoiceLines, workflowIdOf } from './support/invoices';
import { delay, pollUntil, secondsSince } from '../support/poll';
import { report } from './support/report';
import { openTimers, type OpenTimer } from './support/temporal';

// 50 dunnings waiting on their timer (invoices due in 30 days: the courtesy reminder is 27 days
// away) and a storm of 200 invoices due five days ago. Once the first reminders are going out, the
// Temporal dev server stops for 30 s (the scenario's own length) while clients call the API, and
// starts again on the same port and SQLite file. The worker and the API are not restarted: they
// must reconnect by themselves. Every dunning must go on: each first reminder exactly once, events
// accepted, and the waiting dunnings with the same open timer, next action and RelanceNextActionAt.

const DUE = 200;
const WAITING = 50;
const OUTAGE_MS = 30_000;
const SCENARIO = 'temporal-restart';

interface WaitingSnapshot {
  nextAction: DunningState['nextAction'];
  nextActionAt: string | null;
  timers: OpenTimer[];
}

describe('fault: the Temporal server restarts in the middle of a run', () => {
  const fault = useFaultStack();

  it('carries every dunning on: e-mails exactly once, events accepted, no timer lost', async () => {
    const { stack, db } = fault();
    const due = invoiceLines('TDUE', DUE, -5);
    const waiting = invoiceLines('TWAIT', WAITING, 30);
    const started = Date.now();
    const waitingImport = await importBatch(stack, waiting);
    expect(waitingImport.counts).toEqual({ created: WAITING, exists: 0, refused: 0, dunningPending: 0 });

    // Each waiting dunning as it stands before the restart: its timer, its next action, its search attribute.
    const client = await stack.connectTemporal();
    const snapshot = async (invoiceNumber: string): Promise<WaitingSnapshot> => {
      const handle = client.workflow.getHandle(workflowIdOf(invoiceNumber));
      const [state, description, timers] = await Promise.all([handle.query<DunningState>('dunningState'), handle.describe(), openTimers(client, handle.workflowId)]);
      return { nextAction: state.nextAction, nextActionAt: description.typedSearchAttributes.get(RelanceNextActionAt)?.toISOString() ?? null, timers };
    };
    const snapshots = async () => Promise.all(waiting.map((line) => snapshot(line.invoiceNumber)));
    const before = await pollUntil(snapshots, (all) => all.every((s) => s.timers.length === 1 && s.nextAction !== null && s.nextActionAt !== null), {
      what: `the ${WAITING} waiting dunnings to be on their timer`,
      timeoutMs: 120_000,
      intervalMs: 1000,
    });
    expect(before.map((s) => s.nextAction!.step)).toEqual(waiting.map(() => 'courtesy_reminder'));
    // The timer is the next action's: it fires at that instant, or the little later its workflow
    // task took to complete (a timer runs from the moment the server records it).
    for (const s of before) {
      const late = Date.parse(s.timers[0].firesAt) - Date.parse(s.nextAction!.at);
      expect(late).toBeGreaterThanOrEqual(0);
      expect(late).toBeLessThan(30_000);
    }

    const dueImport = await importBatch(stack, due);
    expect(dueImport.counts).toEqual({ created: DUE, exists: 0, refused: 0, dunningPending: 0 });
    const workerPid = stack.workers()[0].pid;
    const apiPid = stack.api()!.pid;
    await pollUntil(() => mailCount(stack), (n) => n >= 10, { what: 'the first ten e-mails', timeoutMs: 120_000, intervalMs: 200 });

    await stack.stopTemporal();
    const outageStarted = Date.now();
    const mailsAtStop = await mailCount(stack);
    report(SCENARIO, `Temporal stopped ${secondsSince(started)} s in, with ${mailsAtStop} of ${DUE} first reminders out`);
    expect(mailsAtStop).toBeLessThan(DUE);

    // Clients keep calling while it is down.
    const outageInvoices = invoiceLines('TNEW', 100, 30);
    let posted = 0;
    const paid = waiting[0];
    const paidId = waitingImport.ids.get(paid.invoiceNumber)!;
    const payment = { reference: 'VIR-TRESTART-1', amountCents: paid.totalCents, currency: 'EUR', valueDate: paid.issueDate };
    const calls: ApiCall[] = [
      { name: 'GET /v1/invoices/{id}', method: 'GET', route: `/v1/invoices/${paidId}` },
      { name: 'POST /v1/invoices', method: 'POST', route: '/v1/invoices', body: () => outageInvoices[posted++] },
      { name: 'POST /v1/invoices/{id}/payments', method: 'POST', route: `/v1/invoices/${paidId}/payments`, body: () => payment },
    ];
    // A write waits up to 8 s for Temporal before it answers 503: one round, or more if time allows.
    const answers = await callRepeatedly(stack, calls, OUTAGE_MS - 10_000);
    const health = await call(stack, { name: 'GET /health', method: 'GET', route: '/health' });
    await delay(OUTAGE_MS - (Date.now() - outageStarted));
    report(SCENARIO, `answers while Temporal was down (${answers.length} calls): ${JSON.stringify(tallyAnswers(answers))}; /health ${health.status} Retry-After ${health.retryAfter}`);
    const writes = answers.filter((a) => a.name.startsWith('POST'));
    const reads = answers.filter((a) => a.name.startsWith('GET'));
    expect(writes.length).toBeGreaterThanOrEqual(2);
    expect(writes.filter((a) => a.status !== 503 || a.code !== 'SERVICE.UNAVAILABLE' || a.retryAfter === null)).toEqual([]);
    expect(reads.length).toBeGreaterThanOrEqual(1);
    expect(reads.filter((a) => a.status !== 200)).toEqual([]);
    expect({ status: health.status, retryAfter: health.retryAfter }).toEqual({ status: 503, retryAfter: expect.any(String) });

    await stack.startTemporal();
    const back = Date.now();
    // The API and the worker reconnect by themselves (same processes).
    await pollUntil(() => call(stack, { name: 'GET /health', method: 'GET', route: '/health' }), (a) => a.status === 200, {
      what: '/health to answer 200 again within 15 s of the return',
      timeoutMs: 15_000,
    });
    report(SCENARIO, `Temporal down for ${(back - outageStarted) / 1000} s (stopped, then started again on its port and SQLite file); /health answered 200 ${secondsSince(back)} s later`);
    const progress = await pollUntil(() => firstReminderProgress(db, 'TDUE'), settled(DUE), {
      what: `all ${DUE} first reminders and phone-call tasks`,
      timeoutMs: 5 * 60_000,
      intervalMs: 1000,
    });
    report(SCENARIO, `settled ${secondsSince(back)} s after Temporal came back, ${secondsSince(started)} s in all: ${JSON.stringify(progress)}`);
    expect(stack.api()!.pid).toBe(apiPid);
    expect(stack.workers().map((w) => w.pid)).toEqual([workerPid]);

    // Events after the restart: the payment refused meanwhile, sent again, and one on a stormed invoice.
    const retried = await stack.request('POST', `/v1/invoices/${paidId}/payments`, payment);
    expect({ status: retried.status, body: await retried.json() }).toMatchObject({ status: 200, body: { result: 'applied', stage: 'paid', amountDueCents: 0 } });
    const stormed = due[0];
    const afterRestart = await stack.request('POST', `/v1/invoices/${dueImport.ids.get(stormed.invoiceNumber)}/payments`, {
      reference: 'VIR-TRESTART-2',
      amountCents: stormed.totalCents,
      currency: 'EUR',
      valueDate: stormed.dueDate,
    });
    expect({ status: afterRestart.status, body: await afterRestart.json() }).toMatchObject({ status: 200, body: { result: 'applied', stage: 'paid' } });
    // The invoices refused meanwhile, posted again: stored once, and their dunning starts now.
    expect(posted).toBeGreaterThanOrEqual(1);
    for (const line of outageInvoices.slice(0, posted)) {
      const again = await stack.request('POST', '/v1/invoices', line);
      expect(again.status).toBe(200);
      const state = await client.workflow.getHandle(workflowIdOf(line.invoiceNumber)).query<DunningState>('dunningState');
      expect(state.nextAction?.step).toBe('courtesy_reminder');
    }

    // The other waiting dunnings: the same timer, next action and search attribute as before.
    const after = await Promise.all(waiting.slice(1).map((line) => snapshot(line.invoiceNumber)));
    expect(after).toEqual(before.slice(1));
    await client.connection.close();

    const tally = await tallyFirstReminders(stack, db, due.map((line) => line.invoiceNumber));
    report(SCENARIO, describeTally(tally));
    report(SCENARIO, `${WAITING - 1} waiting dunnings kept their timer, next action and RelanceNextActionAt; ${posted} invoice(s) refused during the outage started on retry`);
    expect(problemsOf(tally)).toEqual(NO_PROBLEMS);
    expect(tally.messagesReceived).toBe(DUE);
  }, 15 * 60_000);
});
