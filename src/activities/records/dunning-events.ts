import type { DataSource } from 'typeorm';
import { DunningEventEntity } from '../../db/entities/dunning-event.entity';
import { InvoiceEntity } from '../../db/entities/invoice.entity';
import type { DunningEventsRecord } from '../dunning-activity-types';

/** Appends the timeline rows (a retry inserts nothing twice) and updates the read model, in one transaction. */
export async function recordDunningEvents(dataSource: DataSource, record: DunningEventsRecord): Promise<void> {
  await dataSource.transaction(async (manager) => {
    if (record.events.length > 0) {
      await manager
        .createQueryBuilder()
        .insert()
        .into(DunningEventEntity)
        .values(
          record.events.map(({ seq, entry }) => ({
            dunningId: record.dunningId,
            seq,
            invoiceId: record.invoiceId,
            kind: entry.kind,
            step: entry.step ?? null,
            summary: entry.summary,
            actor: entry.by ?? null,
            occurredAt: new Date(entry.at),
          })),
        )
        .orIgnore()
        .execute();
    }
    const { stage, amountDueCents, nextActionAt } = record.readModel;
    await manager.update(InvoiceEntity, { id: record.invoiceId }, { stage, balanceCents: amountDueCents, nextActionAt: nextActionAt ? new Date(nextActionAt) : null });
  });
}
