/**
 * What the dunning workflow hands to its activities. Plain JSON (Temporal payloads); the workflow
 * imports these types only, never the implementations.
 */
import type { CalendarDate } from '../domain/calendar';
import type { Cents } from '../domain/money';
import type { PenaltyPayment } from '../domain/penalties';
import type { PenaltiesToday, PenaltyTerms, PlanReference, StepChannel, StepTemplate, StepTone } from '../domain/plan';
import type { DunningStage, HistoryEntry } from '../workflows/dunning-input';

/** One step of the plan to carry out. Keyed by dunning and step: a retry never does it twice. */
export interface DunningStepRequest {
  dunningId: string;
  invoiceId: string;
  invoiceNumber: string;
  plan: PlanReference;
  step: string;
  channel: StepChannel;
  template: StepTemplate;
  tone: StepTone;
  /** The date the step is dated (a letter's date), Europe/Paris. */
  stepDate: CalendarDate;
  invoiceTotalCents: Cents;
  /** What is still due after the payments received. */
  balanceCents: Cents;
  currency: string;
  dueDate: CalendarDate;
  /** The pay-by date the step states, if any (a formal notice: its deadline). */
  payBy: CalendarDate | null;
  /** Operator tasks: the date by which to do it. */
  completeBy: CalendarDate | null;
  /** Late penalties as of `stepDate`, or why they cannot be computed. */
  penalties: PenaltiesToday;
  /** Dates of the reminders already sent (e-mails and letters), quoted by letters. */
  previousReminderDates: CalendarDate[];
  /** The registered warning, quoted by the formal notice. */
  registeredLetter: { step: string; producedOn: CalendarDate; postedOn: CalendarDate | null; trackingNumber: string | null } | null;
  /**
   * The dunning's penalty terms and the payments it received (value dates), for the letters'
   * penalty computation. Optional: workflows do not send them yet. Without them the letters take
   * the jurisdiction from the creditor profile and the debtor type from the customer record, and
   * count what was paid as paid on the due date (interest on the balance only: never more than owed).
   */
  penaltyTerms?: Omit<PenaltyTerms, 'operatorRates'>;
  payments?: PenaltyPayment[];
}

export interface StepOutcome {
  /** What was produced: an e-mail's Message-ID, a document or task id. */
  reference: string;
  /** True when a previous attempt had already done it (nothing was sent again). */
  alreadyDone: boolean;
}

export type OperatorTaskKind =
  | 'phone_call'
  | 'post_registered_letter'
  | 'confirm_registered_letter_posting'
  | 'letter_returned'
  | 'step_failed'
  | 'escalation_handover';

export interface OperatorTaskRequest {
  dunningId: string;
  invoiceId: string;
  /** Unique per dunning: creating the same task twice is a no-op. */
  key: string;
  kind: OperatorTaskKind;
  title: string;
  instructions: string;
  dueOn: CalendarDate;
}

/** Closes one task of the dunning (`key`), or all its open tasks when the dunning ends (`key` null). */
export interface CloseOperatorTasksRequest {
  dunningId: string;
  key: string | null;
  outcome: string;
  by: string | null;
}

/** New lines of the dunning's timeline, with the read model (what lists and filters show) as it stands after them. */
export interface DunningEventsRecord {
  dunningId: string;
  invoiceId: string;
  /** `seq` is 1, 2, 3… in the order the workflow wrote them: a retried insert is ignored. */
  events: { seq: number; entry: HistoryEntry }[];
  readModel: { stage: DunningStage; amountDueCents: Cents; nextActionAt: string | null };
}
