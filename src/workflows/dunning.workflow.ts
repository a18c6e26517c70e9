import { proxyActivities, setHandler, sleep, upsertSearchAttributes, workflowInfo, setCurrentDetails } from '@temporalio/workflow';
import type { DunningActivities } from '../activities';
import { parisInstant } from '../domain/calendar';
import type { DunningInput, DunningState } from './dunning-input';
import { dunningStateQuery } from './messages';
import { RelanceAmountDueCents, RelanceCustomerId, RelanceDueDate, RelanceInvoiceNumber, RelanceNextActionAt, RelanceStage } from './search-attributes';

const { sendDueDateReminderEmail, recordDunningStage } = proxyActivities<DunningActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

/**
 * The dunning of one invoice. This first slice waits for the due date (at the configured hour,
 * Europe/Paris) and sends one reminder; the full plan replaces it step by step.
 */
export async function dunningWorkflow(input: DunningInput): Promise<DunningState> {
  const reminderAt = parisInstant(input.dueDate, input.sendHour);
  const state: DunningState = {
    stage: 'awaiting_due_date',
    amountDueCents: input.amountDueCents,
    currency: input.currency,
    nextAction: { step: 'due_date_reminder', at: reminderAt.toISOString() },
    history: [],
  };
  setHandler(dunningStateQuery, () => state);

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
