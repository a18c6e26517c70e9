/**
 * The way back from an electronic registered-mail provider: the worker relays each deposit date to
 * the dunning workflow with its `confirmRegisteredLetterPosted` update (the same update the API's
 * confirm route calls for letters posted by hand). Polling, from PostgreSQL: nothing to expose to
 * the internet, and it survives restarts — a row stays 'submitted' or 'posted' until it is done.
 *
 * Each round: letters 'submitted' ask the provider whether they are deposited yet (→ 'posted');
 * letters 'posted' are confirmed to their workflow (→ 'confirmed'). The workflow refuses a letter
 * it has not recorded yet (the step's activity has not completed): the row waits for the next round.
 * A workflow that no longer wants it (paid, cancelled, confirmed by hand with another number, gone)
 * marks it 'abandoned', with why.
 */
import { WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { In, type DataSource } from 'typeorm';
import { RegisteredMailingEntity } from '../../db/entities/registered-mailing.entity';
import { confirmRegisteredLetterPostedUpdate } from '../../workflows/messages';
import type { RegisteredMailProvider } from './registered-mail';

export interface PostingToConfirm {
  workflowId: string;
  step: string;
  trackingNumber: string;
  postedOn: string;
  by: string;
}

export type ConfirmOutcome = { outcome: 'confirmed' } | { outcome: 'not_yet'; detail: string } | { outcome: 'refused'; detail: string };

/** Tells the workflow; the Temporal implementation is `temporalPostingConfirmer`. */
export type PostingConfirmer = (posting: PostingToConfirm) => Promise<ConfirmOutcome>;

export const RELAY_ACTOR = 'registered-mail-relay';

/** One round; returns how many letters moved. Errors of one letter (network, Temporal down) leave it for the next round. */
export async function relayPostingConfirmations(options: {
  dataSource: DataSource;
  provider: RegisteredMailProvider;
  confirm: PostingConfirmer;
  batchSize?: number;
  /** A letter (or, without `mailing`, the whole round) failed; it is tried again next round. */
  onError?: (error: unknown, mailing?: RegisteredMailingEntity) => void;
}): Promise<{ posted: number; confirmed: number; abandoned: number }> {
  const { dataSource, provider, confirm } = options;
  const repo = dataSource.getRepository(RegisteredMailingEntity);
  const counts = { posted: 0, confirmed: 0, abandoned: 0 };
  const rows = await repo.find({
    where: { provider: provider.name, status: In(['submitted', 'posted']) },
    order: { updatedAt: 'ASC' },
    take: options.batchSize ?? 50,
  });
  for (const row of rows) {
    try {
      if (row.status === 'submitted' && provider.status && row.trackingNumber) {
        const status = await provider.status(row.trackingNumber);
        if (!status.postedOn) {
          // To the back of the queue (oldest updated first), so waiting letters never starve the others.
          await repo.update({ documentId: row.documentId }, { updatedAt: new Date() });
          continue;
        }
        await repo.update({ documentId: row.documentId, status: 'submitted' }, { status: 'posted', postedOn: status.postedOn, updatedAt: new Date() });
        row.status = 'posted';
        row.postedOn = status.postedOn;
        counts.posted++;
      }
      if (row.status !== 'posted' || !row.trackingNumber || !row.postedOn) continue;
      const result = await confirm({ workflowId: row.dunningId, step: row.step, trackingNumber: row.trackingNumber, postedOn: row.postedOn, by: RELAY_ACTOR });
      if (result.outcome === 'confirmed') {
        await repo.update({ documentId: row.documentId, status: 'posted' }, { status: 'confirmed', confirmedAt: new Date(), note: null, updatedAt: new Date() });
        counts.confirmed++;
      } else if (result.outcome === 'refused') {
        await repo.update({ documentId: row.documentId, status: 'posted' }, { status: 'abandoned', note: result.detail, updatedAt: new Date() });
        counts.abandoned++;
      } else {
        await repo.update({ documentId: row.documentId }, { note: result.detail, updatedAt: new Date() });
      }
    } catch (error) {
      options.onError?.(error, row);
    }
  }
  return counts;
}

/** The confirmer that calls the dunning workflow's update; the refusal codes are the workflow's (messages.ts). */
export function temporalPostingConfirmer(client: Client): PostingConfirmer {
  return async (posting) => {
    try {
      await client.workflow.getHandle(posting.workflowId).executeUpdate(confirmRegisteredLetterPostedUpdate, {
        args: [{ trackingNumber: posting.trackingNumber, postedOn: posting.postedOn, by: posting.by, step: posting.step }],
      });
      return { outcome: 'confirmed' };
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return { outcome: 'refused', detail: `workflow ${posting.workflowId} not found` };
      if (error instanceof WorkflowUpdateFailedError) {
        const cause = error.cause as { type?: string; message?: string } | undefined;
        const detail = `${cause?.type ?? 'UPDATE.FAILED'}: ${cause?.message ?? error.message}`;
        // The letter's step has not completed in the workflow yet: try again next round.
        if (cause?.type === 'REGISTERED_LETTER.NOT_PRODUCED') return { outcome: 'not_yet', detail };
        return { outcome: 'refused', detail };
      }
      throw error;
    }
  };
}

/** Runs a round every `intervalMs` until stopped; a round never overlaps the previous one. */
export function startPostingRelay(options: Parameters<typeof relayPostingConfirmations>[0] & { intervalMs: number }): { stop(): Promise<void> } {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let round: Promise<unknown> = Promise.resolve();
  const tick = () => {
    round = relayPostingConfirmations(options)
      .catch((error) => options.onError?.(error))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, options.intervalMs);
      });
  };
  timer = setTimeout(tick, options.intervalMs);
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await round;
    },
  };
}
