import type { MigrationInterface, QueryRunner } from 'typeorm';

export class DunningPlans1764500000000 implements MigrationInterface {
  name = 'DunningPlans1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE dunning_plans (
        name text NOT NULL,
        version integer NOT NULL CHECK (version >= 1),
        definition jsonb NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (name, version),
        CHECK (definition->>'name' = name AND (definition->>'version')::int = version)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE dunning_plans`);
  }
}
