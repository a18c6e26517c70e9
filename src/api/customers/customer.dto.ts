import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsDefined, IsIn, IsObject, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import type { CustomerContact } from '../../db/entities/postal-address';
import { PageQueryDto } from '../common/page-query.dto';
import { PostalAddressDto } from '../common/postal-address.dto';
import { SLUG_PATTERN, SLUG_RULE } from '../common/slug';
import { IsCountryCode, IsEmailAddress, IsIdentifier, IsPhoneNumber, IsText } from '../common/text-fields';

export const CUSTOMER_TYPES = ['business', 'consumer'] as const;
export type CustomerType = (typeof CUSTOMER_TYPES)[number];
export const CONTACT_ROLES = ['billing', 'accounts_payable', 'other'] as const;
export const LANGUAGES = ['fr', 'en'] as const;
export const MAX_CONTACTS = 20;
export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../common/page-query.dto';

/** Integrators' references: printable, no spaces at the ends, 1 to 100 characters. */
const EXTERNAL_ID = /^[\x21-\x7E](?:[\x20-\x7E]{0,98}[\x21-\x7E])?$/;

export class ContactDto implements Partial<CustomerContact> {
  @ApiProperty({ enum: CONTACT_ROLES, example: 'accounts_payable', description: 'billing: receives invoices; accounts_payable: releases payments; other' })
  @IsIn(CONTACT_ROLES)
  role!: CustomerContact['role'];

  @ApiProperty({ example: 'Sophie Martin', description: 'A person, or a mailbox such as "Service fournisseurs"' })
  @IsText(200)
  name!: string;

  @ApiPropertyOptional({ example: 'fournisseurs@boulangerie-martin.fr', nullable: true, description: 'An e-mail or a phone is required' })
  @IsOptional()
  @IsEmailAddress()
  email?: string | null;

  @ApiPropertyOptional({ example: '+33 4 72 00 00 00', nullable: true, description: 'International form, stored E.164' })
  @IsOptional()
  @IsPhoneNumber()
  phone?: string | null;

  @ApiPropertyOptional({ enum: LANGUAGES, default: 'fr', description: 'Language of what is sent to this contact' })
  @IsOptional()
  @IsIn(LANGUAGES)
  language?: CustomerContact['language'];
}

export class CreateCustomerDto {
  @ApiProperty({ example: 'CUST-0042', description: 'Your reference of the customer, unique per creditor (printable ASCII, 1 to 100 characters)' })
  @Matches(EXTERNAL_ID, { message: 'externalId must be 1 to 100 printable ASCII characters, without spaces at either end' })
  externalId!: string;

  @ApiPropertyOptional({ example: 'default', description: "The creditor it owes; default: the API's CREDITOR_ID. The creditor profile must exist." })
  @IsOptional()
  @Matches(SLUG_PATTERN, { message: `creditorId ${SLUG_RULE}` })
  creditorId?: string;

  @ApiProperty({ enum: CUSTOMER_TYPES, example: 'business', description: 'Decides the penalty rules (B2B or consumer law)' })
  @IsIn(CUSTOMER_TYPES)
  type!: CustomerType;

  @ApiProperty({ example: 'Boulangerie Martin SARL', description: 'Company name as registered, or the full name of a consumer' })
  @IsText(200)
  legalName!: string;

  @ApiProperty({ example: 'FR', description: "ISO 3166-1 alpha-2 of the customer's registration: FR and BE numbers are checked by their rules" })
  @IsCountryCode()
  country!: string;

  @ApiPropertyOptional({
    example: '542 051 180',
    nullable: true,
    description: 'Businesses only. FR: SIREN or SIRET (Luhn); BE: BCE/KBO (mod 97); other countries: as written, up to 30 letters and digits. Stored compact.',
  })
  @IsOptional()
  @IsIdentifier(30)
  registrationNumber?: string | null;

  @ApiPropertyOptional({
    example: 'FR59542051180',
    nullable: true,
    description: "Businesses only. FR: 'FR' + key + SIREN (key checked, SIREN matching the registration number); BE: 'BE' + enterprise number. Stored compact.",
  })
  @IsOptional()
  @IsIdentifier(30)
  vatNumber?: string | null;

  @ApiProperty({ type: PostalAddressDto, description: 'Where invoices and letters go' })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => PostalAddressDto)
  billingAddress!: PostalAddressDto;

  @ApiPropertyOptional({ type: PostalAddressDto, nullable: true, description: 'Registered office, when not the billing address (formal notices go to the legal entity)' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => PostalAddressDto)
  registeredOffice?: PostalAddressDto | null;

  @ApiPropertyOptional({ type: [ContactDto], default: [], description: `Up to ${MAX_CONTACTS}; each with an e-mail or a phone` })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_CONTACTS)
  @ValidateNested({ each: true })
  @Type(() => ContactDto)
  contacts?: ContactDto[];

  @ApiPropertyOptional({ example: 'fr-b2b-habitual-late-payer', nullable: true, description: "Plan for this customer instead of the creditor's default" })
  @IsOptional()
  @IsText(100)
  planOverride?: string | null;

  @ApiPropertyOptional({ default: false, description: 'Known to pay late: plans may chase it earlier' })
  @IsOptional()
  @IsBoolean()
  habitualLatePayer?: boolean;
}

/**
 * PATCH: any field of the POST body but creditorId; a field sent replaces the stored one whole
 * (an address or the contact list too), null clears an optional one. Required fields cannot be
 * null: CustomersService refuses that, and checks the merged customer like a new one.
 */
export class UpdateCustomerDto extends PartialType(OmitType(CreateCustomerDto, ['creditorId'] as const)) {}

const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class ListCustomersQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'default', description: 'Only customers of this creditor' })
  @IsOptional()
  @Matches(SLUG_PATTERN, { message: `creditorId ${SLUG_RULE}` })
  creditorId?: string;

  @ApiPropertyOptional({ example: 'CUST-0042', description: 'The customer with this reference (with creditorId, at most one)' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  externalId?: string;

  @ApiPropertyOptional({ enum: CUSTOMER_TYPES })
  @IsOptional()
  @IsIn(CUSTOMER_TYPES)
  type?: CustomerType;

  @ApiPropertyOptional({ example: 'BE' })
  @IsOptional()
  @IsCountryCode()
  country?: string;

  @ApiPropertyOptional({ type: Boolean, description: 'true or false' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'habitualLatePayer must be true or false' })
  habitualLatePayer?: boolean;

  @ApiPropertyOptional({ example: 'boulangerie', description: 'Part of the legal name, ignoring case and accents (1 to 100 characters)' })
  @IsOptional()
  @IsText(100)
  q?: string;
}
