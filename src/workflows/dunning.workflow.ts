/**
 * The dunning of one invoice: one workflow that runs the plan copied into it for as long as the
 * invoice is unpaid (months), never forgets a deadline, and reacts at once to what happens to the
 * invoice (messages.ts).
 *
 * How it waits: one loop over the plan's steps. Each wait is a single condition() with a timeout:
 * the timer is the next step's moment, the condition is "something moved the schedule" (a pause,
 * a posting confirmation, the end). A pause stops the clock: when it ends, the steps still to come
 * move by the days it lasted. No polling: a full dunning stays well under 200 history events.
 *
 * Evolving it: running dunnings replay this code. Any change to what it does (commands, their
 * order, timers) goes behind `patched('<change-id>')`, keeping the old path for old runs, and a
 * history of the new path is recorded into test/workflows/histories (npm run histories:record);
 * test/workflows/replay.test.ts replays every recorded history against the current code.
 */
import { ActivityFailure, allHandlersFinished, ApplicationFailure, condition, patched, sleep, workflowInfo } from '@temporalio/workflow';
import { addDays, isValidCalendarDate, nextBusinessDay, parisDateOf } from '../domain/calendar';
import { isCents } from '../domain/money';
import { planProblems, startingStep } from '../domain/plan';
import { DunningCase, STEP_TITLES } from './dunning-case';
import { carryOutStep, createOperatorTask } from './dunning-activities';
import { DunningRecords } from './dunning-records';
import type { DunningInput, DunningState } from './dunning-input';
import { firstSliceDunning, type FirstSliceInput } from './first-slice.legacy';
import { registerMessageHandlers } from './message-handlers';
import { OperatorView, parisClock } from './operator-view';

/** The full plan replaced the first slice (one due-date reminder); runs started before take the old path. */
export const FULL_DUNNING_PLAN_PATCH = 'full-dunning-plan';

/** After it ends, a dunning stays open this long to answer late or repeated events clearly, then completes. */
export const ANSWER_LATE_EVENTS_FOR = '7 days';

export async function dunningWorkflow(input: DunningInput): Promise<DunningState> {
  if (!patched(FULL_DUNNING_PLAN_PATCH)) {
    // Only runs started before the full plan replay this path; their result keeps its old shape.
    return (await firstSliceDunning(input as unknown as FirstSliceInput)) as unknown as DunningState;
  }
  return runDunning(input);
}

async function runDunning(input: DunningInput): Promise<DunningState> {
  rejectInvalidInput(input);
  const dunning = new DunningCase(input, workflowInfo().workflowId, Date.now());
  const view = new OperatorView(dunning);
  const history = new DunningRecords(dunning);
  registerMessageHandlers(dunning, view, history);

  dunning.begin(startingStep(input.plan, input.dueDate, Date.now(), input.sendHour, input.sendDays), Date.now());
  await refreshAndRecord(dunning, view, history);

  while (!dunning.finished) {
    const now = Date.now();
    const next = dunning.schedule(now);
    view.refresh(now);
    const seen = dunning.revision;
    const moved = () => dunning.revision !== seen;

    if (next.kind === 'step') {
      const step = input.plan.steps[next.index];
      const wait = next.at - now;
      const summary = `${STEP_TITLES[step.template]} on ${parisClock(next.at)} (Paris)`;
      if (wait > 0 && (await condition(moved, wait, { summary }))) continue;
      // An event handled in the same workflow task as the timer wins over the step.
      if (moved()) continue;
      await carryOut(dunning, next.index);
    } else if (next.kind === 'paused') {
      if (next.until === null) await condition(moved);
      else if (!(await condition(moved, Math.max(1, next.until - now), { summary: 'promised payment due' })) && !moved()) {
        dunning.breakPromise(Date.now());
      }
    } else if (next.kind === 'awaiting_posting') {
      if (next.remindAt === null) await condition(moved);
      else if (!(await condition(moved, Math.max(1, next.remindAt - now), { summary: 'posting confirmation due' })) && !moved()) {
        await askForPostingConfirmation(dunning);
      }
    } else {
      await condition(moved); // plan complete: only a payment, a cancellation or a write-off ends it now
    }
    await refreshAndRecord(dunning, view, history);
  }

  // Paid, cancelled or written off: nobody should call a debtor who has paid.
  await history.closeTasks(null, dunning.stage, null);
  await sleep(ANSWER_LATE_EVENTS_FOR, { summary: 'answer late or repeated events, then complete' });
  await condition(allHandlersFinished);
  return dunning.snapshot(Date.now());
}

/** A dunning that cannot run fails at once with the reason, instead of failing its workflow tasks forever. */
function rejectInvalidInput(input: DunningInput): void {
  const problems = planProblems(input.plan).map((p) => `plan.${p.path} ${p.issue}`);
  if (!isCents(input.amountDueCents) || input.amountDueCents === 0) problems.push('amountDueCents must be a positive whole number of cents');
  if (!isValidCalendarDate(input.dueDate)) problems.push('dueDate must be a YYYY-MM-DD date');
  if (!Number.isInteger(input.sendHour) || input.sendHour < 0 || input.sendHour > 23) problems.push('sendHour must be a whole hour from 0 to 23');
  if (input.sendDays !== undefined && input.sendDays !== 'business_days' && input.sendDays !== 'every_day') problems.push('sendDays must be business_days or every_day');
  if (typeof input.currency !== 'string' || !/^[A-Z]{3}$/.test(input.currency)) problems.push('currency must be an ISO 4217 code');
  if (problems.length > 0) {
    throw ApplicationFailure.create({ type: 'DUNNING.INVALID_INPUT', message: `The dunning cannot run: ${problems.join('; ')}`, nonRetryable: true });
  }
}

/** Runs one step. What retrying cannot fix (a refused e-mail address…) goes to an operator; the plan goes on. */
async function carryOut(dunning: DunningCase, index: number): Promise<void> {
  const request = dunning.stepRequest(index, Date.now());
  try {
    const outcome = await carryOutStep(request);
    dunning.stepDone(index, Date.now(), outcome);
  } catch (error) {
    if (!(error instanceof ActivityFailure)) throw error;
    const reason = error.cause?.message ?? error.message;
    dunning.stepFailed(index, Date.now(), reason);
    const title = STEP_TITLES[request.template];
    await createOperatorTask({
      dunningId: request.dunningId,
      invoiceId: request.invoiceId,
      key: `${request.dunningId}/${request.step}/failed`,
      kind: 'step_failed',
      title: `${title} could not be done automatically: invoice ${request.invoiceNumber}`,
      instructions: `${title} failed and retrying cannot fix it: ${reason}. Fix the cause (debtor record, invoice) and do the step by hand; the plan goes on.`,
      dueOn: nextBusinessDay(addDays(request.stepDate, 1)),
    });
  }
}

async function askForPostingConfirmation(dunning: DunningCase): Promise<void> {
  const now = Date.now();
  const letter = dunning.raisePostingReminder(now);
  await createOperatorTask({
    dunningId: dunning.dunningId,
    invoiceId: dunning.input.invoiceId,
    key: `${dunning.dunningId}/${letter.step}/confirm-posting`,
    kind: 'confirm_registered_letter_posting',
    title: `Confirm the posting of the registered letter: invoice ${dunning.input.invoiceNumber}`,
    instructions: `The registered letter produced on ${letter.producedOn} has no posting confirmation yet. Post it by LRAR if that is not done, then enter its posting date and tracking number: the next step counts from the posting date.`,
    dueOn: nextBusinessDay(addDays(parisDateOf(now), 1)),
  });
}

async function refreshAndRecord(dunning: DunningCase, view: OperatorView, history: DunningRecords): Promise<void> {
  const now = Date.now();
  view.refresh(now);
  await history.flush(now);
}
