import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Context } from '@temporalio/activity';
import type { DataSource } from 'typeorm';
import type { Mailer, OutgoingMail } from './mailer';

export interface StepEmail extends Omit<OutgoingMail, 'messageId'> {
  invoiceId: string;
  step: string;
}

/** The Message-ID is a function of the idempotency key, so even a resent copy is recognisable as the same message. */
export function stableMessageId(idempotencyKey: string): string {
  return `<${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 32)}@relance>`;
}

/**
 * How long an attempt waits for another attempt at the same e-mail (one that outlived its timeout
 * and is still talking to the SMTP server) before it fails and is retried later.
 */
const CONCURRENT_ATTEMPT_WAIT = '10s';

/** How often, and how long at most, the record of an accepted e-mail is tried again while the database does not answer. */
const RECORD_RETRY_MS = 1000;
const RECORD_RETRY_FOR_MS = 2 * 60_000;

/** Logged when a retry finds its e-mail already at the mail server (an earlier attempt cut off after the 250). */
export const DELIVERED_BEFORE_LOG = 'mail: already delivered by an interrupted attempt:';

interface SentEmailRow {
  idempotencyKey: string;
  invoiceId: string;
  step: string;
  recipient: string;
  subject: string;
  messageId: string;
}

/**
 * E-mails the SMTP server accepted whose record could not be stored (the database went away between
 * the server's answer and the COMMIT). This process never sends them again: it stores the record
 * once the database answers. (Per process: a crash of the process itself is the window that stays.)
 */
const acceptedNotRecorded = new Map<string, SentEmailRow>();

/** Stores the 'sent' record of an accepted e-mail, creating the row if the failed transaction took it away. */
async function recordSent(dataSource: DataSource, row: SentEmailRow): Promise<void> {
  await dataSource.query(
    `INSERT INTO sent_emails (idempotency_key, invoice_id, step, recipient, subject, message_id, status, sent_at)
     VALUES ($1, $2, $3, $4, $5, $6, 'sent', clock_timestamp())
     ON CONFLICT (idempotency_key) DO UPDATE SET status = 'sent', sent_at = COALESCE(sent_emails.sent_at, EXCLUDED.sent_at)`,
    [row.idempotencyKey, row.invoiceId, row.step, row.recipient, row.subject, row.messageId],
  );
  acceptedNotRecorded.delete(row.idempotencyKey);
}

function activityCancellation(): AbortSignal | undefined {
  try {
    return Context.current().cancellationSignal;
  } catch {
    return undefined; // not inside an activity (a direct call)
  }
}

/**
 * Retries the record until the database answers, for two minutes at most, and not past the
 * activity's cancellation (its timeout passed). If it gives up, the e-mail stays known to this
 * process, so no later attempt here sends it again.
 */
async function recordSentWhenPossible(dataSource: DataSource, row: SentEmailRow): Promise<void> {
  const signal = activityCancellation();
  const deadline = Date.now() + RECORD_RETRY_FOR_MS;
  for (;;) {
    try {
      return await recordSent(dataSource, row);
    } catch (error) {
      if (signal?.aborted || Date.now() >= deadline) throw error;
      await sleep(RECORD_RETRY_MS);
    }
  }
}

/**
 * Sends a dunning step's e-mail at most once per idempotency key:
 *
 * 1. a 'sending' row is committed first: from then on, any later attempt knows an earlier one may
 *    have handed the message to the server;
 * 2. in one transaction the row is locked, so a second attempt running at the same time waits for
 *    this one and then finds the e-mail sent; a row already marked sent ends it;
 * 3. when the row was there before this attempt and the mail side can be asked (`mailer.holds`),
 *    a message the server already has is recorded as sent, not sent again — the case of a worker
 *    killed between the server's 250 and its COMMIT;
 * 4. the row is marked sent, still uncommitted; then the SMTP exchange; COMMIT as soon as the
 *    server has accepted the message. A failed exchange rolls back to 'sending', and the retry asks
 *    and sends. A failed COMMIT after the server accepted is retried from memory until the database
 *    answers (a database outage never resends).
 *
 * Without a mail side to ask, the killed-worker window stays: the retry sends the message again,
 * with the same Message-ID, by which a mailbox recognises the copy.
 */
export async function sendStepEmailOnce(
  dataSource: DataSource,
  mailer: Mailer,
  idempotencyKey: string,
  email: StepEmail,
): Promise<{ messageId: string; alreadySent: boolean }> {
  const messageId = stableMessageId(idempotencyKey);
  const row: SentEmailRow = { idempotencyKey, invoiceId: email.invoiceId, step: email.step, recipient: email.to, subject: email.subject, messageId };
  const pending = acceptedNotRecorded.get(idempotencyKey);
  if (pending) {
    await recordSent(dataSource, pending);
    return { messageId, alreadySent: true };
  }

  const claimed = (await dataSource.query(
    `INSERT INTO sent_emails (idempotency_key, invoice_id, step, recipient, subject, message_id, status)
     VALUES ($1, $2, $3, $4, $5, $6, 'sending') ON CONFLICT (idempotency_key) DO NOTHING RETURNING idempotency_key`,
    [row.idempotencyKey, row.invoiceId, row.step, row.recipient, row.subject, row.messageId],
  )) as unknown[];
  const earlierAttempt = claimed.length === 0;

  const runner = dataSource.createQueryRunner();
  let accepted = false;
  let released = false;
  const release = async () => {
    if (released) return;
    released = true;
    await runner.release().catch(() => undefined);
  };
  try {
    await runner.connect();
    await runner.startTransaction();
    await runner.query(`SET LOCAL lock_timeout = '${CONCURRENT_ATTEMPT_WAIT}'`);
    const [stored] = (await runner.query(`SELECT status FROM sent_emails WHERE idempotency_key = $1 FOR UPDATE`, [idempotencyKey])) as { status: string }[];
    if (stored.status === 'sent') {
      await runner.commitTransaction();
      return { messageId, alreadySent: true };
    }
    await runner.query(`UPDATE sent_emails SET status = 'sent', sent_at = clock_timestamp() WHERE idempotency_key = $1`, [idempotencyKey]);
    if (earlierAttempt && mailer.holds && (await mailer.holds(messageId))) {
      await runner.commitTransaction();
      console.warn(`${DELIVERED_BEFORE_LOG} ${idempotencyKey} ${messageId}: recorded as sent, not sent again`);
      return { messageId, alreadySent: true };
    }
    await mailer.send({ to: email.to, subject: email.subject, text: email.text, html: email.html, messageId, attachments: email.attachments });
    accepted = true;
    await runner.commitTransaction();
    return { messageId, alreadySent: false };
  } catch (error) {
    if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
    if (!accepted) throw error;
    // The server has the message; only its record is missing. Never send it again from here. (The
    // broken connection goes back first: the record needs one from the pool.)
    acceptedNotRecorded.set(idempotencyKey, row);
    await release();
    await recordSentWhenPossible(dataSource, row);
    return { messageId, alreadySent: false };
  } finally {
    await release();
  }
}
