import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { RateTableName } from '../../domain/rates';
import { RATE_KINDS } from './create-rate.dto';

export class RateView {
  @ApiProperty({ enum: RATE_KINDS, example: 'ECB_MRO' }) kind!: RateTableName;
  @ApiPropertyOptional({ example: '2027-01-01', description: 'ECB_MRO: in force from this day' }) effectiveFrom?: string;
  @ApiPropertyOptional({ example: '2026-H2', description: 'FR_LEGAL, BE_B2B: the half-year' }) halfYear?: string;
  @ApiProperty({ example: 215, description: 'Basis points (FR_LEGAL: "all other cases" column)' }) rateBp!: number;
  @ApiProperty({ example: '2.15', description: 'The same rate in percent' }) ratePercent!: string;
  @ApiPropertyOptional({ example: 667, description: 'FR_LEGAL: "private creditor" column, basis points' }) privateCreditorRateBp?: number;
  @ApiPropertyOptional({ example: '6.67' }) privateCreditorRatePercent?: string;
  @ApiProperty({ enum: ['shipped', 'operator'], example: 'operator', description: 'shipped with the code, or added by an operator' })
  origin!: 'shipped' | 'operator';
  @ApiProperty({ example: 'ECB press release of 2026-12-17: rates unchanged' }) source!: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'operator entries only' }) id?: string;
  @ApiPropertyOptional({ example: '2026-12-18T09:12:00.000Z', description: 'operator entries only' }) createdAt?: string;
  @ApiPropertyOptional({ example: 'api', description: 'operator entries only; a placeholder until operators authenticate' }) createdBy?: string;
}

export class RateListView {
  @ApiProperty({
    example: '2027-01-01',
    description: 'ECB rates are known up to this day (the shipped table, or the latest operator entry); a half-year starting later needs an operator entry.',
  })
  ecbKnownUntil!: string;
  @ApiProperty({ type: [RateView], description: 'ECB_MRO by effective date, then FR_LEGAL and BE_B2B by half-year' }) rates!: RateView[];
}
