import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Late-payment rates added by operators (ECB decisions, French legal rate, Belgian B2B rate). */
export class OperatorRates1764300000000 implements MigrationInterface {
  name = 'OperatorRates1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE operator_rates (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL CHECK (kind IN ('ECB_MRO', 'FR_LEGAL', 'BE_B2B')),
        effective_from date,
        year integer CHECK (year BETWEEN 1 AND 9999),
        half smallint CHECK (half IN (1, 2)),
        rate_bp integer NOT NULL CHECK (rate_bp BETWEEN -10000 AND 10000),
        private_creditor_rate_bp integer CHECK (private_creditor_rate_bp BETWEEN 0 AND 10000),
        source text NOT NULL CHECK (length(source) BETWEEN 1 AND 500),
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by text NOT NULL,
        CONSTRAINT operator_rates_shape CHECK (
          CASE kind
            WHEN 'ECB_MRO' THEN effective_from IS NOT NULL AND year IS NULL AND half IS NULL
              AND private_creditor_rate_bp IS NULL
            WHEN 'FR_LEGAL' THEN effective_from IS NULL AND year IS NOT NULL AND half IS NOT NULL
              AND private_creditor_rate_bp IS NOT NULL AND rate_bp >= 0
            ELSE effective_from IS NULL AND year IS NOT NULL AND half IS NOT NULL
              AND private_creditor_rate_bp IS NULL AND rate_bp >= 0
          END
        )
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX operator_rates_ecb_key ON operator_rates (kind, effective_from) WHERE effective_from IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX operator_rates_half_year_key ON operator_rates (kind, year, half) WHERE year IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE operator_rates`);
  }
}
