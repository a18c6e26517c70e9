import type { CalendarDate } from '../domain/calendar';

/** A snapshot of the invoice, copied into the workflow when its dunning starts. */
export interface DunningInput {
  invoiceId: string;
  creditorId: string;
  invoiceNumber: string;
  customerId: string;
  amountDueCents: number;
  currency: string;
  dueDate: CalendarDate;
  /** Hour of the day (Europe/Paris) at which reminders go out. */
  sendHour: number;
}

export type DunningStage = 'awaiting_due_date' | 'due_date_reminder_sent';

export interface DunningStepRecord {
  step: string;
  at: string;
}

export interface DunningState {
  stage: DunningStage;
  amountDueCents: number;
  currency: string;
  nextAction: { step: string; at: string } | null;
  history: DunningStepRecord[];
}

/** One dunning per invoice: the id is derived from the creditor and invoice number, so a retried start cannot create a second one. */
export function dunningWorkflowId(creditorId: string, invoiceNumber: string): string {
  return `invoice:${creditorId}:${invoiceNumber}`;
}
