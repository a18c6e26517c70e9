import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { CustomerContact, PostalAddress } from './postal-address';

/**
 * A debtor of a creditor. Addresses and contacts are jsonb: they are value objects read and written
 * with the customer, as a whole, never on their own, a handful per customer; a child table would
 * add joins and row diffs on every PATCH for no query that needs them yet.
 */
@Entity({ name: 'customers' })
@Index('customers_creditor_external_id_unique', ['creditorId', 'externalId'], { unique: true })
export class CustomerEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'creditor_id', type: 'text' })
  creditorId!: string;

  /** The integrator's own reference of the customer, unique per creditor. */
  @Column({ name: 'external_id', type: 'text' })
  externalId!: string;

  @Column({ type: 'text' })
  type!: 'business' | 'consumer';

  @Column({ name: 'legal_name', type: 'text' })
  legalName!: string;

  /** legal_name lower-cased, accents removed, spaces collapsed: what the name search matches (trigram index). */
  @Column({ name: 'search_name', type: 'text' })
  searchName!: string;

  /** ISO 3166-1 alpha-2 of the customer's registration; decides how its numbers are checked. */
  @Column({ type: 'char', length: 2 })
  country!: string;

  @Column({ name: 'registration_number', type: 'text', nullable: true })
  registrationNumber!: string | null;

  @Column({ name: 'vat_number', type: 'text', nullable: true })
  vatNumber!: string | null;

  @Column({ name: 'billing_address', type: 'jsonb' })
  billingAddress!: PostalAddress;

  @Column({ name: 'registered_office', type: 'jsonb', nullable: true })
  registeredOffice!: PostalAddress | null;

  @Column({ type: 'jsonb' })
  contacts!: CustomerContact[];

  /** A plan name overriding the creditor's default, not checked yet (plans are stored later). */
  @Column({ name: 'plan_override', type: 'text', nullable: true })
  planOverride!: string | null;

  @Column({ name: 'habitual_late_payer', type: 'boolean' })
  habitualLatePayer!: boolean;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
