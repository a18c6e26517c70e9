import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { IsCalendarDate } from '../common/is-calendar-date';
import { PageQueryDto } from '../common/page-query.dto';
import { MAX_CENTS } from './create-invoice.dto';

/** Every stage a dunning can be at (DunningStage, src/workflows/dunning-input.ts). */
export const INVOICE_STAGES = [
  'awaiting_due_date', 'overdue', 'courtesy_reminder_sent', 'first_reminder_sent', 'second_reminder_sent', 'phone_call',
  'written_reminder_sent', 'awaiting_registered_letter_posting', 'registered_warning_sent', 'formal_notice_sent', 'escalated',
  'disputed', 'promised', 'on_hold', 'paid', 'cancelled', 'written_off', 'due_date_reminder_sent',
] as const;

/** Query strings are text: a whole number written in decimal becomes a number, anything else stays to be refused. */
const toInteger = ({ value }: { value: unknown }) => (typeof value === 'string' && /^-?\d{1,16}$/.test(value) ? Number(value) : value);

/** Some 100 years either way: further is a typo, not a filter. */
const MAX_DAYS = 36_600;

export class ListInvoicesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: INVOICE_STAGES, description: 'Stage as last recorded in the database' })
  @IsOptional()
  @IsIn(INVOICE_STAGES, { message: `stage must be one of ${INVOICE_STAGES.join(', ')}` })
  stage?: string;

  @ApiPropertyOptional({ example: 'CUST-0042', description: "The debtor's customer id (as stored on the invoice)" })
  @IsOptional()
  @IsString()
  @Length(1, 254)
  customerId?: string;

  @ApiPropertyOptional({ type: 'integer', example: 30, description: 'Only invoices at least this many days past their due date (today in Europe/Paris minus due date; negative: not yet due)' })
  @IsOptional()
  @Transform(toInteger)
  @IsInt({ message: 'overdueDaysMin must be a whole number' })
  @Min(-MAX_DAYS)
  @Max(MAX_DAYS)
  overdueDaysMin?: number;

  @ApiPropertyOptional({ type: 'integer', example: 90, description: 'Only invoices at most this many days past their due date' })
  @IsOptional()
  @Transform(toInteger)
  @IsInt({ message: 'overdueDaysMax must be a whole number' })
  @Min(-MAX_DAYS)
  @Max(MAX_DAYS)
  overdueDaysMax?: number;

  @ApiPropertyOptional({ type: 'integer', example: 10000, description: 'Only invoices with at least this amount due, in cents: the balance once the dunning recorded one, else the total (VAT included)' })
  @IsOptional()
  @Transform(toInteger)
  @IsInt({ message: 'amountMinCents must be a whole number of cents' })
  @Min(0)
  @Max(MAX_CENTS)
  amountMinCents?: number;

  @ApiPropertyOptional({ type: 'integer', example: 500000, description: 'Only invoices with at most this amount due, in cents (same amount as amountMinCents)' })
  @IsOptional()
  @Transform(toInteger)
  @IsInt({ message: 'amountMaxCents must be a whole number of cents' })
  @Min(0)
  @Max(MAX_CENTS)
  amountMaxCents?: number;

  @ApiPropertyOptional({ example: '2026-01-01', description: 'Only invoices due on or after this day' })
  @IsOptional()
  @IsCalendarDate()
  dueFrom?: string;

  @ApiPropertyOptional({ example: '2026-12-31', description: 'Only invoices due on or before this day' })
  @IsOptional()
  @IsCalendarDate()
  dueTo?: string;
}
