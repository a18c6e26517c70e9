/**
 * What a dunning answers to, named as an operator would say it. Every command is a Temporal update
 * with a validator: the caller gets the new state, or a refusal whose `type` is a stable code
 * (below), and a refused command leaves no trace in the history. Commands are safe to repeat: the
 * same payment reference counts once, and a repeated command with the same update id is answered
 * once by Temporal.
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { CalendarDate } from '../domain/calendar';
import type { Cents } from '../domain/money';
import type { DunningStage, DunningState } from './dunning-input';

/** The live state of a dunning; `asOf` (default: the workflow's today) dates the penalties. */
export const dunningStateQuery = defineQuery<DunningState, [DunningStateRequest?]>('dunningState');

export interface DunningStateRequest {
  asOf?: CalendarDate;
}

export interface PaymentReceived {
  /** The bank's or the payer's reference: the same reference twice counts once. */
  reference: string;
  amountCents: Cents;
  currency: string;
  /** The day the money was received (value date); penalties stop running on it for that amount. */
  valueDate: CalendarDate;
  by?: string;
}

export interface DisputeOpened {
  reason: string;
  by: string;
}

export interface DisputeResolution {
  /** upheld: the debtor is right, a credit note cancels the invoice; rejected: the dunning resumes. */
  outcome: 'upheld' | 'rejected';
  by: string;
  note?: string;
  /** Required when upheld. */
  creditNoteReference?: string;
}

export interface PromiseToPay {
  promisedDate: CalendarDate;
  by: string;
  note?: string;
}

export interface RegisteredLetterPosted {
  trackingNumber: string;
  postedOn: CalendarDate;
  by: string;
  /** The plan step of the letter; default: the latest registered letter produced. */
  step?: string;
}

export interface LetterReturned {
  trackingNumber: string;
  returnedOn: CalendarDate;
  reason: string;
  by: string;
}

export const PHONE_CALL_OUTCOMES = ['reached', 'no_answer', 'wrong_number', 'promise_to_pay', 'dispute'] as const;

export interface PhoneCallOutcome {
  outcome: (typeof PHONE_CALL_OUTCOMES)[number];
  by: string;
  note?: string;
  /** With outcome promise_to_pay: records the promise. */
  promisedDate?: CalendarDate;
  /** With outcome dispute: opens the dispute. */
  disputeReason?: string;
}

/** Who decided and why: holds, releases, write-offs. */
export interface OperatorDecision {
  by: string;
  reason: string;
}

export interface Cancellation extends OperatorDecision {
  creditNoteReference?: string;
}

/** The answer to a command: what it did, and where the dunning stands now. */
export interface DunningReceipt {
  /** applied: the command changed the dunning; duplicate: a repeat, counted once; unchanged: it was already so. */
  result: 'applied' | 'duplicate' | 'unchanged';
  stage: DunningStage;
  amountDueCents: Cents;
  paused: boolean;
  nextAction: DunningState['nextAction'];
}

export const recordPaymentUpdate = defineUpdate<DunningReceipt, [PaymentReceived]>('recordPayment');
export const openDisputeUpdate = defineUpdate<DunningReceipt, [DisputeOpened]>('openDispute');
export const resolveDisputeUpdate = defineUpdate<DunningReceipt, [DisputeResolution]>('resolveDispute');
export const recordPromiseToPayUpdate = defineUpdate<DunningReceipt, [PromiseToPay]>('recordPromiseToPay');
export const confirmRegisteredLetterPostedUpdate = defineUpdate<DunningReceipt, [RegisteredLetterPosted]>('confirmRegisteredLetterPosted');
export const reportLetterReturnedUpdate = defineUpdate<DunningReceipt, [LetterReturned]>('reportLetterReturned');
export const recordPhoneCallOutcomeUpdate = defineUpdate<DunningReceipt, [PhoneCallOutcome]>('recordPhoneCallOutcome');
export const putOnHoldUpdate = defineUpdate<DunningReceipt, [OperatorDecision]>('putOnHold');
export const releaseHoldUpdate = defineUpdate<DunningReceipt, [OperatorDecision]>('releaseHold');
export const cancelDunningUpdate = defineUpdate<DunningReceipt, [Cancellation]>('cancelDunning');
export const writeOffUpdate = defineUpdate<DunningReceipt, [OperatorDecision]>('writeOff');

/** The `type` of the ApplicationFailure a refused command fails with; stable, for the API to map to HTTP. */
export const REFUSAL_CODES = [
  'DUNNING.FINISHED',
  'REQUEST.INVALID',
  'PAYMENT.INVALID_AMOUNT',
  'PAYMENT.CURRENCY_MISMATCH',
  'PAYMENT.INVALID_DATE',
  'PAYMENT.REFERENCE_CONFLICT',
  'DISPUTE.NOT_OPEN',
  'DISPUTE.CREDIT_NOTE_REQUIRED',
  'PROMISE.INVALID_DATE',
  'PROMISE.DURING_DISPUTE',
  'REGISTERED_LETTER.NOT_PRODUCED',
  'REGISTERED_LETTER.INVALID_DATE',
  'REGISTERED_LETTER.ALREADY_POSTED',
  'LETTER.UNKNOWN_TRACKING_NUMBER',
] as const;
export type RefusalCode = (typeof REFUSAL_CODES)[number];
