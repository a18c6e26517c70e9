import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 5: idempotency keys of POST /v1/invoices, the indexes GET /v1/invoices filters on, and a
 * marker of dunnings known to be started (a repeated batch import starts only the missing ones).
 */
export class InvoiceListsImports1764900000000 implements MigrationInterface {
  name = 'InvoiceListsImports1764900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE invoice_idempotency_keys (
        creditor_id text NOT NULL,
        key text NOT NULL CHECK (length(key) BETWEEN 1 AND 255),
        body_sha256 bytea NOT NULL CHECK (octet_length(body_sha256) = 32),
        invoice_id uuid NOT NULL REFERENCES invoices (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (creditor_id, key)
      )`);
    // Set once the API has started the invoice's dunning (null: not known to be started; starting is idempotent).
    await queryRunner.query(`ALTER TABLE invoices ADD COLUMN dunning_started_at timestamptz`);
    // Lists are ordered by (due_date, id) and nearly always confined to a creditor (integrator keys).
    await queryRunner.query(`CREATE INDEX invoices_due_id ON invoices (due_date, id)`);
    await queryRunner.query(`CREATE INDEX invoices_creditor_due_id ON invoices (creditor_id, due_date, id)`);
    await queryRunner.query(`CREATE INDEX invoices_creditor_stage_due_id ON invoices (creditor_id, stage, due_date, id)`);
    await queryRunner.query(`CREATE INDEX invoices_creditor_customer_due_id ON invoices (creditor_id, customer_id, due_date, id)`);
    // The amount filters compare what is due: the balance once the dunning recorded it, else the total.
    await queryRunner.query(`CREATE INDEX invoices_creditor_amount_due ON invoices (creditor_id, (COALESCE(balance_cents, total_cents)))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX invoices_creditor_amount_due`);
    await queryRunner.query(`DROP INDEX invoices_creditor_customer_due_id`);
    await queryRunner.query(`DROP INDEX invoices_creditor_stage_due_id`);
    await queryRunner.query(`DROP INDEX invoices_creditor_due_id`);
    await queryRunner.query(`DROP INDEX invoices_due_id`);
    await queryRunner.query(`ALTER TABLE invoices DROP COLUMN dunning_started_at`);
    await queryRunner.query(`DROP TABLE invoice_idempotency_keys`);
  }
}
