import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The dunning's read model: balance on the invoice, the event timeline, operator tasks and documents. */
export class DunningRecords1764200000000 implements MigrationInterface {
  name = 'DunningRecords1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE invoices ADD COLUMN balance_cents bigint CHECK (balance_cents >= 0)`);
    await queryRunner.query(`
      CREATE TABLE dunning_events (
        dunning_id text NOT NULL,
        seq integer NOT NULL CHECK (seq > 0),
        invoice_id uuid NOT NULL REFERENCES invoices(id),
        kind text NOT NULL,
        step text,
        summary text NOT NULL,
        actor text,
        occurred_at timestamptz NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (dunning_id, seq)
      )`);
    await queryRunner.query(`CREATE INDEX dunning_events_invoice ON dunning_events (invoice_id, occurred_at)`);
    await queryRunner.query(`
      CREATE TABLE dunning_tasks (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        task_key text NOT NULL UNIQUE,
        dunning_id text NOT NULL,
        invoice_id uuid NOT NULL REFERENCES invoices(id),
        kind text NOT NULL,
        title text NOT NULL,
        instructions text NOT NULL,
        due_on date NOT NULL,
        status text NOT NULL CHECK (status IN ('open', 'done', 'cancelled')),
        outcome text,
        closed_by text,
        created_at timestamptz NOT NULL DEFAULT now(),
        closed_at timestamptz
      )`);
    await queryRunner.query(`CREATE INDEX dunning_tasks_open ON dunning_tasks (status, due_on)`);
    await queryRunner.query(`CREATE INDEX dunning_tasks_dunning ON dunning_tasks (dunning_id)`);
    await queryRunner.query(`
      CREATE TABLE dunning_documents (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        document_key text NOT NULL UNIQUE,
        dunning_id text NOT NULL,
        invoice_id uuid NOT NULL REFERENCES invoices(id),
        step text NOT NULL,
        kind text NOT NULL,
        tone text NOT NULL,
        document_date date NOT NULL,
        pay_by date,
        balance_cents bigint NOT NULL CHECK (balance_cents >= 0),
        currency char(3) NOT NULL,
        details jsonb NOT NULL,
        status text NOT NULL CHECK (status IN ('awaiting_pdf', 'rendered')),
        rendered_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX dunning_documents_invoice ON dunning_documents (invoice_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE dunning_documents`);
    await queryRunner.query(`DROP TABLE dunning_tasks`);
    await queryRunner.query(`DROP TABLE dunning_events`);
    await queryRunner.query(`ALTER TABLE invoices DROP COLUMN balance_cents`);
  }
}
