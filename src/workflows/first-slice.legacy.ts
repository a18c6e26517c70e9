/**
 * The first slice of the dunning (one reminder on the due date), kept verbatim for the runs that
 * started before the full plan: on replay their histories carry no `full-dunning-plan` patch marker,
 * so dunningWorkflow sends them here and they finish as they began. Remove it (and deprecate the
 * patch) once no such run is open: `temporal workflow list --query "RelanceStage = 'awaiting_due_date'"`
 * shows none started before the full plan was deployed.
 */
import { defineQuery, proxyActivities, setCurrentDetails, setHandler, sleep, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { DunningActivities } from '../activities';
import { parisInstant } from '../domain/calendar';
import { RelanceAmountDueCents, RelanceCustomerId, RelanceDueDate, RelanceInvoiceNumber, RelanceNextActionAt, RelanceStage } from './search-attributes';

export interface FirstSliceInput {
  invoiceId: string;
  creditorId: string;
  invoiceNumber: string;
  customerId: string;
  amountDueCents: number;
  currency: string;
  dueDate: string;
  sendHour: number;
}

export interface FirstSliceState {
  stage: 'awaiting_due_date' | 'due_date_reminder_sent';
  amountDueCents: number;
  currency: string;
  nextAction: { step: string; at: string } | null;
  history: { step: string; at: string }[];
}

const firstSliceStateQuery = defineQuery<FirstSliceState>('dunningState');

const { sendDueDateReminderEmail, recordDunningStage } = proxyActivities<DunningActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

export async function firstSliceDunning(input: FirstSliceInput): Promise<FirstSliceState> {
  const reminderAt = parisInstant(input.dueDate, input.sendHour);
  const state: FirstSliceState = {
    stage: 'awaiting_due_date',
    amountDueCents: input.amountDueCents,
    currency: input.currency,
    nextAction: { step: 'due_date_reminder', at: reminderAt.toISOString() },
    history: [],
  };
  setHandler(firstSliceStateQuery, () => state);

  upsertSearchAttributes([
    { key: RelanceStage, value: state.stage },
    { key: RelanceInvoiceNumber, value: input.invoiceNumber },
    { key: RelanceCustomerId, value: input.customerId },
    { key: RelanceAmountDueCents, value: input.amountDueCents },
    { key: RelanceDueDate, value: parisInstant(input.dueDate, 0) },
    { key: RelanceNextActionAt, value: reminderAt },
  ]);
  setCurrentDetails(`Waiting for the due date (${input.dueDate}); reminder e-mail on ${reminderAt.toISOString()}`);

  const waitMs = reminderAt.getTime() - Date.now();
  if (waitMs > 0) await sleep(waitMs);

  const dunningId = workflowInfo().workflowId;
  await sendDueDateReminderEmail({ dunningId, invoiceId: input.invoiceId, step: 'due_date_reminder' });
  state.stage = 'due_date_reminder_sent';
  state.nextAction = null;
  state.history.push({ step: 'due_date_reminder', at: new Date().toISOString() });

  upsertSearchAttributes([
    { key: RelanceStage, value: state.stage },
    { key: RelanceNextActionAt, value: null },
  ]);
  setCurrentDetails(`Due-date reminder sent on ${new Date().toISOString()}`);
  await recordDunningStage({ invoiceId: input.invoiceId, stage: state.stage, nextActionAt: null });
  return state;
}
