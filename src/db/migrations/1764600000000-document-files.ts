import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The letters' files and their registered-mail dispatch.
 *
 * - dunning_documents gets the rendered PDF itself (bytea: it survives restarts, is backed up with
 *   the rest of the dunning and can be downloaded from any API replica, no shared volume needed)
 *   with its SHA-256, file name and what it states. A rendered row always has its bytes.
 * - penalty invoices take their number from a gapless per-creditor, per-year series
 *   (penalty_invoice_sequences), allocated in the transaction that stores the PDF.
 * - registered_mailings: one row per registered letter handed to the registered-mail provider
 *   (print-and-post queue or an electronic service over HTTP), with its tracking number and the
 *   posting date that is relayed to the dunning workflow.
 */
export class DocumentFiles1764600000000 implements MigrationInterface {
  name = 'DocumentFiles1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE dunning_documents
        ADD COLUMN creditor_id text,
        ADD COLUMN language text CHECK (language IN ('fr', 'en')),
        ADD COLUMN number text,
        ADD COLUMN file_name text,
        ADD COLUMN content_type text,
        ADD COLUMN content bytea,
        ADD COLUMN byte_size integer CHECK (byte_size > 0),
        ADD COLUMN sha256 text CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        ADD COLUMN page_count integer CHECK (page_count > 0),
        ADD COLUMN subject text,
        ADD COLUMN amounts jsonb`);
    await queryRunner.query(`
      ALTER TABLE dunning_documents ADD CONSTRAINT dunning_documents_rendered_has_file CHECK (
        status <> 'rendered'
        OR (content IS NOT NULL AND sha256 IS NOT NULL AND file_name IS NOT NULL AND content_type IS NOT NULL
            AND byte_size = octet_length(content) AND rendered_at IS NOT NULL)
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX dunning_documents_creditor_number ON dunning_documents (creditor_id, number) WHERE number IS NOT NULL`);
    await queryRunner.query(`
      CREATE TABLE penalty_invoice_sequences (
        creditor_id text NOT NULL,
        year integer NOT NULL CHECK (year BETWEEN 2000 AND 9999),
        last_number integer NOT NULL CHECK (last_number > 0),
        PRIMARY KEY (creditor_id, year)
      )`);
    await queryRunner.query(`
      CREATE TABLE registered_mailings (
        document_id uuid PRIMARY KEY REFERENCES dunning_documents(id),
        dunning_id text NOT NULL,
        invoice_id uuid NOT NULL REFERENCES invoices(id),
        step text NOT NULL,
        provider text NOT NULL CHECK (provider IN ('print', 'http')),
        status text NOT NULL CHECK (status IN ('submitting', 'to_print', 'submitted', 'posted', 'confirmed', 'abandoned')),
        tracking_number text,
        posted_on date,
        note text,
        attempts integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        confirmed_at timestamptz,
        CHECK (status NOT IN ('submitted', 'posted', 'confirmed') OR tracking_number IS NOT NULL),
        CHECK (status NOT IN ('posted', 'confirmed') OR posted_on IS NOT NULL)
      )`);
    await queryRunner.query(`CREATE INDEX registered_mailings_to_relay ON registered_mailings (updated_at) WHERE status IN ('submitted', 'posted')`);
    await queryRunner.query(`CREATE INDEX registered_mailings_dunning ON registered_mailings (dunning_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE registered_mailings`);
    await queryRunner.query(`DROP TABLE penalty_invoice_sequences`);
    await queryRunner.query(`DROP INDEX dunning_documents_creditor_number`);
    await queryRunner.query(`ALTER TABLE dunning_documents DROP CONSTRAINT dunning_documents_rendered_has_file`);
    await queryRunner.query(`
      ALTER TABLE dunning_documents
        DROP COLUMN amounts, DROP COLUMN subject, DROP COLUMN page_count, DROP COLUMN sha256, DROP COLUMN byte_size,
        DROP COLUMN content, DROP COLUMN content_type, DROP COLUMN file_name, DROP COLUMN number, DROP COLUMN language,
        DROP COLUMN creditor_id`);
  }
}
