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
// settled, nothing may be missing and nothing recorded twice: per invoice one sent_emails row and
// one phone-call task, and at the SMTP server one first reminder — plus, at most, copies with the
// same Message-ID resent after a kill that fell right after the server accepted the message
// (SMTP's lost-250 window: counted, printed, and each one must be explained by a kill).

const INVOICES = Number(process.env.FAULT_CRASH_INVOICES ?? 1000);
const KILLS = Number(process.env.FAULT_CRASH_KILLS ?? 20);
const PREFIX = 'CRASH';
const SCENARIO = 'worker-crash';
/** How long before a kill the first copy of a resent message may have reached the server. */
const COPY_WINDOW_MS = 1000;

describe('fault: the worker is killed again and again during a storm of e-mails', () => {
  const fault = useFaultStack();

  it(`loses no first reminder and records each once through ${KILLS} SIGKILLs of the worker; a resent copy only from a kill right after the server accepted it`, async () => {
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
    // A copy received twice: when, relative to the nearest kill (the window a kill can hit is right after the server's 250).
    for (const { invoiceNumber, receivedAt } of tally.copies) {
      const first = Date.parse(receivedAt[0]);
      const nearest = kills.reduce((best, k, i) => (Math.abs(k.at - first) < Math.abs(kills[best].at - first) ? i : best), 0);
      report(SCENARIO, `${invoiceNumber} received ${receivedAt.length} times (${receivedAt.join(', ')}); the first copy ${kills[nearest].at - first} ms before kill ${nearest + 1}`);
    }
    // Nothing is lost, and nothing is done twice in the database: one sent row and one task per invoice.
    const { mailDuplicatedByMessageId, mailDuplicatedBySubject, ...others } = problemsOf(tally);
    const { mailDuplicatedByMessageId: _none, mailDuplicatedBySubject: _neither, ...expected } = NO_PROBLEMS;
    expect(others).toEqual(expected);
    // What SMTP leaves open: a kill after the server's 250 and before the COMMIT that records it
    // (one round trip) has the retry send the message again. Such a copy is the same message — same
    // Message-ID, by which mail systems recognise it — never a second, different reminder; a kill can
    // only catch the messages in that window. Counted and printed, not hidden (README, "Fault injection").
    const copies = mailDuplicatedByMessageId.reduce((sum, dup) => sum + dup.count - 1, 0);
    report(SCENARIO, `SMTP-level copies (same Message-ID) after ${kills.length} SIGKILLs: ${copies}`);
    expect(mailDuplicatedBySubject).toEqual(mailDuplicatedByMessageId);
    expect(tally.messagesReceived).toBe(INVOICES + copies);
    // Each copy is explained by a kill: its first copy reached the server just before one (within
    // COPY_WINDOW_MS; up to 136 ms measured on a loaded machine), or a moment after it (the bytes the
    // worker wrote before it died). One kill can catch several messages, so the number of copies is
    // not bounded by the number of kills; a copy with no kill around its first arrival would be a
    // resend the product caused by itself.
    const unexplained = tally.copies.filter(({ receivedAt }) => {
      const first = Date.parse(receivedAt[0]);
      return !kills.some((k) => k.at - first >= -100 && k.at - first <= COPY_WINDOW_MS);
    });
    expect(unexplained).toEqual([]);
  }, 20 * 60_000);
});
