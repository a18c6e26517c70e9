/**
 * The activities the dunning calls, with their option sets. Names are what an operator reads in the
 * Web UI: one activity per kind of step (sendFirstReminderEmail, produceFormalNotice…).
 */
import { proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { DunningActivities } from '../activities';
import type { DunningStepRequest, StepOutcome } from '../activities/dunning-activity-types';
import type { StepTemplate } from '../domain/plan';

/** Errors retrying cannot fix: the step goes to an operator instead. */
const PERMANENT_ERRORS = ['INVOICE.NOT_FOUND', 'MAIL.RECIPIENT_REJECTED', 'STEP.UNSUPPORTED'];

/**
 * What reaches the debtor or an operator. Retried without a limit of attempts (an SMTP or database
 * outage of a day must delay a step, not drop it), backing off to once an hour; each attempt is short.
 * The worker heartbeats every running activity (src/worker/activity-heartbeats.ts): an attempt on a
 * worker that died is retried after the 30-second heartbeat timeout, not after the 2 minutes an
 * attempt may take at most.
 */
const actions = proxyActivities<DunningActivities>({
  startToCloseTimeout: '2 minutes',
  heartbeatTimeout: '30 seconds',
  retry: { initialInterval: '30 seconds', backoffCoefficient: 2, maximumInterval: '1 hour', nonRetryableErrorTypes: PERMANENT_ERRORS },
});

/**
 * The read model and task bookkeeping: quick database writes, run as local activities so they cost
 * one marker in the history instead of three events and a workflow task.
 */
export const records = proxyLocalActivities<DunningActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

export const { createOperatorTask } = actions;

type StepActivityName = {
  [K in keyof DunningActivities]: DunningActivities[K] extends (request: DunningStepRequest) => Promise<StepOutcome> ? K : never;
}[keyof DunningActivities];

export const STEP_ACTIVITIES: Record<StepTemplate, StepActivityName> = {
  courtesy_reminder: 'sendCourtesyReminderEmail',
  first_reminder: 'sendFirstReminderEmail',
  second_reminder: 'sendSecondReminderEmail',
  phone_call: 'createPhoneCallTask',
  written_reminder: 'produceWrittenReminderLetter',
  registered_warning: 'produceRegisteredWarningLetter',
  formal_notice: 'produceFormalNotice',
  penalty_invoice: 'producePenaltyInvoice',
  collection_handover: 'handOverForEscalation',
};

export function carryOutStep(request: DunningStepRequest): Promise<StepOutcome> {
  return actions[STEP_ACTIVITIES[request.template]](request);
}
