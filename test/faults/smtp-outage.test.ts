import { describeTally, firstReminderProgress, NO_PROBLEMS, problemsOf, settled, tallyFirstReminders } from './support/email-tally';
import { mailCount, useFaultStack } from './support/fault-stack';
import { importBatch, invoiceLines, workflowIdOf } from './support/invoices';
import { delay, pollUntil, secondsSince } from '../support/poll';
import { report } from './support/report';
import { attemptsByActivity, pendingActivities, retriedCount } from './support/temporal';

// A storm of 200 invoices due five days ago; once the first reminders are going out, the SMTP
// server stops for 60 s (the scenario's own length), then starts again on the same port with the
// messages it had stored. Nothing may be marked sent while it is down, the first reminders must be
// retried, and once it is back every invoice must have exactly one first reminder.

const INVOICES = 200;
const OUTAGE_MS = 60_000;
const PREFIX = 'SMTP';
const SCENARIO = 'smtp-outage';

describe('fault: the SMTP server is down for 60 s during a storm of e-mails', () => {
  const fault = useFaultStack();

  it('sends every first reminder once the server is back, none twice', async () => {
    const { stack, db } = fault();
    const lines = invoiceLines(PREFIX, INVOICES, -5);
    const numbers = lines.map((line) => line.invoiceNumber);
    const started = Date.now();
    const { counts } = await importBatch(stack, lines);
    expect(counts).toEqual({ created: INVOICES, exists: 0, refused: 0, dunningPending: 0 });

    await pollUntil(() => mailCount(stack), (n) => n >= 10, { what: 'the first ten e-mails', timeoutMs: 120_000, intervalMs: 200 });
    const catcher = stack.mail();
    await stack.stopMail();
    const outageStarted = Date.now();
    const stored = catcher.count();
    report(SCENARIO, `SMTP server stopped ${secondsSince(started)} s in, with ${stored} of ${INVOICES} first reminders out`);
    expect(stored).toBeLessThan(INVOICES);

    // The outage lasts 60 s by definition of the scenario.
    await delay(OUTAGE_MS - 15_000);
    // Meanwhile the reminders still to send are being retried, refused by the closed ports (the
    // SMTP port, or the mail server's search a retry asks first whether an earlier attempt got through).
    const unsent: string[] = (
      await db.query(`SELECT invoice_number FROM invoices i WHERE invoice_number LIKE $1 AND NOT EXISTS (SELECT 1 FROM sent_emails e WHERE e.invoice_id = i.id AND e.status = 'sent') ORDER BY invoice_number LIMIT 20`, [`${PREFIX}-%`])
    ).map((row: { invoice_number: string }) => row.invoice_number);
    const client = await stack.connectTemporal();
    const retried = (await pendingActivities(client, unsent.map(workflowIdOf))).filter((a) => a.activityType === 'sendFirstReminderEmail' && a.attempt >= 2);
    await client.connection.close();
    report(SCENARIO, `during the outage: ${retried.length} of the ${unsent.length} unsent reminders looked at are on attempt 2 or later; last failure: ${retried[0]?.lastFailure}`);
    expect(retried.length).toBeGreaterThan(0);
    expect(retried[0].lastFailure).toMatch(/ECONNREFUSED/);
    await delay(OUTAGE_MS - (Date.now() - outageStarted));
    // What the server accepted before it stopped is recorded as sent, and nothing else: no server could accept it.
    expect((await firstReminderProgress(db, PREFIX)).emailsMarkedSent).toBe(stored);

    await stack.startMail();
    const back = Date.now();
    const progress = await pollUntil(() => firstReminderProgress(db, PREFIX), settled(INVOICES), {
      what: `all ${INVOICES} first reminders and phone-call tasks`,
      timeoutMs: 5 * 60_000,
      intervalMs: 1000,
    });
    report(SCENARIO, `SMTP server back after ${(back - outageStarted) / 1000} s; settled ${secondsSince(back)} s later, ${secondsSince(started)} s in all: ${JSON.stringify(progress)}`);
    const [spread] = await db.query(
      `SELECT extract(epoch FROM min(e.sent_at) - $2::timestamptz)::int AS first, extract(epoch FROM max(e.sent_at) - $2::timestamptz)::int AS last
         FROM sent_emails e JOIN invoices i ON i.id = e.invoice_id WHERE i.invoice_number LIKE $1 AND e.sent_at > $2`,
      [`${PREFIX}-%`, new Date(back)],
    );
    report(SCENARIO, `after the return, the first reminders went out from +${spread.first} s to +${spread.last} s`);
    const history = await stack.connectTemporal();
    const attempts = await attemptsByActivity(history, numbers.map(workflowIdOf));
    await history.connection.close();
    report(SCENARIO, `attempts per activity (activity: { attempts: executions }): ${JSON.stringify(attempts)}`);
    expect(retriedCount(attempts.sendFirstReminderEmail)).toBeGreaterThan(0);

    const tally = await tallyFirstReminders(stack, db, numbers);
    report(SCENARIO, describeTally(tally));
    expect(problemsOf(tally)).toEqual(NO_PROBLEMS);
    expect(tally.messagesReceived).toBe(INVOICES);
  }, 15 * 60_000);
});
