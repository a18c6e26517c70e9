/**
 * The query and the commands of a dunning. Each command: the validator refuses what cannot be
 * applied (nothing is written to the history then); the handler applies it at once, before any
 * await, so two commands never interleave half-applied; then it records the new history lines
 * and answers with the state after it.
 */
import type { UpdateDefinition } from '@temporalio/common';
import { setHandler } from '@temporalio/workflow';
import { addDays, nextBusinessDay, parisDateOf } from '../domain/calendar';
import type { DunningCase } from './dunning-case';
import { createOperatorTask } from './dunning-activities';
import type { DunningRecords } from './dunning-records';
import {
  cancelDunningUpdate,
  confirmRegisteredLetterPostedUpdate,
  dunningStateQuery,
  openDisputeUpdate,
  putOnHoldUpdate,
  recordPaymentUpdate,
  recordPhoneCallOutcomeUpdate,
  recordPromiseToPayUpdate,
  releaseHoldUpdate,
  reportLetterReturnedUpdate,
  resolveDisputeUpdate,
  writeOffUpdate,
  type DunningReceipt,
} from './messages';
import type { OperatorView } from './operator-view';

type Result = DunningReceipt['result'];

export function registerMessageHandlers(dunning: DunningCase, view: OperatorView, history: DunningRecords): void {
  setHandler(dunningStateQuery, (request) => dunning.snapshot(Date.now(), request?.asOf));

  /** apply may return follow-up work (closing or opening an operator task) to do once the history is recorded. */
  function command<A>(
    definition: UpdateDefinition<DunningReceipt, [A]>,
    validate: (arg: A, nowMs: number) => unknown,
    apply: (arg: A, nowMs: number) => Result | { result: Result; afterwards: () => Promise<unknown> },
  ): void {
    setHandler(
      definition,
      async (arg: A) => {
        const now = Date.now();
        const applied = apply(arg, now);
        view.refresh(now);
        await history.flush(now);
        if (typeof applied === 'string') return dunning.receipt(applied, Date.now());
        if (applied.result === 'applied') await applied.afterwards();
        return dunning.receipt(applied.result, Date.now());
      },
      { validator: (arg: A) => void validate(arg, Date.now()) },
    );
  }

  const closeTask = (key: string, outcome: string, by: string) => history.closeTasks(key, outcome, by);

  command(recordPaymentUpdate, (p, now) => dunning.checkPayment(p, now), (p, now) => dunning.applyPayment(p, now));
  command(openDisputeUpdate, (d) => dunning.checkDisputeOpened(d), (d, now) => dunning.applyDisputeOpened(d, now));
  command(resolveDisputeUpdate, (r) => dunning.checkDisputeResolution(r), (r, now) => dunning.applyDisputeResolution(r, now));
  command(recordPromiseToPayUpdate, (p, now) => dunning.checkPromise(p, now), (p, now) => dunning.applyPromise(p, now));
  command(putOnHoldUpdate, (d) => dunning.checkDecision(d), (d, now) => dunning.applyHold(d, now));
  command(releaseHoldUpdate, (d) => dunning.checkDecision(d), (d, now) => dunning.applyRelease(d, now));
  command(cancelDunningUpdate, (c) => dunning.checkCancellation(c), (c, now) => dunning.applyCancellation(c, now));
  command(writeOffUpdate, (d) => dunning.checkDecision(d), (d, now) => dunning.applyWriteOff(d, now));

  command(
    confirmRegisteredLetterPostedUpdate,
    (p, now) => dunning.checkPosting(p, now),
    (p, now) => {
      const { result, step } = dunning.applyPosting(p, now);
      const afterwards = async () => {
        await closeTask(`${step}/post`, `posted on ${p.postedOn}, tracking number ${p.trackingNumber}`, p.by);
        await closeTask(`${step}/confirm-posting`, `posted on ${p.postedOn}`, p.by);
      };
      return { result, afterwards };
    },
  );

  command(
    recordPhoneCallOutcomeUpdate,
    (c, now) => dunning.checkPhoneCall(c, now),
    (c, now) => {
      const { result, step } = dunning.applyPhoneCall(c, now);
      return { result, afterwards: async () => step && closeTask(step, c.outcome, c.by) };
    },
  );

  command(
    reportLetterReturnedUpdate,
    (r, now) => dunning.checkLetterReturned(r, now),
    (r, now) => {
      const { result, step } = dunning.applyLetterReturned(r, now);
      const afterwards = () =>
        createOperatorTask({
          dunningId: dunning.dunningId,
          invoiceId: dunning.input.invoiceId,
          key: `${dunning.dunningId}/${step}/returned`,
          kind: 'letter_returned',
          title: `Registered letter returned undelivered: invoice ${dunning.input.invoiceNumber}`,
          instructions: `La Poste returned letter ${r.trackingNumber} on ${r.returnedOn} (${r.reason.trim()}). Check the debtor's registered address (Kbis, INSEE), correct it, then send the letter again or decide on the next step.`,
          dueOn: nextBusinessDay(addDays(parisDateOf(now), 2)),
        });
      return { result, afterwards };
    },
  );
}
