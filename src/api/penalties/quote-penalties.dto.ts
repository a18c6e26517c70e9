import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsObject, IsOptional, IsString, Matches, Max, Min, ValidateNested } from 'class-validator';
import { IsCalendarDate } from '../common/is-calendar-date';
import { MAX_CENTS } from '../invoices/create-invoice.dto';

export const JURISDICTIONS = ['FR', 'BE'] as const;
export const DEBTOR_TYPES = ['business', 'consumer'] as const;
/** More payments than this on one invoice is a client bug, not a payment schedule. */
export const MAX_PAYMENTS = 1000;
/** A plain decimal of at most 100 % with up to 6 decimals ('12.5', '9.75'): what the engine parses exactly. */
const CONTRACTUAL_RATE = /^(?:100(?:\.0{1,6})?|\d{1,2}(?:\.\d{1,6})?)$/;

export class QuotePaymentDto {
  @ApiProperty({ example: 50000, description: 'Amount received, in cents' })
  @IsInt()
  @Min(1)
  @Max(MAX_CENTS)
  amountCents!: number;

  @ApiProperty({ example: '2025-06-30', description: 'Day the money was received; it lowers the base from the next day on' })
  @IsCalendarDate()
  date!: string;
}

export class FirstReminderDto {
  @ApiProperty({ example: '2025-10-06', description: 'Day the first (free) reminder was sent, after the due date' })
  @IsCalendarDate()
  date!: string;

  @ApiProperty({ enum: ['email', 'post'], example: 'email' })
  @IsIn(['email', 'post'])
  channel!: 'email' | 'post';
}

/** Any invoice shape: the engine's PenaltyInput (src/domain/penalties/penalty-types.ts) as JSON. */
export class QuotePenaltiesDto {
  @ApiProperty({ enum: JURISDICTIONS, example: 'FR' })
  @IsIn(JURISDICTIONS)
  jurisdiction!: (typeof JURISDICTIONS)[number];

  @ApiProperty({ enum: DEBTOR_TYPES, example: 'business' })
  @IsIn(DEBTOR_TYPES)
  debtorType!: (typeof DEBTOR_TYPES)[number];

  @ApiProperty({ example: 120000, description: 'Invoice amount including VAT, in cents' })
  @IsInt()
  @Min(1)
  @Max(MAX_CENTS)
  amountCents!: number;

  @ApiProperty({ enum: ['EUR'], example: 'EUR', description: 'The flat indemnity and the Belgian tiers are fixed in euros.' })
  @IsIn(['EUR'])
  currency!: string;

  @ApiProperty({ example: '2025-05-31', description: 'Interest runs from the next day (business debtors)' })
  @IsCalendarDate()
  dueDate!: string;

  @ApiPropertyOptional({
    type: [QuotePaymentDto],
    default: [],
    description: `Payments received (at most ${MAX_PAYMENTS}); those after asOf are ignored.`,
    example: [{ amountCents: 50000, date: '2025-06-30' }],
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_PAYMENTS)
  @ValidateNested({ each: true })
  @Type(() => QuotePaymentDto)
  payments?: QuotePaymentDto[];

  @ApiProperty({ example: '2025-07-31', description: 'Interest is computed up to and including this day' })
  @IsCalendarDate()
  asOf!: string;

  @ApiPropertyOptional({
    example: '12.5',
    description:
      "Rate of the terms of sale, in percent, as a decimal string (at most 100, 6 decimals). FR business: replaces ECB + 10 but never below 3 × the legal rate. BE consumer: used when below the B2B rate (the cap). Ignored for FR consumers and BE businesses (the law's rate applies).",
  })
  @IsOptional()
  @IsString()
  @Matches(CONTRACTUAL_RATE, { message: "contractualRatePercent must be a decimal string from '0' to '100' with at most 6 decimals, such as '12.5'" })
  contractualRatePercent?: string;

  @ApiPropertyOptional({ example: '2025-05-05', description: 'FR consumer only: date of the formal notice (mise en demeure); no interest before it.' })
  @IsOptional()
  @IsCalendarDate()
  formalNoticeDate?: string;

  @ApiPropertyOptional({ type: FirstReminderDto, description: 'BE consumer only: the first reminder; nothing is due before its 14-day period ends.' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => FirstReminderDto)
  firstReminder?: FirstReminderDto;
}
