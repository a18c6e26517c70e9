import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const API_KEY_ROLES = ['backoffice', 'integrator', 'operator'] as const;
export type ApiKeyRole = (typeof API_KEY_ROLES)[number];

/**
 * A key the API accepts: `rlk_<prefix>_<secret>`. Only the prefix (to find the row) and the
 * SHA-256 of the secret are stored; the key itself is shown once, when it is created.
 */
@Entity({ name: 'api_keys' })
export class ApiKeyEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Who holds it ("erp", "back office of Alice"), for lists and audit. */
  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  role!: ApiKeyRole;

  /** Integrators only: the creditor whose invoices the key may read and send events for. */
  @Column({ name: 'creditor_id', type: 'text', nullable: true })
  creditorId!: string | null;

  /** Public part of the key, unique: the lookup index. */
  @Column({ type: 'text', unique: true })
  prefix!: string;

  /** SHA-256 of the secret part (32 bytes). */
  @Column({ name: 'secret_sha256', type: 'bytea' })
  secretSha256!: Buffer;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
