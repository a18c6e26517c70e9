import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { RateTableName } from '../../domain/rates';

/**
 * A late-payment rate added by an operator after release (src/domain/rates OperatorRates, stored).
 * ECB_MRO rows are keyed by effective date; FR_LEGAL and BE_B2B rows by half-year. The migration's
 * CHECK constraints and partial unique indexes enforce that shape and one row per key.
 */
@Entity({ name: 'operator_rates' })
export class OperatorRateEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  kind!: RateTableName;

  /** ECB_MRO only: the rate is in force from this day (a decision, or a confirmation on 1 January / 1 July). */
  @Column({ name: 'effective_from', type: 'date', nullable: true })
  effectiveFrom!: string | null;

  /** FR_LEGAL and BE_B2B only. */
  @Column({ type: 'integer', nullable: true })
  year!: number | null;

  /** FR_LEGAL and BE_B2B only: 1 (January-June) or 2 (July-December). */
  @Column({ type: 'smallint', nullable: true })
  half!: 1 | 2 | null;

  /** ECB_MRO: the MRO rate; BE_B2B: the published rate; FR_LEGAL: the "all other cases" column. */
  @Column({ name: 'rate_bp', type: 'integer' })
  rateBp!: number;

  /** FR_LEGAL only: the "creditor is a private individual" column of the arrêté. */
  @Column({ name: 'private_creditor_rate_bp', type: 'integer', nullable: true })
  privateCreditorRateBp!: number | null;

  /** Where the operator read the rate (press release, arrêté, SPF Finances notice). */
  @Column({ type: 'text' })
  source!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  /** Placeholder until the API authenticates operators: always 'api' for now. */
  @Column({ name: 'created_by', type: 'text' })
  createdBy!: string;
}
