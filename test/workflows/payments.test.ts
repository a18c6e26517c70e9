import { WorkflowUpdateFailedError } from '@temporalio/client';
import { addDays, nextBusinessDay } from '../../src/domain';
import {
  cancelDunningUpdate,
  dunningStateQuery,
  openDisputeUpdate,
  putOnHoldUpdate,
  recordPaymentUpdate,
  resolveDisputeUpdate,
  type PaymentReceived,
} from '../../src/workflows/messages';
import { DunningHarness, fridayAfter, type DunningHandle } from './support/dunning-harness';

/** The refusal a command fails with: the ApplicationFailure type and message the caller gets. */
async function refusal(promise: Promise<unknown>): Promise<{ type: string; message: string }> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
  const cause = (error as WorkflowUpdateFailedError).cause as { type?: string; message: string };
  return { type: cause.type ?? '', message: cause.message };
}

const payment = (overrides: Partial<PaymentReceived> = {}): PaymentReceived => ({
  reference: 'VIR-1',
  amountCents: 50_000,
  currency: 'EUR',
  valueDate: '2026-01-01',
  by: 'bank-feed',
  ...overrides,
});

describe('dunning workflow: payments and refusals', () => {
  let harness: DunningHarness;

  beforeAll(async () => {
    harness = await DunningHarness.start('payments');
  });
  afterAll(async () => {
    await harness?.stop();
  });

  it('lowers the balance on a partial payment, goes on with the plan, and ends PAID on the rest', async () => {
    const dueDate = fridayAfter(await harness.today(), 10);
    const handle = await harness.startDunning({ dueDate });
    const firstReminderDay = nextBusinessDay(addDays(dueDate, 1));
    await harness.advanceToParis(addDays(firstReminderDay, 1), 11);

    const partial = await handle.executeUpdate(recordPaymentUpdate, {
      args: [payment({ reference: 'VIR-10', amountCents: 50_000, valueDate: addDays(firstReminderDay, 1) })],
    });
    expect(partial).toMatchObject({ result: 'applied', stage: 'phone_call', amountDueCents: 70_000, paused: false });
    expect(partial.nextAction?.step).toBe('written_reminder');

    // The plan goes on for the rest: the written reminder asks for 700 €.
    const writtenReminderDay = nextBusinessDay(addDays(dueDate, 8));
    await harness.advanceToParis(writtenReminderDay, 12);
    const written = harness.stepCalls(handle).find((s) => s.step === 'written_reminder');
    expect(written?.request).toMatchObject({ balanceCents: 70_000, invoiceTotalCents: 120_000 });
    expect(written?.date).toBe(writtenReminderDay);

    const full = await handle.executeUpdate(recordPaymentUpdate, {
      args: [payment({ reference: 'VIR-11', amountCents: 70_000, valueDate: writtenReminderDay })],
    });
    expect(full).toMatchObject({ result: 'applied', stage: 'paid', amountDueCents: 0, nextAction: null });
    const final = await harness.finish(handle);
    expect(final.payments.map((p) => [p.reference, p.amountCents])).toEqual([['VIR-10', 50_000], ['VIR-11', 70_000]]);
    expect(harness.stepCalls(handle).map((s) => s.step)).toEqual(['courtesy_reminder', 'first_reminder', 'phone_call', 'written_reminder']);
    expect(harness.recordedEvents(handle).filter((e) => e.kind === 'payment').map((e) => e.summary)).toEqual([
      `Payment VIR-10 of €500.00 received on ${addDays(firstReminderDay, 1)}; €700.00 still due`,
      `Payment VIR-11 of €700.00 received on ${writtenReminderDay}; the invoice is paid in full`,
    ]);
    await harness.recordHistory(handle, 'partial-then-full-payment');
  });

  it('reports the penalties accrued, from a partial payment on the rest, or why they cannot be computed', async () => {
    // An invoice imported long overdue, due 2026-01-15: 2026-H1 rates are known (ECB 2.15 % + 10).
    const handle = await harness.startDunning({ dueDate: '2026-01-15' });
    await handle.executeUpdate(recordPaymentUpdate, { args: [payment({ reference: 'VIR-20', amountCents: 60_000, valueDate: '2026-02-01' })] });
    const state = await handle.query(dunningStateQuery, { asOf: '2026-03-01' });
    // 120 000 × 12.15 % × 17/365 + 60 000 × 12.15 % × 28/365 = 679.07 + 559.23 = 1 238.30 cents.
    expect(state.penalties).toEqual({
      status: 'computed',
      asOf: '2026-03-01',
      rule: 'FR_B2B_ECB_PLUS_10',
      interestCents: 1238,
      indemnityCents: 4000,
      totalCents: 5238,
    });
    // Today the second half of 2026 is past the ECB decisions the product ships: reported, not thrown.
    const today = await harness.state(handle);
    expect(today.penalties).toMatchObject({ status: 'unavailable', code: 'RATE.MISSING', asOf: await harness.today() });
    expect(today.penalties.status === 'unavailable' && today.penalties.reason).toMatch(/No ECB_MRO rate for 2026-H2/);
    await handle.terminate('end of test');
  });

  it('counts the same payment reference once, however often it comes, and refuses a conflicting one', async () => {
    const dueDate = fridayAfter(await harness.today(), 10);
    const handle: DunningHandle = await harness.startDunning({ dueDate });
    const valueDate = await harness.today();
    const first = await handle.executeUpdate(recordPaymentUpdate, { args: [payment({ reference: 'VIR-30', amountCents: 20_000, valueDate })] });
    const again = await handle.executeUpdate(recordPaymentUpdate, { args: [payment({ reference: 'VIR-30', amountCents: 20_000, valueDate })] });
    expect(first).toMatchObject({ result: 'applied', amountDueCents: 100_000 });
    expect(again).toMatchObject({ result: 'duplicate', amountDueCents: 100_000 });

    // The same command delivered twice with the same update id is answered once by Temporal.
    const sameId = { args: [payment({ reference: 'VIR-31', amountCents: 10_000, valueDate })] as [PaymentReceived], updateId: 'bank-file-42/line-7' };
    expect(await handle.executeUpdate(recordPaymentUpdate, sameId)).toMatchObject({ result: 'applied', amountDueCents: 90_000 });
    expect(await handle.executeUpdate(recordPaymentUpdate, sameId)).toMatchObject({ result: 'applied', amountDueCents: 90_000 });

    // Two deliveries of one payment at the same moment (a webhook retried while the first is in flight).
    const racing = payment({ reference: 'VIR-33', amountCents: 5_000, valueDate });
    const raced = await Promise.all([0, 1].map(() => handle.executeUpdate(recordPaymentUpdate, { args: [racing] })));
    expect(raced.map((r) => r.result).sort()).toEqual(['applied', 'duplicate']);
    expect((await harness.state(handle)).amountDueCents).toBe(85_000);

    const conflict = await refusal(handle.executeUpdate(recordPaymentUpdate, { args: [payment({ reference: 'VIR-30', amountCents: 25_000, valueDate })] }));
    expect(conflict.type).toBe('PAYMENT.REFERENCE_CONFLICT');

    const rest = await handle.executeUpdate(recordPaymentUpdate, { args: [payment({ reference: 'VIR-32', amountCents: 85_000, valueDate })] });
    expect(rest).toMatchObject({ result: 'applied', stage: 'paid', amountDueCents: 0 });
    // A bank feed replaying the last line after the end is answered as a repeat, not refused.
    const late = await handle.executeUpdate(recordPaymentUpdate, { args: [payment({ reference: 'VIR-32', amountCents: 85_000, valueDate })] });
    expect(late).toMatchObject({ result: 'duplicate', stage: 'paid' });

    const final = await harness.finish(handle);
    expect(final.payments.map((p) => p.reference)).toEqual(['VIR-30', 'VIR-31', 'VIR-33', 'VIR-32']);
    expect(final.history.filter((h) => h.kind === 'payment')).toHaveLength(4);
    await harness.recordHistory(handle, 'duplicate-payment-events');
  });

  it('refuses invalid commands with a clear reason and leaves no trace of them', async () => {
    const dueDate = fridayAfter(await harness.today(), 10);
    const handle = await harness.startDunning({ dueDate });
    const today = await harness.today();
    const before = (await harness.state(handle)).history.length;

    const cases: [Promise<unknown>, string, RegExp][] = [
      [handle.executeUpdate(recordPaymentUpdate, { args: [payment({ amountCents: -500, valueDate: today })] }), 'PAYMENT.INVALID_AMOUNT', /positive whole number of cents, got -500/],
      [handle.executeUpdate(recordPaymentUpdate, { args: [payment({ amountCents: 12.5, valueDate: today })] }), 'PAYMENT.INVALID_AMOUNT', /got 12.5/],
      [handle.executeUpdate(recordPaymentUpdate, { args: [payment({ currency: 'USD', valueDate: today })] }), 'PAYMENT.CURRENCY_MISMATCH', /is in EUR, the payment in USD/],
      [handle.executeUpdate(recordPaymentUpdate, { args: [payment({ valueDate: addDays(today, 1) })] }), 'PAYMENT.INVALID_DATE', /not after today/],
      [handle.executeUpdate(recordPaymentUpdate, { args: [payment({ reference: ' ', valueDate: today })] }), 'REQUEST.INVALID', /reference is required/],
      [handle.executeUpdate(putOnHoldUpdate, { args: [{ by: 'marie', reason: '' }] }), 'REQUEST.INVALID', /reason is required/],
      [handle.executeUpdate(resolveDisputeUpdate, { args: [{ outcome: 'rejected', by: 'marie' }] }), 'DISPUTE.NOT_OPEN', /No dispute is open/],
    ];
    for (const [command, type, message] of cases) {
      const refused = await refusal(command);
      expect(refused.type).toBe(type);
      expect(refused.message).toMatch(message);
    }
    const after = await harness.state(handle);
    expect(after.history).toHaveLength(before);
    expect(after.amountDueCents).toBe(120_000);
    await handle.terminate('end of test');
  });

  it('refuses any event after the end, with the reason', async () => {
    const dueDate = fridayAfter(await harness.today(), 10);
    const handle = await harness.startDunning({ dueDate });
    await handle.executeUpdate(cancelDunningUpdate, { args: [{ by: 'paul@creditor.example', reason: 'invoice issued in error', creditNoteReference: 'AV-2026-007' }] });

    const today = await harness.today();
    const afterEnd = [
      handle.executeUpdate(recordPaymentUpdate, { args: [payment({ reference: 'VIR-40', valueDate: today })] }),
      handle.executeUpdate(openDisputeUpdate, { args: [{ reason: 'wrong goods', by: 'marie' }] }),
      handle.executeUpdate(cancelDunningUpdate, { args: [{ by: 'paul', reason: 'again' }] }),
    ];
    for (const command of afterEnd) {
      const refused = await refusal(command);
      expect(refused.type).toBe('DUNNING.FINISHED');
      expect(refused.message).toMatch(/is over \(cancelled since \d{4}-\d{2}-\d{2}\)/);
    }
    const final = await harness.finish(handle);
    expect(final.outcome).toMatchObject({ stage: 'cancelled', by: 'paul@creditor.example', reason: 'invoice issued in error', creditNoteReference: 'AV-2026-007' });
    expect(harness.stepCalls(handle)).toEqual([]);
    await harness.recordHistory(handle, 'event-after-the-end');
  });
});
