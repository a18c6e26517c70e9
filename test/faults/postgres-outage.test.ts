import { callRepeatedly, call, tallyAnswers, type ApiCall } from './support/api-calls';
import { describeTally, firstReminderProgress, NO_PROBLEMS, problemsOf, settled, tallyFirstReminders } from './support/email-tally';
import { mailCount, useFaultStack } from './support/fault-stack';
import { importBatch, invoiceLines, workflowIdOf } from './support/invoices';
import { delay, pollUntil, secondsSince } from '../support/poll';
import { report } from './support/report';
import { attemptsByActivity, retriedCount } from './support/temporal';

// A storm of 200 invoices due five days ago; once the first reminders are going out, PostgreSQL
// stops for 30 s (the scenario's own length) while clients keep calling the API. Every route that
// needs the database must answer 503 with Retry-After, never 500; the activities must be retried;
// once PostgreSQL is back (same port, same data) the API works again without a restart, the
// invoices are all there, and every invoice has exactly one first reminder.

const INVOICES = 200;
const OUTAGE_MS = 30_000;
const PREFIX = 'PGO';
const SCENARIO = 'postgres-outage';

describe('fault: PostgreSQL is down for 30 s during a storm of e-mails and API calls', () => {
  const fault = useFaultStack();

  it('answers 503 with Retry-After meanwhile, then sends every first reminder exactly once, with nothing lost', async () => {
    const { stack, db } = fault();
    const lines = invoiceLines(PREFIX, INVOICES, -5);
    const numbers = lines.map((line) => line.invoiceNumber);
    // Invoices posted during the outage: due in 30 days, so they only wait once stored.
    const later = invoiceLines(`${PREFIX}N`, 1000, 30);
    const started = Date.now();
    const { counts, ids } = await importBatch(stack, lines);
    expect(counts).toEqual({ created: INVOICES, exists: 0, refused: 0, dunningPending: 0 });
    const someId = ids.get(numbers[0])!;
    const workerPid = stack.workers()[0].pid;
    const apiPid = stack.api()!.pid;

    await pollUntil(() => mailCount(stack), (n) => n >= 10, { what: 'the first ten e-mails', timeoutMs: 120_000, intervalMs: 200 });
    await stack.stopPostgres();
    const outageStarted = Date.now();
    const mailsAtStop = await mailCount(stack);
    report(SCENARIO, `PostgreSQL stopped ${secondsSince(started)} s in, with ${mailsAtStop} of ${INVOICES} first reminders out`);
    expect(mailsAtStop).toBeLessThan(INVOICES);

    // Clients keep calling for the 30 s the outage lasts.
    let posted = 0;
    const calls: ApiCall[] = [
      { name: 'GET /v1/invoices/{id}', method: 'GET', route: `/v1/invoices/${someId}` },
      { name: 'GET /v1/invoices', method: 'GET', route: '/v1/invoices?limit=50' },
      { name: 'POST /v1/invoices', method: 'POST', route: '/v1/invoices', body: () => later[posted++] },
      { name: 'POST /v1/invoices/{id}/payments', method: 'POST', route: `/v1/invoices/${someId}/payments`, body: (n) => ({ reference: `PGO-PAY-${n}`, amountCents: 100, currency: 'EUR', valueDate: lines[0].dueDate }) },
      { name: 'GET /v1/tasks', method: 'GET', route: '/v1/tasks?status=open&kind=phone_call' },
    ];
    const answers = await callRepeatedly(stack, calls, OUTAGE_MS - 8_000);
    const health = await call(stack, { name: 'GET /health', method: 'GET', route: '/health' });
    await delay(OUTAGE_MS - (Date.now() - outageStarted));

    report(SCENARIO, `answers during the outage (${answers.length} calls): ${JSON.stringify(tallyAnswers(answers))}; /health ${health.status} Retry-After ${health.retryAfter}`);
    expect(answers.length).toBeGreaterThanOrEqual(calls.length * 3);
    expect(answers.filter((a) => a.status !== 503 || a.code !== 'SERVICE.UNAVAILABLE' || a.retryAfter === null)).toEqual([]);
    expect(Math.max(...answers.map((a) => a.ms))).toBeLessThan(15_000);
    expect({ status: health.status, retryAfter: health.retryAfter }).toEqual({ status: 503, retryAfter: expect.any(String) });

    await stack.startPostgres();
    const back = Date.now();
    // The API works again by itself: same process, answering from the database.
    const read = await pollUntil(() => call(stack, calls[0]), (a) => a.status === 200, { what: 'GET /v1/invoices/{id} to answer 200 again', timeoutMs: 60_000 });
    report(SCENARIO, `PostgreSQL back after ${(back - outageStarted) / 1000} s; the API answered 200 again ${secondsSince(back)} s later (${read.ms} ms)`);
    expect(stack.api()!.pid).toBe(apiPid);
    expect(stack.workers().map((w) => w.pid)).toEqual([workerPid]);
    // The invoices refused during the outage are accepted when sent again.
    for (const line of later.slice(0, posted)) {
      const again = await stack.request('POST', '/v1/invoices', line);
      expect(again.status).toBe(201);
    }

    const progress = await pollUntil(() => firstReminderProgress(db, PREFIX), settled(INVOICES), {
      what: `all ${INVOICES} first reminders and phone-call tasks`,
      timeoutMs: 5 * 60_000,
      intervalMs: 1000,
    });
    report(SCENARIO, `settled ${secondsSince(back)} s after PostgreSQL came back, ${secondsSince(started)} s in all: ${JSON.stringify(progress)}`);

    // The activities caught by the outage were retried: the histories say how many attempts each took
    // (mostly the read-model records, local activities, which come first in each dunning).
    const client = await stack.connectTemporal();
    const attempts = await attemptsByActivity(client, numbers.map(workflowIdOf));
    await client.connection.close();
    report(SCENARIO, `attempts per activity (activity: { attempts: executions }): ${JSON.stringify(attempts)}`);
    expect(Object.values(attempts).reduce((sum, histogram) => sum + retriedCount(histogram), 0)).toBeGreaterThan(0);

    // Nothing lost: every invoice imported before the outage is still there, as it was.
    const stored: { id: string; invoice_number: string }[] = await db.query(`SELECT id, invoice_number FROM invoices WHERE invoice_number LIKE $1`, [`${PREFIX}-%`]);
    expect(new Map(stored.map((row) => [row.invoice_number, row.id]))).toEqual(ids);
    const tally = await tallyFirstReminders(stack, db, numbers);
    report(SCENARIO, describeTally(tally));
    expect(problemsOf(tally)).toEqual(NO_PROBLEMS);
    expect(tally.messagesReceived).toBe(INVOICES);
  }, 15 * 60_000);
});
