import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Creditor profiles and customers (debtors). Addresses and contacts are jsonb value objects (see
 * customer.entity.ts); the CHECKs keep the shapes the API validates, so a hand-written row cannot
 * break a letter later. Indexes follow GET /v1/customers: its order (created_at, id) alone or after
 * an equality filter, a partial index for the few habitual late payers, trigrams for the name search.
 */
export class CreditorsCustomers1764400000000 implements MigrationInterface {
  name = 'CreditorsCustomers1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Trusted extension (PostgreSQL 13+): the database owner may create it; shipped with PostgreSQL's contrib.
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(`
      CREATE TABLE creditors (
        id text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]{0,39}$'),
        legal_name text NOT NULL CHECK (length(legal_name) BETWEEN 1 AND 200),
        jurisdiction text NOT NULL CHECK (jurisdiction IN ('FR', 'BE')),
        registration_number text NOT NULL CHECK (registration_number ~ '^[0-9]{9,14}$'),
        vat_number text CHECK (vat_number ~ '^(FR[0-9A-Z]{2}[0-9]{9}|BE[01][0-9]{9})$'),
        address jsonb NOT NULL CHECK (jsonb_typeof(address) = 'object'),
        signatory_name text NOT NULL,
        signatory_title text NOT NULL,
        competent_court text NOT NULL,
        iban text NOT NULL CHECK (iban ~ '^[A-Z]{2}[0-9]{2}[A-Z0-9]{1,30}$'),
        bic text CHECK (bic ~ '^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$'),
        billing_contact_name text NOT NULL,
        billing_contact_email text NOT NULL,
        billing_contact_phone text CHECK (billing_contact_phone ~ '^\\+[1-9][0-9]{6,14}$'),
        default_plan_name text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE customers (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        creditor_id text NOT NULL REFERENCES creditors(id) ON DELETE RESTRICT,
        external_id text NOT NULL CHECK (length(external_id) BETWEEN 1 AND 100),
        type text NOT NULL CHECK (type IN ('business', 'consumer')),
        legal_name text NOT NULL CHECK (length(legal_name) BETWEEN 1 AND 200),
        search_name text NOT NULL,
        country char(2) NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
        registration_number text,
        vat_number text,
        billing_address jsonb NOT NULL CHECK (jsonb_typeof(billing_address) = 'object'),
        registered_office jsonb CHECK (jsonb_typeof(registered_office) = 'object'),
        contacts jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(contacts) = 'array' AND jsonb_array_length(contacts) <= 20),
        plan_override text,
        habitual_late_payer boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT customers_creditor_external_id_unique UNIQUE (creditor_id, external_id),
        CONSTRAINT customers_consumer_has_no_company_numbers CHECK (type = 'business' OR (registration_number IS NULL AND vat_number IS NULL))
      )`);
    await queryRunner.query(`CREATE INDEX customers_order ON customers (created_at, id)`);
    await queryRunner.query(`CREATE INDEX customers_country_order ON customers (country, created_at, id)`);
    await queryRunner.query(`CREATE INDEX customers_type_order ON customers (type, created_at, id)`);
    await queryRunner.query(`CREATE INDEX customers_late_payers_order ON customers (created_at, id) WHERE habitual_late_payer`);
    await queryRunner.query(`CREATE INDEX customers_search_name_trgm ON customers USING gin (search_name gin_trgm_ops)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE customers`);
    await queryRunner.query(`DROP TABLE creditors`);
    // pg_trgm stays: other tables may use it by then.
  }
}
