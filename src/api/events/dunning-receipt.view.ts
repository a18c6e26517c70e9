import { ApiProperty } from '@nestjs/swagger';
import type { DunningReceipt } from '../../workflows/messages';

export class NextActionView {
  @ApiProperty({ example: 'written_reminder', description: 'The plan step' }) step!: string;
  @ApiProperty({ example: '2026-12-09T08:00:00.000Z', description: 'When it goes out (the send hour, Europe/Paris, on a business day)' }) at!: string;
}

export const RECEIPT_RESULTS = ['applied', 'duplicate', 'unchanged'] as const;

/** The answer to an event: what it did, and where the dunning stands now (the workflow's own answer). */
export class DunningReceiptView implements DunningReceipt {
  @ApiProperty({ format: 'uuid' }) invoiceId!: string;

  @ApiProperty({
    enum: RECEIPT_RESULTS,
    example: 'applied',
    description:
      'applied: the event changed the dunning. duplicate: a repeat (same payment reference, same Idempotency-Key, same task), counted once; ' +
      'the state is the current one. unchanged: it was already so (a hold on a held dunning).',
  })
  result!: DunningReceipt['result'];

  @ApiProperty({ example: 'first_reminder_sent', description: 'The stage after the event (paid, disputed, promised, on_hold…)' }) stage!: DunningReceipt['stage'];
  @ApiProperty({ example: 60000, description: 'Balance still due, in cents' }) amountDueCents!: number;
  @ApiProperty({ example: false, description: 'True while a dispute, a promise or a hold stops the clock' }) paused!: boolean;
  @ApiProperty({ type: NextActionView, nullable: true, description: 'The next step and when it goes out; null while paused, waiting, or at the end' })
  nextAction!: NextActionView | null;
}

export function toReceiptView(invoiceId: string, receipt: DunningReceipt): DunningReceiptView {
  return {
    invoiceId,
    result: receipt.result,
    stage: receipt.stage,
    amountDueCents: receipt.amountDueCents,
    paused: receipt.paused,
    nextAction: receipt.nextAction ? { step: receipt.nextAction.step, at: receipt.nextAction.at } : null,
  };
}
