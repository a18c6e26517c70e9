import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsEmail, IsIn, IsInt, IsObject, IsOptional, IsString, Length, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { IsCalendarDate } from '../common/is-calendar-date';

/** Up to 100 billion euros: anything larger is a unit mistake (euros sent as cents twice), not an invoice. */
export const MAX_CENTS = 10_000_000_000_000;

export class DebtorDto {
  @ApiProperty({ example: 'Boulangerie Martin SARL' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ example: 'compta@boulangerie-martin.fr' })
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiPropertyOptional({ enum: ['fr', 'en'], default: 'fr' })
  @IsOptional()
  @IsIn(['fr', 'en'])
  language?: 'fr' | 'en';

  @ApiPropertyOptional({ description: 'Your identifier of the customer; defaults to the e-mail address.', example: 'CUST-0042' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  customerId?: string;
}

export class CreateInvoiceDto {
  @ApiProperty({ example: 'F-2026-0042', description: 'Unique per creditor; letters, digits and . _ / -' })
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$/, { message: 'invoiceNumber must be 1 to 64 letters, digits or . _ / -' })
  invoiceNumber!: string;

  @ApiProperty({ example: 120000, description: 'Amount including VAT, in cents' })
  @IsInt()
  @Min(1)
  @Max(MAX_CENTS)
  totalCents!: number;

  @ApiProperty({ example: 100000, description: 'Amount excluding VAT, in cents' })
  @IsInt()
  @Min(1)
  @Max(MAX_CENTS)
  netCents!: number;

  @ApiProperty({ example: 'EUR', enum: ['EUR'], description: 'Late penalties are defined in euros; other currencies come later.' })
  @IsIn(['EUR'])
  currency!: string;

  @ApiProperty({ example: '2026-11-01' })
  @IsCalendarDate()
  issueDate!: string;

  @ApiProperty({ example: '2026-12-01' })
  @IsCalendarDate()
  dueDate!: string;

  @ApiProperty({ type: DebtorDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => DebtorDto)
  debtor!: DebtorDto;
}
