import { ApiProperty } from '@nestjs/swagger';
import type { CustomerEntity } from '../../db/entities/customer.entity';
import type { CustomerContact } from '../../db/entities/postal-address';
import { PostalAddressView, toPostalAddress } from '../common/postal-address.dto';
import { CONTACT_ROLES, CUSTOMER_TYPES, LANGUAGES, type CustomerType } from './customer.dto';

export class ContactView implements CustomerContact {
  @ApiProperty({ enum: CONTACT_ROLES, example: 'accounts_payable' }) role!: CustomerContact['role'];
  @ApiProperty({ example: 'Sophie Martin' }) name!: string;
  @ApiProperty({ example: 'fournisseurs@boulangerie-martin.fr', nullable: true, type: String }) email!: string | null;
  @ApiProperty({ example: '+33472000000', nullable: true, type: String }) phone!: string | null;
  @ApiProperty({ enum: LANGUAGES, example: 'fr' }) language!: CustomerContact['language'];
}

export class CustomerView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'default' }) creditorId!: string;
  @ApiProperty({ example: 'CUST-0042' }) externalId!: string;
  @ApiProperty({ enum: CUSTOMER_TYPES, example: 'business' }) type!: CustomerType;
  @ApiProperty({ example: 'Boulangerie Martin SARL' }) legalName!: string;
  @ApiProperty({ example: 'FR' }) country!: string;
  @ApiProperty({ example: '542051180', nullable: true, type: String }) registrationNumber!: string | null;
  @ApiProperty({ example: 'FR59542051180', nullable: true, type: String }) vatNumber!: string | null;
  @ApiProperty({ type: PostalAddressView }) billingAddress!: PostalAddressView;
  @ApiProperty({ type: PostalAddressView, nullable: true }) registeredOffice!: PostalAddressView | null;
  @ApiProperty({ type: [ContactView] }) contacts!: ContactView[];
  @ApiProperty({ example: null, nullable: true, type: String }) planOverride!: string | null;
  @ApiProperty({ example: false }) habitualLatePayer!: boolean;
  @ApiProperty({ example: '2026-11-25T09:12:00.000Z' }) createdAt!: string;
  @ApiProperty({ example: '2026-11-25T09:12:00.000Z', description: 'Moves only when a PATCH changed something' }) updatedAt!: string;
}

export class CustomerPageView {
  @ApiProperty({ type: [CustomerView], description: 'Oldest first (created_at, then id)' }) items!: CustomerView[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as cursor for the next page; null on the last page' }) nextCursor!: string | null;
}

export function toCustomerView(row: CustomerEntity): CustomerView {
  return {
    id: row.id,
    creditorId: row.creditorId,
    externalId: row.externalId,
    type: row.type,
    legalName: row.legalName,
    country: row.country,
    registrationNumber: row.registrationNumber,
    vatNumber: row.vatNumber,
    billingAddress: toPostalAddress(row.billingAddress),
    registeredOffice: row.registeredOffice ? toPostalAddress(row.registeredOffice) : null,
    contacts: row.contacts.map((c) => ({ role: c.role, name: c.name, email: c.email, phone: c.phone, language: c.language })),
    planOverride: row.planOverride,
    habitualLatePayer: row.habitualLatePayer,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
