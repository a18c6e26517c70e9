import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsObject, IsOptional, ValidateNested } from 'class-validator';
import { bicProblem, ibanProblem } from '../../domain/identifiers';
import { PostalAddressDto } from '../common/postal-address.dto';
import { IsEmailAddress, IsIdentifier, IsPhoneNumber, IsText } from '../common/text-fields';

export const JURISDICTIONS = ['FR', 'BE'] as const;
export type Jurisdiction = (typeof JURISDICTIONS)[number];

export class SignatoryDto {
  @ApiProperty({ example: 'Claire Dubois', description: 'A person with authority to act for the creditor (signs formal notices)' })
  @IsText(200)
  name!: string;

  @ApiProperty({ example: 'Directrice administrative et financière' })
  @IsText(200)
  title!: string;
}

export class CompetentCourtDto {
  @ApiProperty({
    example: 'Tribunal des activités économiques de Paris',
    description: "Named in formal notices: for a commercial debt, the court of commerce / economic activities of the debtor's seat",
  })
  @IsText(200)
  name!: string;
}

export class BankDetailsDto {
  @ApiProperty({ example: 'FR76 3000 6000 0112 3456 7890 189', description: 'Checked (length for the country, mod 97); spaces allowed, stored compact' })
  @IsIdentifier(34, ibanProblem)
  iban!: string;

  @ApiPropertyOptional({ example: 'AGRIFRPP', nullable: true, description: '8 or 11 characters; optional within SEPA' })
  @IsOptional()
  @IsIdentifier(11, bicProblem)
  bic?: string | null;
}

export class BillingContactDto {
  @ApiProperty({ example: 'Service comptabilité clients' })
  @IsText(200)
  name!: string;

  @ApiProperty({ example: 'compta-clients@atelier-dubois.fr' })
  @IsEmailAddress()
  email!: string;

  @ApiPropertyOptional({ example: '+33 1 84 60 12 34', nullable: true, description: 'International form; stored E.164 (+33184601234)' })
  @IsOptional()
  @IsPhoneNumber()
  phone?: string | null;
}

/**
 * The whole creditor profile (PUT replaces it). Registration and VAT numbers are checked by the
 * jurisdiction's rules in CreditorsService, which answers 422 naming the field.
 */
export class PutCreditorDto {
  @ApiProperty({ example: 'Atelier Dubois SAS', description: 'As registered; printed on every letter' })
  @IsText(200)
  legalName!: string;

  @ApiProperty({ enum: JURISDICTIONS, example: 'FR', description: 'Country whose law applies to its dunnings, and whose rules its numbers follow' })
  @IsIn(JURISDICTIONS)
  jurisdiction!: Jurisdiction;

  @ApiProperty({
    example: '732 829 320',
    description: 'FR: SIREN (9 digits) or SIRET (14 digits), Luhn-checked. BE: BCE/KBO enterprise number (10 digits, mod 97). Stored compact.',
  })
  @IsIdentifier(14)
  registrationNumber!: string;

  @ApiPropertyOptional({
    example: 'FR44732829320',
    nullable: true,
    description: "FR: 'FR' + key + SIREN, key checked and SIREN matching the registration number. BE: 'BE' + the enterprise number.",
  })
  @IsOptional()
  @IsIdentifier(14)
  vatNumber?: string | null;

  @ApiProperty({ type: PostalAddressDto, description: 'Registered office, printed on letters' })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => PostalAddressDto)
  address!: PostalAddressDto;

  @ApiProperty({ type: SignatoryDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => SignatoryDto)
  signatory!: SignatoryDto;

  @ApiProperty({ type: CompetentCourtDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => CompetentCourtDto)
  competentCourt!: CompetentCourtDto;

  @ApiProperty({ type: BankDetailsDto, description: 'Where debtors pay; printed on reminders' })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => BankDetailsDto)
  bankDetails!: BankDetailsDto;

  @ApiProperty({ type: BillingContactDto, description: 'Who debtors write or call about invoices' })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => BillingContactDto)
  billingContact!: BillingContactDto;

  @ApiPropertyOptional({ example: 'fr-b2b-default', nullable: true, description: 'Dunning plan used when a customer has no override' })
  @IsOptional()
  @IsText(100)
  defaultPlanName?: string | null;
}
