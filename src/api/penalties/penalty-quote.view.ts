import { ApiProperty } from '@nestjs/swagger';
import type { PenaltyInput, PenaltyResult, PenaltyRule, PenaltySegment } from '../../domain/penalties';

const RULES: PenaltyRule[] = ['FR_B2B_ECB_PLUS_10', 'FR_B2B_CONTRACTUAL_FLOORED', 'FR_B2C_LEGAL_RATE', 'BE_B2B_LAW_RATE', 'BE_B2C_CAPPED_RATE'];

export class PenaltySegmentView implements PenaltySegment {
  @ApiProperty({ example: '2025-06-01', description: 'First day of accrual (inclusive)' }) from!: string;
  @ApiProperty({ example: '2025-06-30', description: 'Last day of accrual (inclusive)' }) to!: string;
  @ApiProperty({ example: 30 }) days!: number;
  @ApiProperty({ example: 120000, description: 'Unpaid amount these days, in cents' }) baseCents!: number;
  @ApiProperty({ example: '13.15', description: 'Annual rate in percent, exact' }) ratePercent!: string;
  @ApiProperty({ example: 1297, description: "This line's share of the rounded interest; the lines add up to interestCents" }) interestCents!: number;
  @ApiProperty({ example: '94680/73', description: 'Exact interest of the line in cents, as a reduced fraction' }) exactInterestCents!: string;
}

export class PenaltyQuoteView {
  @ApiProperty({ enum: ['FR', 'BE'], example: 'FR' }) jurisdiction!: string;
  @ApiProperty({ enum: ['business', 'consumer'], example: 'business' }) debtorType!: string;
  @ApiProperty({ example: 'EUR' }) currency!: string;
  @ApiProperty({ example: '2025-07-31' }) asOf!: string;
  @ApiProperty({ enum: RULES, example: 'FR_B2B_ECB_PLUS_10', description: 'Which rule produced the rates' }) rule!: PenaltyRule;
  @ApiProperty({ example: '2025-05-31', nullable: true, type: String, description: 'Interest accrues on each day after this date; null while it does not run yet' })
  accrualStartsAfter!: string | null;
  @ApiProperty({ example: 0, description: 'Unpaid principal at asOf, in cents' }) outstandingCents!: number;
  @ApiProperty({ example: 1530, description: 'Late interest, rounded half-up once for the invoice; no VAT' }) interestCents!: number;
  @ApiProperty({ example: 4000, description: '40 EUR recovery indemnity (business debtors) or Belgian consumer damages; no VAT' }) indemnityCents!: number;
  @ApiProperty({ example: 5530, description: 'interestCents + indemnityCents' }) totalCents!: number;
  @ApiProperty({ type: [PenaltySegmentView], description: 'One line per run of days with the same base and rate' }) segments!: PenaltySegmentView[];
}

export function toPenaltyQuoteView(input: PenaltyInput, result: PenaltyResult): PenaltyQuoteView {
  return {
    jurisdiction: input.jurisdiction,
    debtorType: input.debtorType,
    currency: input.currency,
    asOf: input.asOf,
    ...result,
    segments: result.segments.map((segment) => ({ ...segment })),
  };
}
