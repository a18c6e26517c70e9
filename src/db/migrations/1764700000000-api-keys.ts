import type { MigrationInterface, QueryRunner } from 'typeorm';

/** API keys with a role; integrator keys belong to one creditor. Secrets are stored as SHA-256 only. */
export class ApiKeys1764700000000 implements MigrationInterface {
  name = 'ApiKeys1764700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE api_keys (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        role text NOT NULL CHECK (role IN ('backoffice', 'integrator', 'operator')),
        creditor_id text,
        prefix text NOT NULL,
        secret_sha256 bytea NOT NULL CHECK (octet_length(secret_sha256) = 32),
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz,
        CONSTRAINT api_keys_prefix_unique UNIQUE (prefix),
        CONSTRAINT api_keys_creditor_iff_integrator CHECK ((role = 'integrator') = (creditor_id IS NOT NULL))
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE api_keys`);
  }
}
