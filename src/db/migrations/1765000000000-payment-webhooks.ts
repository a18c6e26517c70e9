import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Inbound payment webhooks of integrators (bank feeds, payment providers):
 * - webhook_integrations: one signed endpoint per integrator, for one creditor. The secret is stored
 *   as such (not hashed): it is the HMAC key every request is verified with, so it must be readable.
 *   It is shown once when created, never listed, never logged.
 * - webhook_signatures: signatures already accepted, to refuse a replay; pruned 10 minutes after
 *   they were seen (a timestamp is accepted only within 5 minutes of now, either way).
 * - unmatched_payments: payments no invoice was found for, for an operator to assign.
 */
export class PaymentWebhooks1765000000000 implements MigrationInterface {
  name = 'PaymentWebhooks1765000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE webhook_integrations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        creditor_id text NOT NULL,
        secret text NOT NULL CHECK (length(secret) >= 32),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE webhook_signatures (
        integration_id uuid NOT NULL REFERENCES webhook_integrations (id) ON DELETE CASCADE,
        signature text NOT NULL,
        signed_at timestamptz NOT NULL,
        seen_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (integration_id, signature)
      )`);
    await queryRunner.query(`CREATE INDEX webhook_signatures_seen_at ON webhook_signatures (seen_at)`);
    await queryRunner.query(`
      CREATE TABLE unmatched_payments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        integration_id uuid NOT NULL REFERENCES webhook_integrations (id),
        creditor_id text NOT NULL,
        reference text NOT NULL,
        amount_cents bigint NOT NULL CHECK (amount_cents > 0),
        currency char(3) NOT NULL,
        value_date date NOT NULL,
        invoice_number text,
        payment_reference text,
        received_at timestamptz NOT NULL DEFAULT now(),
        assigned_invoice_id uuid REFERENCES invoices (id),
        assigned_by text,
        assigned_at timestamptz,
        CONSTRAINT unmatched_payments_reference_unique UNIQUE (creditor_id, reference),
        CONSTRAINT unmatched_payments_assignment CHECK ((assigned_invoice_id IS NULL) = (assigned_at IS NULL))
      )`);
    await queryRunner.query(`CREATE INDEX unmatched_payments_open ON unmatched_payments (received_at) WHERE assigned_invoice_id IS NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE unmatched_payments`);
    await queryRunner.query(`DROP TABLE webhook_signatures`);
    await queryRunner.query(`DROP TABLE webhook_integrations`);
  }
}
