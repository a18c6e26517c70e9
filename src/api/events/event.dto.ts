import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import type { ErrorDetail } from '../common/api-error';
import { IsCalendarDate } from '../common/is-calendar-date';
import { IsText } from '../common/text-fields';
import { MAX_CENTS } from '../invoices/create-invoice.dto';
import {
  PHONE_CALL_OUTCOMES,
  type Cancellation,
  type DisputeOpened,
  type DisputeResolution,
  type LetterReturned,
  type OperatorDecision,
  type PaymentReceived,
  type PhoneCallOutcome,
  type PromiseToPay,
  type RegisteredLetterPosted,
} from '../../workflows/messages';
import { IsFreeText, IsStepKey } from './event-fields';

/**
 * The bodies of the events on an invoice: one class per workflow update, with the update's payload
 * fields exactly (src/workflows/messages.ts), checked at least as strictly as the workflow checks them.
 */

const BY = { example: 'sophie.martin@acme.fr', description: 'Who records it (an operator, or the system that reports it), 1 to 200 characters' };
const REASON = 'Why, 1 to 1000 characters (lines allowed)';

export class RecordPaymentDto implements PaymentReceived {
  @ApiProperty({ example: 'VIR-2026-11-25-004217', description: "The bank's or the payer's reference, 1 to 140 characters. The same reference twice counts once." })
  @IsText(140)
  reference!: string;

  @ApiProperty({ type: 'integer', example: 60000, description: 'Amount received, in cents (a whole number, at least 1)' })
  @IsInt()
  @Min(1)
  @Max(MAX_CENTS)
  amountCents!: number;

  @ApiProperty({ example: 'EUR', description: "ISO 4217 code; must be the invoice's currency" })
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code in capitals (EUR)' })
  currency!: string;

  @ApiProperty({ format: 'date', example: '2026-11-24', description: 'The day the money was received (value date), not after today (Europe/Paris); penalties stop on it for that amount' })
  @IsCalendarDate()
  valueDate!: string;

  @ApiPropertyOptional(BY)
  @IsOptional()
  @IsText(200)
  by?: string;
}

export class OpenDisputeDto implements DisputeOpened {
  @ApiProperty({ example: 'Goods delivered damaged (delivery note BL-8812): the debtor refuses to pay until replaced', description: REASON })
  @IsFreeText(1000)
  reason!: string;

  @ApiProperty(BY)
  @IsText(200)
  by!: string;
}

export const DISPUTE_OUTCOMES = ['upheld', 'rejected'] as const;

export class ResolveDisputeDto implements DisputeResolution {
  @ApiProperty({ enum: DISPUTE_OUTCOMES, example: 'rejected', description: 'upheld: the debtor is right, a credit note cancels the invoice and the dunning ends; rejected: the dunning resumes' })
  @IsIn(DISPUTE_OUTCOMES)
  outcome!: 'upheld' | 'rejected';

  @ApiProperty(BY)
  @IsText(200)
  by!: string;

  @ApiPropertyOptional({ example: 'Photos show the goods were intact on delivery', description: 'Up to 1000 characters' })
  @IsOptional()
  @IsFreeText(1000)
  note?: string;

  @ApiPropertyOptional({ example: 'AV-2026-0007', description: 'Required when upheld (and only then): the credit note that cancels the invoice' })
  @IsOptional()
  @IsText(140)
  creditNoteReference?: string;
}

export class PromiseToPayDto implements PromiseToPay {
  @ApiProperty({ format: 'date', example: '2026-12-05', description: 'Today or later; the dunning waits until this day plus the plan\'s grace days, then resumes if unpaid' })
  @IsCalendarDate()
  promisedDate!: string;

  @ApiProperty(BY)
  @IsText(200)
  by!: string;

  @ApiPropertyOptional({ example: 'Payment run on the 5th; confirmed by Sophie Martin (accounts payable)', description: 'Up to 1000 characters' })
  @IsOptional()
  @IsFreeText(1000)
  note?: string;
}

export class RegisteredLetterPostedDto implements RegisteredLetterPosted {
  @ApiProperty({ example: '1A02345678901', description: 'La Poste tracking number, 1 to 64 characters' })
  @IsText(64)
  trackingNumber!: string;

  @ApiProperty({ format: 'date', example: '2026-12-16', description: 'The day the post took the letter: not before the letter\'s date, not after today. The next step counts from it.' })
  @IsCalendarDate()
  postedOn!: string;

  @ApiProperty(BY)
  @IsText(200)
  by!: string;

  @ApiPropertyOptional({ example: 'registered_warning', description: 'The plan step of the letter; default: the latest registered warning produced' })
  @IsOptional()
  @IsStepKey()
  step?: string;
}

export class LetterReturnedDto implements LetterReturned {
  @ApiProperty({ example: '1A02345678901', description: 'Tracking number of a letter confirmed posted on this invoice' })
  @IsText(64)
  trackingNumber!: string;

  @ApiProperty({ format: 'date', example: '2026-12-29', description: 'The day the letter came back, not after today' })
  @IsCalendarDate()
  returnedOn!: string;

  @ApiProperty({ example: 'Destinataire inconnu à l\'adresse', description: REASON })
  @IsFreeText(1000)
  reason!: string;

  @ApiProperty(BY)
  @IsText(200)
  by!: string;
}

export class PhoneCallDto implements PhoneCallOutcome {
  @ApiProperty({ enum: PHONE_CALL_OUTCOMES, example: 'promise_to_pay', description: 'promise_to_pay records a promise (promisedDate); dispute opens a dispute (disputeReason)' })
  @IsIn(PHONE_CALL_OUTCOMES)
  outcome!: PhoneCallOutcome['outcome'];

  @ApiProperty(BY)
  @IsText(200)
  by!: string;

  @ApiPropertyOptional({ example: 'Spoke to Sophie Martin, accounts payable', description: 'Up to 1000 characters' })
  @IsOptional()
  @IsFreeText(1000)
  note?: string;

  @ApiPropertyOptional({ format: 'date', example: '2026-12-05', description: 'Required with outcome promise_to_pay (and only then): today or later' })
  @IsOptional()
  @IsCalendarDate()
  promisedDate?: string;

  @ApiPropertyOptional({ example: 'Says the delivery was incomplete', description: 'Required with outcome dispute (and only then), 1 to 1000 characters' })
  @IsOptional()
  @IsFreeText(1000)
  disputeReason?: string;
}

export class OperatorDecisionDto implements OperatorDecision {
  @ApiProperty(BY)
  @IsText(200)
  by!: string;

  @ApiProperty({ example: 'Key account: the sales director talks to them first', description: REASON })
  @IsFreeText(1000)
  reason!: string;
}

export class CancelDunningDto extends OperatorDecisionDto implements Cancellation {
  @ApiPropertyOptional({ example: 'AV-2026-0009', description: 'The credit note that cancels the invoice, if any (1 to 140 characters)' })
  @IsOptional()
  @IsText(140)
  creditNoteReference?: string;
}

// ---- rules across fields (class-validator checks one field at a time) ----------------------------

/** promisedDate goes with promise_to_pay, disputeReason with dispute: each is required there and refused elsewhere. */
export function phoneCallProblems(call: Pick<PhoneCallOutcome, 'outcome' | 'promisedDate' | 'disputeReason'>): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const pairs = [
    ['promisedDate', 'promise_to_pay', call.promisedDate],
    ['disputeReason', 'dispute', call.disputeReason],
  ] as const;
  for (const [field, outcome, value] of pairs) {
    if (call.outcome === outcome && value === undefined) problems.push({ path: field, issue: `${field} is required when outcome is ${outcome}` });
    if (call.outcome !== outcome && value !== undefined) problems.push({ path: field, issue: `${field} applies only when outcome is ${outcome}` });
  }
  return problems;
}

/** An upheld dispute needs its credit note; a rejected one has none. */
export function resolutionProblems(resolution: ResolveDisputeDto): ErrorDetail[] {
  const given = resolution.creditNoteReference !== undefined;
  if (resolution.outcome === 'upheld' && !given) {
    return [{ path: 'creditNoteReference', issue: 'creditNoteReference is required when outcome is upheld: the credit note that cancels the invoice' }];
  }
  if (resolution.outcome === 'rejected' && given) return [{ path: 'creditNoteReference', issue: 'creditNoteReference applies only when outcome is upheld' }];
  return [];
}
