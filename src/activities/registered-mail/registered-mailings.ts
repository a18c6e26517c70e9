import { ApplicationFailure } from '@temporalio/activity';
import type { DataSource } from 'typeorm';
import { RegisteredMailingEntity } from '../../db/entities/registered-mailing.entity';
import { RegisteredMailRejectedError, type RegisteredLetterToSend, type RegisteredMailProvider } from './registered-mail';

export interface RegisteredMailing {
  provider: 'print' | 'http';
  status: RegisteredMailingEntity['status'];
  trackingNumber: string | null;
  postedOn: string | null;
  /** True when an earlier attempt had already handed the letter over. */
  alreadyDone: boolean;
}

/**
 * Hands a registered letter to the provider at most once per document: the row is claimed
 * ('submitting') before the call and completed after it; a retry finds it completed and stops.
 * Only a crash between the provider's answer and the update submits again — with the same
 * Idempotency-Key, so the provider answers with the letter it already has.
 */
export async function submitRegisteredLetterOnce(dataSource: DataSource, provider: RegisteredMailProvider, letter: RegisteredLetterToSend): Promise<RegisteredMailing> {
  const repo = dataSource.getRepository(RegisteredMailingEntity);
  await repo
    .createQueryBuilder()
    .insert()
    .values({
      documentId: letter.documentId,
      dunningId: letter.dunningId,
      invoiceId: letter.invoiceId,
      step: letter.step,
      provider: provider.name,
      status: 'submitting',
    })
    .orIgnore()
    .execute();
  const row = await repo.findOneByOrFail({ documentId: letter.documentId });
  if (row.status !== 'submitting') {
    return { provider: row.provider, status: row.status, trackingNumber: row.trackingNumber, postedOn: row.postedOn, alreadyDone: true };
  }

  await repo.update({ documentId: letter.documentId }, { provider: provider.name, attempts: () => 'attempts + 1', updatedAt: new Date() });
  let receipt;
  try {
    receipt = await provider.submit(letter);
  } catch (error) {
    if (error instanceof RegisteredMailRejectedError) {
      throw ApplicationFailure.nonRetryable(
        `${error.message}. The ${letter.kind.replace('_', ' ')} of invoice ${letter.invoiceNumber} is stored (${letter.downloadUrl}): fix the cause (recipient address, provider settings) and send it by hand`,
        'REGISTERED_MAIL.REJECTED',
      );
    }
    throw error;
  }
  const completed =
    receipt.status === 'to_print'
      ? { status: 'to_print' as const, trackingNumber: null, postedOn: null }
      : { status: receipt.postedOn ? ('posted' as const) : ('submitted' as const), trackingNumber: receipt.trackingNumber, postedOn: receipt.postedOn };
  await repo.update({ documentId: letter.documentId }, { ...completed, updatedAt: new Date() });
  return { provider: provider.name, ...completed, alreadyDone: false };
}
