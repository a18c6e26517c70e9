import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1764100000000 implements MigrationInterface {
  name = 'InitialSchema1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE invoices (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        creditor_id text NOT NULL,
        invoice_number text NOT NULL,
        customer_id text NOT NULL,
        total_cents bigint NOT NULL CHECK (total_cents > 0),
        net_cents bigint NOT NULL CHECK (net_cents > 0 AND net_cents <= total_cents),
        currency char(3) NOT NULL,
        issue_date date NOT NULL,
        due_date date NOT NULL,
        debtor_name text NOT NULL,
        debtor_email text NOT NULL,
        debtor_language text NOT NULL,
        workflow_id text NOT NULL,
        stage text NOT NULL,
        next_action_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT invoices_creditor_number_unique UNIQUE (creditor_id, invoice_number)
      )`);
    await queryRunner.query(`CREATE INDEX invoices_stage_due_date ON invoices (stage, due_date)`);
    await queryRunner.query(`
      CREATE TABLE sent_emails (
        idempotency_key text PRIMARY KEY,
        invoice_id uuid NOT NULL REFERENCES invoices(id),
        step text NOT NULL,
        recipient text NOT NULL,
        subject text NOT NULL,
        message_id text NOT NULL,
        status text NOT NULL CHECK (status IN ('sending', 'sent')),
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz
      )`);
    await queryRunner.query(`CREATE INDEX sent_emails_invoice ON sent_emails (invoice_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE sent_emails`);
    await queryRunner.query(`DROP TABLE invoices`);
  }
}
