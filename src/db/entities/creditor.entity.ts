import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { PostalAddress } from './postal-address';

/**
 * The company that is owed: what its letters, e-mails and formal notices print about it (letterhead,
 * bank details, signatory, competent court). Keyed by a slug that invoices carry as creditor_id.
 * One-to-one values are plain columns, so the migration's CHECKs guard them; the address is jsonb,
 * like the customers' (see customer.entity.ts).
 */
@Entity({ name: 'creditors' })
export class CreditorEntity {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ name: 'legal_name', type: 'text' })
  legalName!: string;

  @Column({ type: 'text' })
  jurisdiction!: 'FR' | 'BE';

  /** Compact: SIREN or SIRET (FR), enterprise number (BE). */
  @Column({ name: 'registration_number', type: 'text' })
  registrationNumber!: string;

  @Column({ name: 'vat_number', type: 'text', nullable: true })
  vatNumber!: string | null;

  @Column({ type: 'jsonb' })
  address!: PostalAddress;

  @Column({ name: 'signatory_name', type: 'text' })
  signatoryName!: string;

  @Column({ name: 'signatory_title', type: 'text' })
  signatoryTitle!: string;

  @Column({ name: 'competent_court', type: 'text' })
  competentCourt!: string;

  @Column({ type: 'text' })
  iban!: string;

  @Column({ type: 'text', nullable: true })
  bic!: string | null;

  @Column({ name: 'billing_contact_name', type: 'text' })
  billingContactName!: string;

  @Column({ name: 'billing_contact_email', type: 'text' })
  billingContactEmail!: string;

  @Column({ name: 'billing_contact_phone', type: 'text', nullable: true })
  billingContactPhone!: string | null;

  /** A plan name, not checked yet (plans are stored later). */
  @Column({ name: 'default_plan_name', type: 'text', nullable: true })
  defaultPlanName!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  /** Moves only when a PUT changes something: the same PUT again leaves the row as it was. */
  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
