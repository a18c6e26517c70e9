/**
 * Counts, per invoice, what a dunning step left behind, from every side that can show a duplicate or
 * a loss: the messages the SMTP server received (by Message-ID and, separately, by the invoice
 * number in the subject), the sent_emails rows, and, for the first reminder's companion step, the
 * phone-call tasks. Nothing is deduplicated: two copies of one message count two.
 */
import type { DataSource } from 'typeorm';
import { stableMessageId } from '../../../src/activities/mail/send-step-email';
import type { CapturedMail } from '../../../src/dev/mail-catcher/mail-catcher';
import type { ProcessStack } from '../../support/process-stack';
import { workflowIdOf } from './invoices';

/** The first reminder's French subject: `Relance : facture <number> échue le <date>`. */
const FIRST_REMINDER_SUBJECT = /^Relance : facture (\S+) échue le /;

export interface Discrepancies {
  /** Invoices with nothing. */
  missing: string[];
  /** Invoices with more than one, and how many. */
  duplicated: { invoiceNumber: string; count: number }[];
}

export interface FirstReminderTally {
  invoices: number;
  /** Every message the SMTP server holds (for these invoices or not). */
  messagesReceived: number;
  /** Messages whose Message-ID is the first reminder of one of the invoices. */
  byMessageId: Discrepancies;
  /** Messages whose subject names one of the invoices. */
  bySubject: Discrepancies;
  /** Messages that are neither (another step, another invoice): subjects. */
  unexpected: string[];
  /** sent_emails rows of the step, per invoice, and those not marked sent. */
  sentEmailRows: Discrepancies & { notSent: string[] };
  /** Phone-call tasks, per invoice. */
  phoneTasks: Discrepancies;
  /** When the server received each copy of a message it got more than once (ISO times), to explain them. */
  copies: { invoiceNumber: string; receivedAt: string[] }[];
}

function discrepancies(expected: readonly string[], found: Iterable<string>): Discrepancies {
  const counts = new Map<string, number>(expected.map((n) => [n, 0]));
  for (const number of found) if (counts.has(number)) counts.set(number, counts.get(number)! + 1);
  const missing: string[] = [];
  const duplicated: { invoiceNumber: string; count: number }[] = [];
  for (const [invoiceNumber, count] of counts) {
    if (count === 0) missing.push(invoiceNumber);
    else if (count > 1) duplicated.push({ invoiceNumber, count });
  }
  return { missing, duplicated };
}

/** The Message-ID the product gives an invoice's first reminder (keyed by dunning and step). */
export const firstReminderMessageId = (invoiceNumber: string) => stableMessageId(`${workflowIdOf(invoiceNumber)}/first_reminder`);

/** Tallies the first reminders (and phone-call tasks) of `invoiceNumbers`, from the mail server and the database. */
export async function tallyFirstReminders(stack: ProcessStack, db: DataSource, invoiceNumbers: readonly string[]): Promise<FirstReminderTally> {
  const messages: CapturedMail[] = await stack.mail().messages();
  const wanted = new Set(invoiceNumbers);
  const byMessageId = new Map(invoiceNumbers.map((n) => [firstReminderMessageId(n), n]));
  const numbersByMessageId: string[] = [];
  const numbersBySubject: string[] = [];
  const unexpected: string[] = [];
  const receivedAt = new Map<string, string[]>();
  for (const mail of messages) {
    const fromId = mail.messageId ? byMessageId.get(mail.messageId) : undefined;
    if (fromId) receivedAt.set(fromId, [...(receivedAt.get(fromId) ?? []), mail.receivedAt].sort());
    const fromSubject = FIRST_REMINDER_SUBJECT.exec(mail.subject)?.[1];
    if (fromId) numbersByMessageId.push(fromId);
    if (fromSubject && wanted.has(fromSubject)) numbersBySubject.push(fromSubject);
    if (!fromId && !(fromSubject && wanted.has(fromSubject))) unexpected.push(mail.subject);
  }

  const rows: { invoice_number: string; status: string }[] = await db.query(
    `SELECT i.invoice_number, e.status FROM sent_emails e JOIN invoices i ON i.id = e.invoice_id
      WHERE e.step = 'first_reminder' AND i.invoice_number = ANY($1)`,
    [invoiceNumbers],
  );
  const tasks: { invoice_number: string }[] = await db.query(
    `SELECT i.invoice_number FROM dunning_tasks t JOIN invoices i ON i.id = t.invoice_id
      WHERE t.kind = 'phone_call' AND i.invoice_number = ANY($1)`,
    [invoiceNumbers],
  );
  return {
    invoices: invoiceNumbers.length,
    messagesReceived: messages.length,
    byMessageId: discrepancies(invoiceNumbers, numbersByMessageId),
    bySubject: discrepancies(invoiceNumbers, numbersBySubject),
    unexpected,
    sentEmailRows: {
      ...discrepancies(invoiceNumbers, rows.map((r) => r.invoice_number)),
      notSent: rows.filter((r) => r.status !== 'sent').map((r) => r.invoice_number),
    },
    phoneTasks: discrepancies(invoiceNumbers, tasks.map((t) => t.invoice_number)),
    copies: [...receivedAt].filter(([, times]) => times.length > 1).map(([invoiceNumber, times]) => ({ invoiceNumber, receivedAt: times })),
  };
}

/** What an exactly-once run looks like: `expect(problemsOf(tally)).toEqual(NO_PROBLEMS)` lists the invoices at fault otherwise. */
export function problemsOf(tally: FirstReminderTally) {
  return {
    mailMissingByMessageId: tally.byMessageId.missing,
    mailDuplicatedByMessageId: tally.byMessageId.duplicated,
    mailMissingBySubject: tally.bySubject.missing,
    mailDuplicatedBySubject: tally.bySubject.duplicated,
    unexpectedMail: tally.unexpected,
    sentEmailRowsMissing: tally.sentEmailRows.missing,
    sentEmailRowsDuplicated: tally.sentEmailRows.duplicated,
    sentEmailRowsNotSent: tally.sentEmailRows.notSent,
    phoneTasksMissing: tally.phoneTasks.missing,
    phoneTasksDuplicated: tally.phoneTasks.duplicated,
  };
}

export const NO_PROBLEMS: ReturnType<typeof problemsOf> = {
  mailMissingByMessageId: [],
  mailDuplicatedByMessageId: [],
  mailMissingBySubject: [],
  mailDuplicatedBySubject: [],
  unexpectedMail: [],
  sentEmailRowsMissing: [],
  sentEmailRowsDuplicated: [],
  sentEmailRowsNotSent: [],
  phoneTasksMissing: [],
  phoneTasksDuplicated: [],
};

/** One line for the test's printed report. */
export function describeTally(tally: FirstReminderTally): string {
  const d = (x: Discrepancies) => `${x.missing.length} missing, ${x.duplicated.reduce((sum, dup) => sum + dup.count - 1, 0)} duplicates`;
  return [
    `${tally.invoices} invoices; ${tally.messagesReceived} messages received by the SMTP server`,
    `by Message-ID ${d(tally.byMessageId)}`,
    `by subject ${d(tally.bySubject)}`,
    `${tally.unexpected.length} unexpected`,
    `sent_emails rows ${d(tally.sentEmailRows)}, ${tally.sentEmailRows.notSent.length} not marked sent`,
    `phone-call tasks ${d(tally.phoneTasks)}`,
  ].join('; ');
}

export interface Progress {
  /** Invoices whose read model shows both steps done (stage phone_call). */
  phoneCallStage: number;
  /** first_reminder rows marked sent. */
  emailsMarkedSent: number;
  phoneTasks: number;
}

/** Where the storm stands, from the database alone (cheap enough to poll). */
export async function firstReminderProgress(db: DataSource, prefix: string): Promise<Progress> {
  const [row] = await db.query(
    `SELECT
       (SELECT count(*)::int FROM invoices WHERE invoice_number LIKE $1 AND stage = 'phone_call') AS "phoneCallStage",
       (SELECT count(*)::int FROM sent_emails e JOIN invoices i ON i.id = e.invoice_id
         WHERE i.invoice_number LIKE $1 AND e.step = 'first_reminder' AND e.status = 'sent') AS "emailsMarkedSent",
       (SELECT count(*)::int FROM dunning_tasks t JOIN invoices i ON i.id = t.invoice_id
         WHERE i.invoice_number LIKE $1 AND t.kind = 'phone_call') AS "phoneTasks"`,
    [`${prefix}-%`],
  );
  return row as Progress;
}

/** Every invoice of the group has both steps done and recorded. */
export const settled = (count: number) => (p: Progress) => p.phoneCallStage === count && p.emailsMarkedSent === count && p.phoneTasks === count;
