import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Escalation files (issue 4). The ZIP itself is a dunning_documents row of kind 'escalation_file'
 * (content_type application/zip, keyed by dunning and step like the letters); this table records
 * what the collection partner was told about it: one row per file, so a retried activity never
 * notifies twice once the partner answered 2xx, and a skipped or refused notification stays visible.
 */
export class EscalationFiles1764800000000 implements MigrationInterface {
  name = 'EscalationFiles1764800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE collection_partner_notifications (
        document_id uuid PRIMARY KEY REFERENCES dunning_documents(id),
        idempotency_key text NOT NULL UNIQUE,
        dunning_id text NOT NULL,
        invoice_id uuid NOT NULL REFERENCES invoices(id),
        status text NOT NULL CHECK (status IN ('pending', 'skipped', 'delivered', 'rejected')),
        webhook_url text,
        attempts integer NOT NULL DEFAULT 0,
        last_http_status integer,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        delivered_at timestamptz,
        CHECK (status <> 'delivered' OR delivered_at IS NOT NULL)
      )`);
    await queryRunner.query(`CREATE INDEX collection_partner_notifications_invoice ON collection_partner_notifications (invoice_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE collection_partner_notifications`);
  }
}
