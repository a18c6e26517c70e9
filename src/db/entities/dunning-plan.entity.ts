import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { DunningPlan } from '../../domain/plan';

/** One version of a dunning plan; versions are never changed, a change is a new version. */
@Entity({ name: 'dunning_plans' })
export class DunningPlanEntity {
  @PrimaryColumn({ type: 'text' })
  name!: string;

  @PrimaryColumn({ type: 'integer' })
  version!: number;

  /** The whole plan as the workflow receives it (validated by planProblems before it is stored). */
  @Column({ type: 'jsonb' })
  definition!: DunningPlan;

  @Column({ name: 'created_by', type: 'text' })
  createdBy!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
