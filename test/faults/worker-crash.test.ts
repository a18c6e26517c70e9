import { readdir, readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { DELIVERED_BEFORE_LOG } from '../../src/activities/mail/send-step-email';
import type { ManagedProcess } from '../support/process-stack';
import { describeTally, firstReminderProgress, NO_PROBLEMS, problemsOf, settled, tallyFirstReminders } from './support/email-tally';
import { mailCount, useFaultStack } from './support/fault-stack';
import { importBatch, invoiceLines } from './support/invoices';
import { delay, pollUntil, secondsSince } from '../support/poll';
import { report } from './support/report';
import { between, faultSeed, seededRandom } from './support/seeded-random';

// A storm of 1,000 invoices due five days ago: each dunning sends its first reminder and opens a
// phone-call task at once. Meanwhile the worker is killed with SIGKILL at least 20 times and started
// again after each kill. Each kill falls while e-mails are going out: once the running worker has
// delivered an e-mail, after a delay or a number of further e-mails, whichever comes first, both
// drawn from a seeded generator (the seed is printed; FAULT_SEED=<seed> replays them; the e-mail
// budget keeps the kills inside the storm however fast the stack runs). Once everything has
// settled, nothing may be missing and nothing done twice: per invoice one sent_emails row, one
// phone-call task, and one first reminder at the SMTP server.

const INVOICES = Number(process.env.FAULT_CRASH_INVOICES ?? 1000);
const KILLS = Number(process.env.FAULT_CRASH_KILLS ?? 20);
const PREFIX = 'CRASH';
const SCENARIO = 'worker-crash';

describe('fault: the worker is killed again and again during a storm of e-mails', () => {
  const fault = useFaultStack();

  it(`loses no first reminder and sends and records each exactly once through ${KILLS} SIGKILLs of the worker`, async () => {
    const { stack, db } = fault();
    const seed = faultSeed();
    const random = seededRandom(seed);
    report(SCENARIO, `seed ${seed} (FAULT_SEED=${seed} replays the kill delays)`);
    const lines = invoiceLines(PREFIX, INVOICES, -5);

    const started = Date.now();
    const imported = importBatch(stack, lines);
    const kills: { at: number; afterMs: number; messagesAtKill: number; sentByThisWorker: number }[] = [];
    let worker: ManagedProcess = stack.workers()[0];
    while (kills.length < KILLS) {
      // This worker is sending: it has delivered an e-mail since it started.
      const atStart = await mailCount(stack);
      await pollUntil(() => mailCount(stack), (n) => n > atStart, { what: `worker ${kills.length + 1} to deliver an e-mail`, timeoutMs: 180_000, intervalMs: 200 });
      // The fault's own timing, drawn from the seed: how much longer it runs before the kill.
      const afterMs = between(random, 0, 2000);
      const budget = between(random, 5, 30);
      const until = Date.now() + afterMs;
      while (Date.now() < until && (await mailCount(stack)) - atStart < budget) await delay(10);
      const messagesAtKill = await mailCount(stack);
      const at = Date.now();
      worker.kill('SIGKILL');
      const exit = await worker.exited;
      expect(exit.signal).toBe('SIGKILL');
      kills.push({ at, afterMs, messagesAtKill, sentByThisWorker: messagesAtKill - atStart });
      worker = await stack.startWorker();
    }
    const killPhaseEnded = Date.now();
    const { counts } = await imported;
    expect(counts).toEqual({ created: INVOICES, exists: 0, refused: 0, dunningPending: 0 });
    report(
      SCENARIO,
      `${kills.length} SIGKILLs in ${secondsSince(started)} s, each at most ${kills.map((k) => k.afterMs).join(', ')} ms after the worker's first e-mail; ` +
        `messages at each kill: ${kills.map((k) => k.messagesAtKill).join(', ')}`,
    );
    // Every kill fell while e-mails were going out: the worker had sent some, and some were still to go.
    expect(kills.filter((k) => k.sentByThisWorker < 1 || k.messagesAtKill >= INVOICES)).toEqual([]);

    const progress = await pollUntil(() => firstReminderProgress(db, PREFIX), settled(INVOICES), {
      what: `all ${INVOICES} dunnings to have sent their first reminder and opened their phone-call task`,
      timeoutMs: 8 * 60_000,
      intervalMs: 1000,
    });
    report(SCENARIO, `settled ${secondsSince(killPhaseEnded)} s after the last kill, ${secondsSince(started)} s in all: ${JSON.stringify(progress)}`);

    const tally = await tallyFirstReminders(stack, db, lines.map((line) => line.invoiceNumber));
    report(SCENARIO, describeTally(tally));
    for (const { invoiceNumber, receivedAt } of tally.copies) {
      const first = Date.parse(receivedAt[0]);
      const nearest = kills.reduce((best, k, i) => (Math.abs(k.at - first) < Math.abs(kills[best].at - first) ? i : best), 0);
      report(SCENARIO, `${invoiceNumber} received ${receivedAt.length} times (${receivedAt.join(', ')}); the first copy ${kills[nearest].at - first} ms before kill ${nearest + 1}`);
    }
    // Nothing lost, nothing twice: one sent row, one task and one message at the SMTP server per
    // invoice — a kill between the server's 250 and the COMMIT included, since the retry asks the
    // server (its Mailpit-style search) before sending again.
    expect(problemsOf(tally)).toEqual(NO_PROBLEMS);
    expect(tally.messagesReceived).toBe(INVOICES);
    // How often that happened: e-mails a retry found already at the server and did not send again.
    const logs = await Promise.all((await readdir(stack.dir)).filter((file) => /^worker-\d+\.log$/.test(file)).map((file) => readFile(path.join(stack.dir, file), 'utf8')));
    const recovered = logs.join('\n').split('\n').filter((line) => line.includes(DELIVERED_BEFORE_LOG)).length;
    report(SCENARIO, `${recovered} e-mails delivered by an attempt a kill cut off after the server's 250, found there by the retry and not sent again`);
  }, 20 * 60_000);
});
