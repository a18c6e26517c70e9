import type { WorkflowFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { addDays, isBusinessDay, nextBusinessDay, parisInstant } from '../../src/domain';
import { DEFAULT_FR_B2B_PLAN } from '../../src/domain/plan';
import { cancelDunningUpdate, confirmRegisteredLetterPostedUpdate, recordPaymentUpdate, writeOffUpdate } from '../../src/workflows/messages';
import { RelanceAmountDueCents, RelanceDueDate, RelanceInvoiceNumber, RelanceNextActionAt, RelanceStage } from '../../src/workflows/search-attributes';
import { DunningHarness, fridayAfter, SEND_HOUR } from './support/dunning-harness';

// The default French B2B plan end to end on the time-skipping server. Due dates are Fridays, so
// D+1, D+8 and D+15 fall on Saturdays and must move to the next business day.
describe('dunning workflow: the plan', () => {
  let harness: DunningHarness;

  beforeAll(async () => {
    harness = await DunningHarness.start('full-plan');
  });
  afterAll(async () => {
    await harness?.stop();
  });

  it('runs the complete path to escalation, every step in order, on business days at the send hour', async () => {
    const dueDate = fridayAfter(await harness.today(), 10);
    const handle = await harness.startDunning({ dueDate });

    // The registered warning goes out on D+15 (moved off the weekend); it is posted the next day.
    const warningDay = nextBusinessDay(addDays(dueDate, 15));
    await harness.advanceToParis(warningDay, 17);
    const waiting = await harness.state(handle);
    expect(waiting.stage).toBe('awaiting_registered_letter_posting');
    expect(waiting.nextAction).toBeNull();
    expect(waiting.waitingFor).toEqual({ reason: 'registered_letter_posting', nextStep: 'formal_notice' });

    // What an operator sees in the Web UI: typed search attributes and the current details.
    const described = await handle.describe();
    expect(described.typedSearchAttributes.get(RelanceStage)).toBe('awaiting_registered_letter_posting');
    expect(described.typedSearchAttributes.get(RelanceInvoiceNumber)).toBe(waiting.invoiceNumber);
    expect(described.typedSearchAttributes.get(RelanceAmountDueCents)).toBe(120_000);
    expect(described.typedSearchAttributes.get(RelanceDueDate)?.toISOString()).toBe(parisInstant(dueDate, 0).toISOString());
    expect(described.typedSearchAttributes.get(RelanceNextActionAt)?.toISOString()).toBe(parisInstant(nextBusinessDay(addDays(warningDay, 5)), SEND_HOUR).toISOString());
    const metadata = await handle.query<{ currentDetails: string }>('__temporal_workflow_metadata');
    expect(metadata.currentDetails).toContain(`**Waiting for registered-letter confirmation since ${warningDay}**`);
    expect(metadata.currentDetails).toContain('Balance €1,200.00 of €1,200.00');

    const postedOn = nextBusinessDay(addDays(warningDay, 1));
    await harness.advanceToParis(postedOn, 15);
    const receipt = await handle.executeUpdate(confirmRegisteredLetterPostedUpdate, {
      args: [{ trackingNumber: '1A00000000001', postedOn, by: 'marie@creditor.example' }],
    });
    expect(receipt.stage).toBe('registered_warning_sent');
    const formalNoticeDay = nextBusinessDay(addDays(postedOn, 8));
    expect(receipt.nextAction).toEqual({ step: 'formal_notice', at: parisInstant(formalNoticeDay, SEND_HOUR).toISOString() });

    // The deadline of the formal notice is 8 days after it; the escalation follows when it has passed.
    const escalationDay = nextBusinessDay(addDays(formalNoticeDay, 8 + 1));
    await harness.advanceToParis(escalationDay, 12);
    const escalated = await harness.state(handle);
    expect(escalated.stage).toBe('escalated');
    expect(escalated.formalNotice).toEqual({ sentOn: formalNoticeDay, deadline: addDays(formalNoticeDay, 8) });

    const steps = harness.stepCalls(handle);
    expect(steps.map(({ activity, step, date }) => [activity, step, date])).toEqual([
      ['sendCourtesyReminderEmail', 'courtesy_reminder', nextBusinessDay(addDays(dueDate, -3))],
      ['sendFirstReminderEmail', 'first_reminder', nextBusinessDay(addDays(dueDate, 1))],
      ['createPhoneCallTask', 'phone_call', nextBusinessDay(addDays(dueDate, 1))],
      ['produceWrittenReminderLetter', 'written_reminder', nextBusinessDay(addDays(dueDate, 8))],
      ['produceRegisteredWarningLetter', 'registered_warning', warningDay],
      ['produceFormalNotice', 'formal_notice', formalNoticeDay],
      ['producePenaltyInvoice', 'penalty_invoice', formalNoticeDay],
      ['handOverForEscalation', 'escalation', escalationDay],
    ]);
    for (const step of steps) {
      expect(isBusinessDay(step.date)).toBe(true);
      expect(step.time).toBe('09:00');
    }
    const formalNotice = steps.find((s) => s.step === 'formal_notice')?.request;
    expect(formalNotice).toMatchObject({ payBy: addDays(formalNoticeDay, 8), balanceCents: 120_000, registeredLetter: { postedOn, trackingNumber: '1A00000000001' } });
    expect(steps.find((s) => s.step === 'phone_call')?.request.completeBy).toBe(nextBusinessDay(addDays(nextBusinessDay(addDays(dueDate, 1)), 2)));

    // Escalated, the invoice stays open: an operator writes it off, and the run completes a week later.
    await handle.executeUpdate(writeOffUpdate, { args: [{ by: 'cfo@creditor.example', reason: 'debtor in liquidation' }] });
    const final = await harness.finish(handle);
    expect(final).toMatchObject({ stage: 'written_off', outcome: { stage: 'written_off', by: 'cfo@creditor.example', reason: 'debtor in liquidation' } });
    expect(harness.callsOf(handle, 'closeOperatorTasks').map((c) => c.request)).toContainEqual(expect.objectContaining({ key: null, outcome: 'written_off' }));
    const history = await handle.fetchHistory();
    expect(history.events?.length).toBeLessThan(200);
    await harness.recordHistory(handle, 'complete-path-to-escalation');
  });

  it('sends nothing after the courtesy reminder when the invoice is paid before the due date', async () => {
    const dueDate = fridayAfter(await harness.today(), 10);
    const handle = await harness.startDunning({ dueDate });
    await harness.advanceToParis(addDays(dueDate, -1), 12);
    const receipt = await handle.executeUpdate(recordPaymentUpdate, {
      args: [{ reference: 'VIR-001', amountCents: 120_000, currency: 'EUR', valueDate: addDays(dueDate, -1) }],
    });
    expect(receipt).toMatchObject({ result: 'applied', stage: 'paid', amountDueCents: 0, nextAction: null });
    const final = await harness.finish(handle);
    expect(final.stage).toBe('paid');
    expect(harness.stepCalls(handle).map((s) => s.step)).toEqual(['courtesy_reminder']);
    await harness.recordHistory(handle, 'paid-before-due-date');
  });

  it('stops after the first reminder when the invoice is paid then', async () => {
    const dueDate = fridayAfter(await harness.today(), 10);
    const handle = await harness.startDunning({ dueDate });
    const firstReminderDay = nextBusinessDay(addDays(dueDate, 1));
    await harness.advanceToParis(firstReminderDay, 16);
    expect((await harness.state(handle)).stage).toBe('phone_call');
    await handle.executeUpdate(recordPaymentUpdate, {
      args: [{ reference: 'VIR-002', amountCents: 120_000, currency: 'EUR', valueDate: firstReminderDay }],
    });
    const final = await harness.finish(handle);
    expect(final.stage).toBe('paid');
    expect(harness.stepCalls(handle).map((s) => [s.step, s.date])).toEqual([
      ['courtesy_reminder', nextBusinessDay(addDays(dueDate, -3))],
      ['first_reminder', firstReminderDay],
      ['phone_call', firstReminderDay],
    ]);
    // The phone task of a paid invoice is closed, so nobody calls a debtor who has paid.
    expect(harness.callsOf(handle, 'closeOperatorTasks').map((c) => c.request)).toEqual([expect.objectContaining({ key: null, outcome: 'paid' })]);
    await harness.recordHistory(handle, 'paid-after-first-reminder');
  });

  it('hands a step that retrying cannot fix to an operator, and goes on with the plan', async () => {
    const dueDate = fridayAfter(await harness.today(), 10);
    const handle = await harness.startDunning({ dueDate });
    harness.failStep(handle.workflowId, 'first_reminder', ApplicationFailure.nonRetryable('SMTP server refused compta@x.example: 550 no such user', 'MAIL.RECIPIENT_REJECTED'));
    const firstReminderDay = nextBusinessDay(addDays(dueDate, 1));
    await harness.advanceToParis(firstReminderDay, 12);

    expect(harness.stepCalls(handle).map((s) => s.step)).toEqual(['courtesy_reminder', 'first_reminder', 'phone_call']);
    const [task] = harness.callsOf(handle, 'createOperatorTask');
    expect(task.request).toMatchObject({ kind: 'step_failed', key: `${handle.workflowId}/first_reminder/failed`, dueOn: nextBusinessDay(addDays(firstReminderDay, 1)) });
    const state = await harness.state(handle);
    expect(state.history.find((h) => h.kind === 'step_failed')).toMatchObject({
      step: 'first_reminder',
      summary: 'First reminder could not be done: SMTP server refused compta@x.example: 550 no such user; an operator task was created',
    });
    expect(state).toMatchObject({ stage: 'phone_call', nextAction: { step: 'written_reminder' } });
    await handle.executeUpdate(recordPaymentUpdate, { args: [{ reference: 'VIR-003', amountCents: 120_000, currency: 'EUR', valueDate: firstReminderDay }] });
    await harness.finish(handle);
    await harness.recordHistory(handle, 'step-failed');
  });

  it('fails at once, with every reason, when its input cannot run', async () => {
    const plan = { ...DEFAULT_FR_B2B_PLAN, formalNoticeDeadlineDays: 10 };
    const handle = await harness.startDunning({ dueDate: '2026-02-30', plan, sendHour: 25 });
    const failure = await harness.result(handle).then(
      () => ApplicationFailure.create({ message: 'the dunning ran' }),
      (error: WorkflowFailedError) => error.cause as ApplicationFailure,
    );
    expect(failure).toMatchObject({ type: 'DUNNING.INVALID_INPUT', nonRetryable: true });
    expect(failure.message).toBe(
      'The dunning cannot run: plan.formalNoticeDeadlineDays must be 8 or 15; dueDate must be a YYYY-MM-DD date; sendHour must be a whole hour from 0 to 23',
    );
    expect(harness.calls.filter((c) => c.workflowId === handle.workflowId)).toEqual([]);
  });

  it('starts an invoice imported long overdue at the step that fits its age, and says so', async () => {
    const today = await harness.today();
    const dueDate = addDays(today, -40);
    const handle = await harness.startDunning({ dueDate });
    await harness.advanceTo((await harness.now()) + 3 * 86_400_000);
    const state = await harness.state(handle);
    const steps = harness.stepCalls(handle);
    expect(steps.map((s) => s.step)).toEqual(['registered_warning']);
    expect(isBusinessDay(steps[0].date)).toBe(true);
    expect(state.history.filter((h) => h.kind === 'step_skipped')).toEqual(
      ['courtesy_reminder', 'first_reminder', 'phone_call', 'written_reminder'].map((step) =>
        expect.objectContaining({ step, summary: 'Skipped: the invoice was already 40 days overdue when its dunning started' }),
      ),
    );
    expect(state.stage).toBe('awaiting_registered_letter_posting');

    await handle.executeUpdate(cancelDunningUpdate, { args: [{ by: 'paul@creditor.example', reason: 'handed to our lawyer directly' }] });
    expect((await harness.finish(handle)).stage).toBe('cancelled');
    await harness.recordHistory(handle, 'imported-long-overdue');
  });
});
