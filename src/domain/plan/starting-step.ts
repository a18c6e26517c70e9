import { CalendarDate } from '../calendar';
import { DunningPlan } from './plan-types';
import { nextSendSlot, sendInstant, stepDate, type SendDays } from './schedule';

export interface StartingPoint {
  /** Index in `plan.steps` of the first step to run. */
  index: number;
  /** Keys of the steps left out because the invoice was already past them when its dunning started. */
  skipped: string[];
}

/**
 * Where a dunning that starts late begins, so an invoice imported 40 days overdue is not sent five
 * reminders in a burst: at the last due-date step (with the steps sharing its offset, such as the
 * phone call that goes with the first reminder) whose moment has come by the first send slot; the
 * steps before it are skipped. A dunning that starts in time begins at the first step.
 */
export function startingStep(plan: DunningPlan, dueDate: CalendarDate, nowMs: number, sendHour: number, sendDays: SendDays = 'business_days'): StartingPoint {
  const slot = nextSendSlot(nowMs, sendHour, sendDays);
  let fitting = -1;
  for (let i = 0; i < plan.steps.length; i++) {
    const step = plan.steps[i];
    if (step.anchor !== 'due_date') break; // later anchors cannot have passed before the dunning started
    if (sendInstant(stepDate(dueDate, step.offsetDays), sendHour) > slot) break;
    const sameOffsetAsPrevious = i > 0 && plan.steps[i - 1].offsetDays === step.offsetDays;
    if (!sameOffsetAsPrevious) fitting = i;
  }
  if (fitting <= 0) return { index: 0, skipped: [] };
  return { index: fitting, skipped: plan.steps.slice(0, fitting).map((step) => step.key) };
}
