import type { DunningCase } from './dunning-case';
import { records } from './dunning-activities';

/**
 * Writes the dunning's history to PostgreSQL (timeline and read model) and closes operator tasks,
 * one local activity at a time. The chain matters twice: rows written by an update handler and by
 * the main loop never overtake each other, and two local activities never complete in the same
 * workflow activation, whose order a replay could not reproduce (the handler's answer and the
 * loop's next timer would swap places: non-determinism).
 */
export class DunningRecords {
  private chain: Promise<unknown> = Promise.resolve();

  constructor(private readonly dunning: DunningCase) {}

  /** Runs `work` (a local activity) after every one already queued. */
  enqueue<T>(work: () => Promise<T>): Promise<T> {
    const done = this.chain.then(work);
    this.chain = done;
    return done;
  }

  /** Records the entries not yet written, with the read model as it stands now. Resolves once they are stored. */
  flush(nowMs: number): Promise<unknown> {
    const fresh = this.dunning.takeUnrecorded();
    if (fresh.length === 0) return this.chain;
    const { dunning } = this;
    const nextActionAt = dunning.nextActionAt(nowMs);
    const readModel = {
      stage: dunning.stage,
      amountDueCents: dunning.amountDueCents,
      nextActionAt: nextActionAt === null ? null : new Date(nextActionAt).toISOString(),
    };
    const events = fresh.map(({ seq, entry }) => ({ seq, entry }));
    return this.enqueue(() =>
      records.recordDunningEvents({ dunningId: dunning.dunningId, invoiceId: dunning.input.invoiceId, events, readModel }),
    );
  }

  /** Closes one task of the dunning (`key`), or all its open ones (`key` null, when the dunning ends). */
  closeTasks(key: string | null, outcome: string, by: string | null): Promise<number> {
    const { dunningId } = this.dunning;
    return this.enqueue(() => records.closeOperatorTasks({ dunningId, key: key === null ? null : `${dunningId}/${key}`, outcome, by }));
  }
}
