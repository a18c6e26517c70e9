import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { SentEmailEntity } from '../../db/entities/sent-email.entity';
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
 * Sends a dunning step's e-mail at most once per idempotency key: the row is claimed before the
 * SMTP exchange and marked sent after it; a retry finds it sent and stops. Only a crash between
 * the server's acceptance and the update can resend, with the same Message-ID.
 */
export async function sendStepEmailOnce(
  dataSource: DataSource,
  mailer: Mailer,
  idempotencyKey: string,
  email: StepEmail,
): Promise<{ messageId: string; alreadySent: boolean }> {
  const repo = dataSource.getRepository(SentEmailEntity);
  const messageId = stableMessageId(idempotencyKey);
  await repo
    .createQueryBuilder()
    .insert()
    .values({
      idempotencyKey,
      invoiceId: email.invoiceId,
      step: email.step,
      recipient: email.to,
      subject: email.subject,
      messageId,
      status: 'sending',
    })
    .orIgnore()
    .execute();
  const record = await repo.findOneByOrFail({ idempotencyKey });
  if (record.status === 'sent') return { messageId, alreadySent: true };

  await mailer.send({ to: email.to, subject: email.subject, text: email.text, html: email.html, messageId, attachments: email.attachments });
  await repo.update({ idempotencyKey }, { status: 'sent', sentAt: new Date() });
  return { messageId, alreadySent: false };
}
