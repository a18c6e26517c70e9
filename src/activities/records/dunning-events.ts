import type { DataSource } from 'typeorm';
import type { DunningEventsRecord } from '../dunning-activity-types';

/**
 * Appends the timeline rows (a retry inserts nothing twice) and updates the read model, as one
 * statement: a single statement is atomic, and it costs one round trip where BEGIN, INSERT,
 * UPDATE, COMMIT cost four. It runs in a local activity on the path of every workflow task and
 * every event's answer (bench/: due-day storm, events under load).
 */
export async function recordDunningEvents(dataSource: DataSource, record: DunningEventsRecord): Promise<void> {
  const { events, readModel } = record;
  await dataSource.query(
    `WITH timeline AS (
       INSERT INTO dunning_events (dunning_id, seq, invoice_id, kind, step, summary, actor, occurred_at)
       SELECT $1::text, e.seq, $2::uuid, e.kind, e.step, e.summary, e.actor, e.occurred_at
       FROM unnest($3::int[], $4::text[], $5::text[], $6::text[], $7::text[], $8::timestamptz[]) AS e(seq, kind, step, summary, actor, occurred_at)
       ON CONFLICT DO NOTHING
     )
     UPDATE invoices SET stage = $9::text, balance_cents = $10::bigint, next_action_at = $11::timestamptz, updated_at = now() WHERE id = $2::uuid`,
    [
      record.dunningId,
      record.invoiceId,
      events.map(({ seq }) => seq),
      events.map(({ entry }) => entry.kind),
      events.map(({ entry }) => entry.step ?? null),
      events.map(({ entry }) => entry.summary),
      events.map(({ entry }) => entry.by ?? null),
      events.map(({ entry }) => entry.at),
      readModel.stage,
      readModel.amountDueCents,
      readModel.nextActionAt,
    ],
  );
}
