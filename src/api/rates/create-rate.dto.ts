import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import type { RateTableName } from '../../domain/rates';
import { IsCalendarDate } from '../common/is-calendar-date';

export const RATE_KINDS: readonly RateTableName[] = ['ECB_MRO', 'FR_LEGAL', 'BE_B2B'];
export const HALF_YEAR_PATTERN = /^(\d{4})-H([12])$/;
/** Rates outside ±100 % are typing mistakes (the engine's limit too). */
export const MAX_ABS_RATE_BP = 10_000;

/**
 * One rate an operator adds. Which key it has depends on the kind (checked by RatesService, which
 * answers 422 naming the field): ECB_MRO needs effectiveFrom; FR_LEGAL and BE_B2B need halfYear;
 * FR_LEGAL also needs privateCreditorRateBp.
 */
export class CreateRateDto {
  @ApiProperty({
    enum: RATE_KINDS,
    example: 'ECB_MRO',
    description:
      'ECB_MRO: ECB main refinancing operations rate (FR business: + 10 points; BE business: + 8 rounded up to 0.5, when not published). ' +
      "FR_LEGAL: French taux d'intérêt légal of a half-year. BE_B2B: Belgian late-payment rate of a half-year as published.",
  })
  @IsIn(RATE_KINDS)
  kind!: RateTableName;

  @ApiPropertyOptional({
    example: '2027-01-01',
    description:
      'ECB_MRO only: the rate is in force from this day. A new ECB decision, or, when the ECB left its rate unchanged, ' +
      'the unchanged rate on 1 January / 1 July, which confirms it for that half-year. Every ECB rate up to this day is then taken as known.',
  })
  @IsOptional()
  @IsCalendarDate()
  effectiveFrom?: string;

  @ApiPropertyOptional({ example: '2026-H2', description: 'FR_LEGAL and BE_B2B only: the half-year, YYYY-H1 (January-June) or YYYY-H2 (July-December)' })
  @IsOptional()
  @IsString()
  @Matches(HALF_YEAR_PATTERN, { message: 'halfYear must be written YYYY-H1 or YYYY-H2' })
  halfYear?: string;

  @ApiProperty({
    example: 215,
    description: 'The rate in basis points (2.15 % = 215). FR_LEGAL: the "all other cases" column (the one penalties use). Negative only for ECB_MRO.',
  })
  @IsInt()
  @Min(-MAX_ABS_RATE_BP)
  @Max(MAX_ABS_RATE_BP)
  rateBp!: number;

  @ApiPropertyOptional({ example: 667, description: 'FR_LEGAL only (required): the "creditor is a private individual" column, in basis points' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_ABS_RATE_BP)
  privateCreditorRateBp?: number;

  @ApiProperty({ example: 'ECB press release of 2026-12-17: rates unchanged', description: 'Where the rate was read (1 to 500 characters)' })
  @IsString()
  @Length(1, 500)
  source!: string;
}

export class ListRatesQueryDto {
  @ApiPropertyOptional({ enum: RATE_KINDS, description: 'Only this table' })
  @IsOptional()
  @IsIn(RATE_KINDS)
  kind?: RateTableName;
}
