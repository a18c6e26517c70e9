import type { CalendarDate } from '../domain/calendar';
import type { Cents } from '../domain/money';
import type { DunningPlan, PenaltiesToday, PenaltyTerms, PlanReference, SendDays } from '../domain/plan';

/** A snapshot of the invoice and of the plan in force, copied into the workflow when its dunning starts. */
export interface DunningInput {
  invoiceId: string;
  creditorId: string;
  invoiceNumber: string;
  customerId: string;
  /** The invoice total including VAT, in cents: what is dunned. */
  amountDueCents: Cents;
  currency: string;
  dueDate: CalendarDate;
  /** Hour of the day (Europe/Paris) at which reminders go out. */
  sendHour: number;
  /** The days reminders may go out; absent in dunnings started before it existed: business days. */
  sendDays?: SendDays;
  /** The plan in force when the dunning started; later edits of the plan do not reach it. */
  plan: DunningPlan;
  penaltyTerms: PenaltyTerms;
}

/** Where a dunning stands. Stable names: they are stored, filtered on in the Web UI and shown to operators. */
export type DunningStage =
  | 'awaiting_due_date'
  | 'overdue'
  | 'courtesy_reminder_sent'
  | 'first_reminder_sent'
  | 'second_reminder_sent'
  | 'phone_call'
  | 'written_reminder_sent'
  | 'awaiting_registered_letter_posting'
  | 'registered_warning_sent'
  | 'formal_notice_sent'
  | 'escalated'
  | 'disputed'
  | 'promised'
  | 'on_hold'
  | 'paid'
  | 'cancelled'
  | 'written_off'
  /** First slice only (dunnings started before the full plan). */
  | 'due_date_reminder_sent';

export const FINAL_STAGES = ['paid', 'cancelled', 'written_off'] as const;
export type DunningOutcome = (typeof FINAL_STAGES)[number];

export type PauseReason = 'dispute' | 'promise' | 'hold';

/** Why a dunning is paused; several reasons may hold at once (a hold during a dispute). */
export interface ActivePause {
  reason: PauseReason;
  /** ISO instant. */
  since: string;
  /** Promise only: when it counts as broken (promised date + grace), ISO instant. */
  until?: string;
  detail: string;
  by: string;
}

export type HistoryKind =
  | 'started'
  | 'step_skipped'
  | 'step_done'
  | 'step_failed'
  | 'payment'
  | 'dispute_opened'
  | 'dispute_rejected'
  | 'dispute_upheld'
  | 'promise_made'
  | 'promise_kept'
  | 'promise_broken'
  | 'promise_withdrawn'
  | 'phone_call_outcome'
  | 'registered_letter_posted'
  | 'posting_unconfirmed'
  | 'letter_returned'
  | 'put_on_hold'
  | 'hold_released'
  | 'resumed'
  | 'cancelled'
  | 'written_off';

/** One line of a dunning's history: a step taken or skipped, or an event that changed its course. */
export interface HistoryEntry {
  /** ISO instant, workflow time. */
  at: string;
  kind: HistoryKind;
  /** The plan step concerned, if any. */
  step?: string;
  summary: string;
  /** Who did it, for operator actions and events from outside. */
  by?: string;
}

export interface PaymentRecord {
  reference: string;
  amountCents: Cents;
  valueDate: CalendarDate;
  /** ISO instant at which the dunning learnt of it. */
  recordedAt: string;
}

export interface RegisteredLetterState {
  step: string;
  producedOn: CalendarDate;
  postedOn: CalendarDate | null;
  trackingNumber: string | null;
  returnedOn: CalendarDate | null;
}

export interface DunningState {
  stage: DunningStage;
  plan: PlanReference;
  invoiceNumber: string;
  invoiceTotalCents: Cents;
  /** The balance still due (the invoice total less the payments received). */
  amountDueCents: Cents;
  currency: string;
  dueDate: CalendarDate;
  payments: PaymentRecord[];
  /** Late penalties accrued up to today (or the date asked for). */
  penalties: PenaltiesToday;
  /** The next step of the plan and when it goes out; null while paused or waiting (see `waitingFor`) and at the end. */
  nextAction: { step: string; at: string } | null;
  /** What the dunning waits for before its next step, when that is not just time. */
  waitingFor: { reason: PauseReason | 'registered_letter_posting'; nextStep: string | null } | null;
  paused: boolean;
  pauses: ActivePause[];
  /** Registered letters produced (registered warning, formal notice), with their posting. */
  registeredLetters: RegisteredLetterState[];
  formalNotice: { sentOn: CalendarDate; deadline: CalendarDate } | null;
  /** How the dunning ended, once it has. */
  outcome: { stage: DunningOutcome; at: string; by?: string; reason?: string; creditNoteReference?: string } | null;
  history: HistoryEntry[];
}

/** One dunning per invoice: the id is derived from the creditor and invoice number, so a retried start cannot create a second one. */
export function dunningWorkflowId(creditorId: string, invoiceNumber: string): string {
  return `invoice:${creditorId}:${invoiceNumber}`;
}
