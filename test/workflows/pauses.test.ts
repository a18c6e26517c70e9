import { addDays, nextBusinessDay, parisInstant } from '../../src/domain';
import {
  confirmRegisteredLetterPostedUpdate,
  openDisputeUpdate,
  putOnHoldUpdate,
  recordPaymentUpdate,
  recordPhoneCallOutcomeUpdate,
  releaseHoldUpdate,
  reportLetterReturnedUpdate,
  resolveDisputeUpdate,
  writeOffUpdate,
} from '../../src/workflows/messages';
import { DunningHarness, expectSoonAfter, fridayAfter, SEND_HOUR } from './support/dunning-harness';

// What pauses a dunning (disputes, promises, holds) and what it waits for (the registered letter's
// posting). Nothing is sent while paused; when the pause ends, the steps still to come move by the
// days it lasted. Due dates are Fridays: D+1, D+8 and D+15 move to the following Monday.
describe('dunning workflow: disputes, promises, holds and registered letters', () => {
  let harness: DunningHarness;

  beforeAll(async () => {
    harness = await DunningHarness.start('pauses');
  });
  afterAll(async () => {
    await harness?.stop();
  });

  const day = (dueDate: string, offset: number) => nextBusinessDay(addDays(dueDate, offset));

  it('sends nothing during a dispute opened at D+10 and rejected at D+40, then shifts every later date by 30 days', async () => {
    const dueDate = fridayAfter(await harness.today(), 10);
    const handle = await harness.startDunning({ dueDate });

    await harness.advanceToParis(addDays(dueDate, 10), 14);
    const opened = await handle.executeUpdate(openDisputeUpdate, { args: [{ reason: 'pallets delivered damaged', by: 'sales@creditor.example' }] });
    expect(opened).toMatchObject({ result: 'applied', stage: 'disputed', paused: true, nextAction: null });
    const again = await handle.executeUpdate(openDisputeUpdate, { args: [{ reason: 'pallets delivered damaged', by: 'sales@creditor.example' }] });
    expect(again.result).toBe('unchanged');

    await harness.advanceToParis(addDays(dueDate, 40), 14);
    const during = await harness.state(handle);
    expect(during).toMatchObject({ stage: 'disputed', paused: true, waitingFor: { reason: 'dispute', nextStep: 'registered_warning' } });
    expect(during.pauses).toEqual([expect.objectContaining({ reason: 'dispute', detail: 'pallets delivered damaged', by: 'sales@creditor.example' })]);
    expect(harness.stepCalls(handle).map((s) => s.step)).toEqual(['courtesy_reminder', 'first_reminder', 'phone_call', 'written_reminder']);

    const rejected = await handle.executeUpdate(resolveDisputeUpdate, { args: [{ outcome: 'rejected', by: 'quality@creditor.example', note: 'photos show intact pallets' }] });
    const warningDay = day(dueDate, 15 + 30);
    expect(rejected).toMatchObject({ stage: 'written_reminder_sent', paused: false, nextAction: { step: 'registered_warning', at: parisInstant(warningDay, SEND_HOUR).toISOString() } });

    await harness.advanceToParis(warningDay, 12);
    const postedOn = warningDay;
    await handle.executeUpdate(confirmRegisteredLetterPostedUpdate, { args: [{ trackingNumber: '1A00000000002', postedOn, by: 'mailroom' }] });
    await harness.advanceToParis(day(postedOn, 8), 12);

    const steps = harness.stepCalls(handle);
    expect(steps.map((s) => [s.step, s.date])).toEqual([
      ['courtesy_reminder', day(dueDate, -3)],
      ['first_reminder', day(dueDate, 1)],
      ['phone_call', day(dueDate, 1)],
      ['written_reminder', day(dueDate, 8)],
      ['registered_warning', warningDay],
      ['formal_notice', day(postedOn, 8)],
      ['penalty_invoice', day(postedOn, 8)],
    ]);
    const history = (await harness.state(handle)).history;
    expect(history.find((h) => h.kind === 'resumed')?.summary).toBe('Dunning resumed after 30 days paused; the steps still to come move by 30 days');
    expect(history.find((h) => h.kind === 'dispute_rejected')).toMatchObject({ by: 'quality@creditor.example', summary: 'Dispute rejected: photos show intact pallets' });

    await handle.executeUpdate(recordPaymentUpdate, { args: [{ reference: 'VIR-50', amountCents: 120_000, currency: 'EUR', valueDate: await harness.today() }] });
    expect((await harness.finish(handle)).stage).toBe('paid');
    await harness.recordHistory(handle, 'dispute-rejected-after-30-days');
  });

  it('ends CANCELLED with the credit note when a dispute is upheld', async () => {
    const dueDate = fridayAfter(await harness.today(), 10);
    const handle = await harness.startDunning({ dueDate });
    await harness.advanceToParis(day(dueDate, 1), 10);
    // Opened on the phone: the call's outcome is a dispute.
    await handle.executeUpdate(recordPhoneCallOutcomeUpdate, {
      args: [{ outcome: 'dispute', disputeReason: 'service not delivered in March', by: 'marie@creditor.example', note: 'spoke to the accountant' }],
    });
    const refused = await handle
      .executeUpdate(resolveDisputeUpdate, { args: [{ outcome: 'upheld', by: 'sales@creditor.example' }] })
      .catch((e) => (e as { cause: { type: string } }).cause.type);
    expect(refused).toBe('DISPUTE.CREDIT_NOTE_REQUIRED');

    await harness.advanceToParis(addDays(dueDate, 20), 10);
    const upheld = await handle.executeUpdate(resolveDisputeUpdate, {
      args: [{ outcome: 'upheld', by: 'sales@creditor.example', creditNoteReference: 'AV-2026-031', note: 'service not delivered' }],
    });
    expect(upheld).toMatchObject({ stage: 'cancelled', nextAction: null });
    const final = await harness.finish(handle);
    expect(final.outcome).toMatchObject({ stage: 'cancelled', by: 'sales@creditor.example', creditNoteReference: 'AV-2026-031' });
    expect(harness.stepCalls(handle).map((s) => s.step)).toEqual(['courtesy_reminder', 'first_reminder', 'phone_call']);
    expect(harness.callsOf(handle, 'closeOperatorTasks').map((c) => c.request)).toEqual([
      expect.objectContaining({ key: `${handle.workflowId}/phone_call`, outcome: 'dispute', by: 'marie@creditor.example' }),
      expect.objectContaining({ key: null, outcome: 'cancelled' }),
    ]);
    await harness.recordHistory(handle, 'dispute-upheld');
  });

  it('waits for a promise to pay and ends PAID when it is kept', async () => {
    const dueDate = fridayAfter(await harness.today(), 10);
    const handle = await harness.startDunning({ dueDate });
    const callDay = day(dueDate, 1);
    await harness.advanceToParis(callDay, 15);
    const promisedDate = addDays(dueDate, 12);
    const promised = await handle.executeUpdate(recordPhoneCallOutcomeUpdate, {
      args: [{ outcome: 'promise_to_pay', promisedDate, by: 'marie@creditor.example', note: 'transfer after their customer pays' }],
    });
    expect(promised).toMatchObject({ stage: 'promised', paused: true, nextAction: null });

    await harness.advanceToParis(promisedDate, 11);
    expect((await harness.state(handle)).pauses).toEqual([
      expect.objectContaining({ reason: 'promise', until: parisInstant(addDays(promisedDate, 3 + 1), 0).toISOString() }),
    ]);
    await handle.executeUpdate(recordPaymentUpdate, { args: [{ reference: 'VIR-60', amountCents: 120_000, currency: 'EUR', valueDate: promisedDate }] });
    const final = await harness.finish(handle);
    expect(final.stage).toBe('paid');
    expect(final.history.map((h) => h.kind)).toEqual(expect.arrayContaining(['promise_made', 'promise_kept']));
    // The written reminder (D+8) fell inside the promise: it was never sent.
    expect(harness.stepCalls(handle).map((s) => s.step)).toEqual(['courtesy_reminder', 'first_reminder', 'phone_call']);
    await harness.recordHistory(handle, 'promise-kept');
  });

  it('resumes when a promise is broken, marks it, and shifts the steps still to come by the pause', async () => {
    const dueDate = fridayAfter(await harness.today(), 10);
    const handle = await harness.startDunning({ dueDate });
    const callDay = day(dueDate, 1); // D+3, a Monday
    await harness.advanceToParis(callDay, 15);
    const promisedDate = addDays(callDay, 7);
    await handle.executeUpdate(recordPhoneCallOutcomeUpdate, { args: [{ outcome: 'promise_to_pay', promisedDate, by: 'marie@creditor.example' }] });

    // Grace of 3 days: broken at midnight ending promisedDate + 3; paused from callDay, 11 days in all.
    const brokenOn = addDays(promisedDate, 3 + 1);
    await harness.advanceToParis(brokenOn, 1);
    const resumed = await harness.state(handle);
    expect(resumed).toMatchObject({ stage: 'phone_call', paused: false });
    const broken = resumed.history.find((h) => h.kind === 'promise_broken');
    expect(broken?.summary).toBe(`Promise to pay broken (payment promised for ${promisedDate}); €1,200.00 still due`);
    expectSoonAfter(Date.parse(broken?.at ?? ''), parisInstant(brokenOn, 0).getTime());
    const pausedDays = 11;
    expect(resumed.nextAction).toEqual({ step: 'written_reminder', at: parisInstant(day(dueDate, 8 + pausedDays), SEND_HOUR).toISOString() });

    await harness.advanceToParis(day(dueDate, 8 + pausedDays), 12);
    expect(harness.stepCalls(handle).map((s) => [s.step, s.date])).toEqual([
      ['courtesy_reminder', day(dueDate, -3)],
      ['first_reminder', callDay],
      ['phone_call', callDay],
      ['written_reminder', day(dueDate, 8 + pausedDays)],
    ]);
    await handle.executeUpdate(recordPaymentUpdate, { args: [{ reference: 'VIR-70', amountCents: 120_000, currency: 'EUR', valueDate: await harness.today() }] });
    await harness.finish(handle);
    await harness.recordHistory(handle, 'promise-broken');
  });

  it('waits for the registered letter to be posted: the formal notice counts from the real posting date', async () => {
    const dueDate = fridayAfter(await harness.today(), 10);
    const handle = await harness.startDunning({ dueDate });
    const warningDay = day(dueDate, 15);

    // No confirmation after 5 days: an operator is asked for it, once.
    const askedOn = day(warningDay, 5);
    await harness.advanceToParis(addDays(askedOn, 6), 12);
    const state = await harness.state(handle);
    expect(state.stage).toBe('awaiting_registered_letter_posting');
    expect(harness.stepCalls(handle).map((s) => s.step).slice(-1)).toEqual(['registered_warning']);
    const asked = harness.callsOf(handle, 'createOperatorTask');
    expect(asked).toHaveLength(1);
    expect(asked[0].request).toMatchObject({ kind: 'confirm_registered_letter_posting', key: `${handle.workflowId}/registered_warning/confirm-posting` });
    expectSoonAfter(asked[0].at, parisInstant(askedOn, SEND_HOUR).getTime());

    // Confirmed late: posted two weeks after it was produced.
    const postedOn = addDays(warningDay, 14);
    await harness.advanceToParis(addDays(postedOn, 1), 10);
    const early = await handle
      .executeUpdate(confirmRegisteredLetterPostedUpdate, { args: [{ trackingNumber: '1A00000000003', postedOn: addDays(warningDay, -1), by: 'mailroom' }] })
      .catch((e) => (e as { cause: { type: string } }).cause.type);
    expect(early).toBe('REGISTERED_LETTER.INVALID_DATE');
    await handle.executeUpdate(confirmRegisteredLetterPostedUpdate, { args: [{ trackingNumber: '1A00000000003', postedOn, by: 'mailroom' }] });
    expect(harness.callsOf(handle, 'closeOperatorTasks').map((c) => (c.request as { key: string }).key)).toEqual([
      `${handle.workflowId}/registered_warning/post`,
      `${handle.workflowId}/registered_warning/confirm-posting`,
    ]);

    const formalNoticeDay = day(postedOn, 8);
    await harness.advanceToParis(formalNoticeDay, 8);
    expect(harness.stepCalls(handle).map((s) => s.step)).not.toContain('formal_notice');
    await harness.advanceToParis(formalNoticeDay, 10);
    expect(harness.stepCalls(handle).slice(-2).map((s) => [s.step, s.date, s.time])).toEqual([
      ['formal_notice', formalNoticeDay, '09:00'],
      ['penalty_invoice', formalNoticeDay, '09:00'],
    ]);

    // The formal notice comes back undelivered: an operator checks the address.
    await handle.executeUpdate(confirmRegisteredLetterPostedUpdate, { args: [{ trackingNumber: '1A00000000004', postedOn: formalNoticeDay, by: 'mailroom', step: 'formal_notice' }] });
    await harness.advanceToParis(addDays(formalNoticeDay, 3), 10);
    const returned = await handle.executeUpdate(reportLetterReturnedUpdate, {
      args: [{ trackingNumber: '1A00000000004', returnedOn: addDays(formalNoticeDay, 3), reason: 'addressee unknown at this address', by: 'mailroom' }],
    });
    expect(returned.result).toBe('applied');
    expect(harness.callsOf(handle, 'createOperatorTask').map((c) => (c.request as { kind: string }).kind)).toEqual(['confirm_registered_letter_posting', 'letter_returned']);

    await handle.executeUpdate(recordPaymentUpdate, { args: [{ reference: 'VIR-80', amountCents: 120_000, currency: 'EUR', valueDate: await harness.today() }] });
    await harness.finish(handle);
    await harness.recordHistory(handle, 'registered-letter-confirmed-late');
  });

  it('holds and releases on an operator decision, with who and why, and keeps the remaining delays', async () => {
    const dueDate = fridayAfter(await harness.today(), 10);
    const handle = await harness.startDunning({ dueDate });
    await harness.advanceToParis(addDays(dueDate, 4), 10);
    const held = await handle.executeUpdate(putOnHoldUpdate, { args: [{ by: 'cfo@creditor.example', reason: 'key account: negotiating a payment plan' }] });
    expect(held).toMatchObject({ stage: 'on_hold', paused: true });
    expect((await handle.executeUpdate(putOnHoldUpdate, { args: [{ by: 'cfo@creditor.example', reason: 'again' }] })).result).toBe('unchanged');

    await harness.advanceToParis(addDays(dueDate, 14), 10);
    const released = await handle.executeUpdate(releaseHoldUpdate, { args: [{ by: 'cfo@creditor.example', reason: 'no agreement' }] });
    expect(released.nextAction).toEqual({ step: 'written_reminder', at: parisInstant(day(dueDate, 8 + 10), SEND_HOUR).toISOString() });
    const history = (await harness.state(handle)).history;
    expect(history.filter((h) => h.by === 'cfo@creditor.example').map((h) => h.summary)).toEqual([
      'Put on hold: key account: negotiating a payment plan',
      'Hold released: no agreement',
    ]);
    await handle.executeUpdate(writeOffUpdate, { args: [{ by: 'cfo@creditor.example', reason: 'settled out of court' }] });
    await harness.finish(handle);
    await harness.recordHistory(handle, 'hold-and-release');
  });
});
