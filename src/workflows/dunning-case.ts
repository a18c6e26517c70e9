/**
 * The case file of one invoice's dunning: balance, payments, pauses, letters, history, and where the
 * plan stands. Deterministic and free of Temporal calls except the refusals it throws, so the
 * workflow, its validators and its query all read the same rules. Instants are epoch milliseconds
 * of workflow time; dates are Europe/Paris calendar dates.
 */
import { ApplicationFailure } from '@temporalio/workflow';
import type { DunningStepRequest, StepOutcome } from '../activities/dunning-activity-types';
import { addDays, CalendarDate, compareDates, daysBetween, isValidCalendarDate, parisDateOf, parisInstant } from '../domain/calendar';
import { formatMoney, isCents } from '../domain/money';
import {
  DunningPlan,
  DunningPlanStep,
  PausePeriod,
  penaltiesToday,
  PenaltiesToday,
  runInstant,
  sendInstant,
  StartingPoint,
  stepDate,
  StepTemplate,
} from '../domain/plan';
import type {
  ActivePause,
  DunningInput,
  DunningOutcome,
  DunningStage,
  DunningState,
  HistoryEntry,
  HistoryKind,
  PauseReason,
  PaymentRecord,
  RegisteredLetterState,
} from './dunning-input';
import {
  PHONE_CALL_OUTCOMES,
  type Cancellation,
  type DisputeOpened,
  type DisputeResolution,
  type DunningReceipt,
  type LetterReturned,
  type OperatorDecision,
  type PaymentReceived,
  type PhoneCallOutcome,
  type PromiseToPay,
  type RefusalCode,
  type RegisteredLetterPosted,
} from './messages';

/** What the dunning does next, as the workflow's loop sees it. */
export type Schedule =
  | { kind: 'finished' }
  | { kind: 'paused'; reason: PauseReason; until: number | null }
  | { kind: 'step'; index: number; at: number }
  | { kind: 'awaiting_posting'; index: number; remindAt: number | null }
  | { kind: 'plan_complete' };

const STAGE_AFTER_STEP: Record<StepTemplate, DunningStage | null> = {
  courtesy_reminder: 'courtesy_reminder_sent',
  first_reminder: 'first_reminder_sent',
  second_reminder: 'second_reminder_sent',
  phone_call: 'phone_call',
  written_reminder: 'written_reminder_sent',
  // A registered letter counts as sent once the post has it; until then the dunning waits for that.
  registered_warning: 'awaiting_registered_letter_posting',
  formal_notice: 'formal_notice_sent',
  penalty_invoice: null,
  collection_handover: 'escalated',
};

export const STEP_TITLES: Record<StepTemplate, string> = {
  courtesy_reminder: 'Courtesy reminder',
  first_reminder: 'First reminder',
  second_reminder: 'Second reminder',
  phone_call: 'Phone call',
  written_reminder: 'Written reminder',
  registered_warning: 'Registered warning',
  formal_notice: 'Formal notice',
  penalty_invoice: 'Penalty invoice',
  collection_handover: 'Escalation hand-over',
};

/** Which pause shows as the stage when several hold at once. */
const PAUSE_PRIORITY: readonly PauseReason[] = ['dispute', 'hold', 'promise'];
const PAUSE_STAGE: Record<PauseReason, DunningStage> = { dispute: 'disputed', hold: 'on_hold', promise: 'promised' };

export function refuse(code: RefusalCode, message: string): never {
  throw ApplicationFailure.create({ type: code, message, nonRetryable: true });
}

export class DunningCase {
  readonly plan: DunningPlan;
  /** Bumped by whatever moves the schedule (pauses, anchors, the end): the loop waits on it. */
  revision = 0;
  private progressStage: DunningStage;
  private nextStepIndex = 0;
  private balanceCents: number;
  private readonly payments: PaymentRecord[] = [];
  private readonly pauses = new Map<PauseReason, ActivePause>();
  private pauseStartedOn: CalendarDate | null = null;
  private readonly closedPauses: PausePeriod[] = [];
  private readonly letters: (RegisteredLetterState & { warning: boolean })[] = [];
  private formalNotice: { sentOn: CalendarDate; deadline: CalendarDate } | null = null;
  private postingReminderRaised = false;
  private readonly stepsDone: { step: DunningPlanStep; on: CalendarDate }[] = [];
  private outcome: DunningState['outcome'] = null;
  private readonly history: HistoryEntry[] = [];
  private recordedUpTo = 0;

  constructor(
    readonly input: DunningInput,
    readonly dunningId: string,
    nowMs: number,
  ) {
    this.plan = input.plan;
    this.balanceCents = input.amountDueCents;
    this.progressStage = compareDates(parisDateOf(nowMs), input.dueDate) <= 0 ? 'awaiting_due_date' : 'overdue';
  }

  get finished(): boolean {
    return this.outcome !== null;
  }

  get paused(): boolean {
    return this.pauses.size > 0;
  }

  get stage(): DunningStage {
    if (this.outcome) return this.outcome.stage;
    const pause = this.mainPause();
    return pause ? PAUSE_STAGE[pause] : this.progressStage;
  }

  get amountDueCents(): number {
    return this.balanceCents;
  }

  /** Records where the plan starts; steps an invoice imported late is already past are skipped, and said so. */
  begin(start: StartingPoint, nowMs: number): void {
    const { plan, input } = this;
    const amount = this.money(input.amountDueCents);
    this.addEntry(nowMs, 'started', `Dunning started with plan ${plan.name} v${plan.version}: invoice ${input.invoiceNumber}, ${amount} due on ${input.dueDate}`);
    const late = daysBetween(input.dueDate, parisDateOf(nowMs));
    for (const key of start.skipped) {
      this.addEntry(nowMs, 'step_skipped', `Skipped: the invoice was already ${late} days overdue when its dunning started`, { step: key });
    }
    this.nextStepIndex = start.index;
  }

  // ---- the plan's clock -------------------------------------------------------------------

  schedule(nowMs: number): Schedule {
    if (this.outcome) return { kind: 'finished' };
    const pause = this.mainPause();
    if (pause) return { kind: 'paused', reason: pause, until: this.promiseDeadline() };
    const index = this.nextStepIndex;
    const step = this.plan.steps[index];
    if (!step) return { kind: 'plan_complete' };
    const anchor = this.anchorDate(step);
    if (anchor === null) return { kind: 'awaiting_posting', index, remindAt: this.postingReminderAt() };
    const moment = sendInstant(stepDate(anchor, step.offsetDays, this.closedPauses), this.input.sendHour);
    return { kind: 'step', index, at: runInstant(moment, nowMs, this.input.sendHour, this.input.sendDays) };
  }

  /** When the dunning next acts by itself (a step, a promise falling due, a reminder to an operator). */
  nextActionAt(nowMs: number): number | null {
    const next = this.schedule(nowMs);
    if (next.kind === 'step') return next.at;
    if (next.kind === 'paused') return next.until;
    if (next.kind === 'awaiting_posting') return next.remindAt;
    return null;
  }

  nextAction(nowMs: number): DunningState['nextAction'] {
    const next = this.schedule(nowMs);
    return next.kind === 'step' ? { step: this.plan.steps[next.index].key, at: new Date(next.at).toISOString() } : null;
  }

  waitingFor(nowMs: number): DunningState['waitingFor'] {
    const next = this.schedule(nowMs);
    const nextStep = this.plan.steps[this.nextStepIndex]?.key ?? null;
    if (next.kind === 'paused') return { reason: next.reason, nextStep };
    if (next.kind === 'awaiting_posting') return { reason: 'registered_letter_posting', nextStep };
    return null;
  }

  stepRequest(index: number, nowMs: number): DunningStepRequest {
    const step = this.plan.steps[index];
    const today = parisDateOf(nowMs);
    const payBy =
      step.channel === 'formal_notice'
        ? addDays(today, this.plan.formalNoticeDeadlineDays)
        : step.payWithinDays !== undefined
          ? addDays(today, step.payWithinDays)
          : null;
    const warning = this.latestWarning();
    return {
      dunningId: this.dunningId,
      invoiceId: this.input.invoiceId,
      invoiceNumber: this.input.invoiceNumber,
      plan: { name: this.plan.name, version: this.plan.version },
      step: step.key,
      channel: step.channel,
      template: step.template,
      tone: step.tone,
      stepDate: today,
      invoiceTotalCents: this.input.amountDueCents,
      balanceCents: this.balanceCents,
      currency: this.input.currency,
      dueDate: this.input.dueDate,
      payBy,
      completeBy: step.completeWithinDays !== undefined ? stepDate(today, step.completeWithinDays) : null,
      penalties: this.penaltiesAsOf(today),
      // Letters compute their penalties from these with the rates in force when they are produced.
      penaltyTerms: { jurisdiction: this.input.penaltyTerms.jurisdiction, debtorType: this.input.penaltyTerms.debtorType, contractualRatePercent: this.input.penaltyTerms.contractualRatePercent },
      payments: this.payments.map((p) => ({ amountCents: p.amountCents, date: p.valueDate })),
      previousReminderDates: this.stepsDone
        .filter(({ step: done }) => ['email', 'letter', 'registered_letter'].includes(done.channel))
        .map(({ on }) => on),
      registeredLetter: warning
        ? { step: warning.step, producedOn: warning.producedOn, postedOn: warning.postedOn, trackingNumber: warning.trackingNumber }
        : null,
    };
  }

  stepDone(index: number, nowMs: number, outcome: StepOutcome): void {
    const step = this.plan.steps[index];
    const today = parisDateOf(nowMs);
    const title = STEP_TITLES[step.template];
    const again = outcome.alreadyDone ? ' (already done by an earlier attempt, not repeated)' : '';
    const summaries: Record<DunningPlanStep['channel'], string> = {
      email: `${title} e-mailed to the debtor`,
      letter: `${title} letter produced and e-mailed to the debtor`,
      registered_letter: `${title} produced; waiting for it to be posted by registered letter`,
      formal_notice: `${title} produced; payment deadline ${addDays(today, this.plan.formalNoticeDeadlineDays)}`,
      penalty_invoice: `${title} produced (${this.penaltiesSummary(today)})`,
      phone_task: `Phone-call task created for the credit team`,
      escalation: `Handed over for escalation (collection agency or injonction de payer); the invoice stays open to payments`,
    };
    this.addEntry(nowMs, 'step_done', `${summaries[step.channel]}${again}`, { step: step.key });
    this.afterStep(step, today);
  }

  /** A step that retrying cannot fix: an operator does it by hand; the plan goes on. */
  stepFailed(index: number, nowMs: number, reason: string): void {
    const step = this.plan.steps[index];
    this.addEntry(nowMs, 'step_failed', `${STEP_TITLES[step.template]} could not be done: ${reason}; an operator task was created`, { step: step.key });
    this.afterStep(step, parisDateOf(nowMs));
  }

  private afterStep(step: DunningPlanStep, today: CalendarDate): void {
    this.stepsDone.push({ step, on: today });
    const stage = STAGE_AFTER_STEP[step.template];
    if (stage) this.progressStage = stage;
    if (step.channel === 'registered_letter' || step.channel === 'formal_notice') {
      this.letters.push({ step: step.key, producedOn: today, postedOn: null, trackingNumber: null, returnedOn: null, warning: step.channel === 'registered_letter' });
      if (step.channel === 'registered_letter') this.postingReminderRaised = false;
    }
    if (step.channel === 'formal_notice') {
      this.formalNotice = { sentOn: today, deadline: addDays(today, this.plan.formalNoticeDeadlineDays) };
    }
    this.nextStepIndex++;
    this.revision++;
  }

  /** No posting confirmation came in time: an operator is asked for it, once. Returns the letter concerned. */
  raisePostingReminder(nowMs: number): RegisteredLetterState {
    const letter = this.latestWarning() as RegisteredLetterState;
    this.postingReminderRaised = true;
    this.revision++;
    this.addEntry(nowMs, 'posting_unconfirmed', `No posting confirmation ${this.plan.postingConfirmationDays} days after the registered letter was produced; an operator was asked for it`, { step: letter.step });
    return letter;
  }

  // ---- payments ---------------------------------------------------------------------------

  checkPayment(payment: PaymentReceived, nowMs: number): 'new' | 'duplicate' {
    const reference = requireText(payment?.reference, 'reference', 140);
    const known = this.payments.find((p) => p.reference === reference);
    if (known) {
      if (known.amountCents === payment.amountCents && known.valueDate === payment.valueDate) return 'duplicate';
      refuse('PAYMENT.REFERENCE_CONFLICT', `Payment ${reference} was already recorded with ${this.money(known.amountCents)} on ${known.valueDate}`);
    }
    this.refuseIfFinished();
    if (!isCents(payment.amountCents) || payment.amountCents === 0) {
      refuse('PAYMENT.INVALID_AMOUNT', `The amount must be a positive whole number of cents, got ${String(payment.amountCents)}`);
    }
    if (payment.currency !== this.input.currency) {
      refuse('PAYMENT.CURRENCY_MISMATCH', `Invoice ${this.input.invoiceNumber} is in ${this.input.currency}, the payment in ${String(payment.currency)}`);
    }
    if (!isValidCalendarDate(payment.valueDate) || compareDates(payment.valueDate, parisDateOf(nowMs)) > 0) {
      refuse('PAYMENT.INVALID_DATE', `The value date must be a YYYY-MM-DD date not after today, got ${String(payment.valueDate)}`);
    }
    optionalText(payment.by, 'by');
    return 'new';
  }

  applyPayment(payment: PaymentReceived, nowMs: number): DunningReceipt['result'] {
    if (this.checkPayment(payment, nowMs) === 'duplicate') return 'duplicate';
    const reference = payment.reference.trim();
    this.payments.push({ reference, amountCents: payment.amountCents, valueDate: payment.valueDate, recordedAt: iso(nowMs) });
    const overpaid = Math.max(0, payment.amountCents - this.balanceCents);
    this.balanceCents = Math.max(0, this.balanceCents - payment.amountCents);
    const what = `Payment ${reference} of ${this.money(payment.amountCents)} received on ${payment.valueDate}`;
    if (this.balanceCents > 0) {
      this.addEntry(nowMs, 'payment', `${what}; ${this.money(this.balanceCents)} still due`, { by: payment.by });
      return 'applied';
    }
    const extra = overpaid > 0 ? `; overpaid by ${this.money(overpaid)}` : '';
    this.addEntry(nowMs, 'payment', `${what}; the invoice is paid in full${extra}`, { by: payment.by });
    if (this.pauses.has('promise')) this.addEntry(nowMs, 'promise_kept', 'Promise to pay kept');
    this.finish('paid', nowMs, {});
    return 'applied';
  }

  // ---- disputes ---------------------------------------------------------------------------

  checkDisputeOpened(dispute: DisputeOpened): 'new' | 'unchanged' {
    this.refuseIfFinished();
    requireText(dispute?.reason, 'reason');
    requireText(dispute.by, 'by');
    return this.pauses.has('dispute') ? 'unchanged' : 'new';
  }

  applyDisputeOpened(dispute: DisputeOpened, nowMs: number): DunningReceipt['result'] {
    if (this.checkDisputeOpened(dispute) === 'unchanged') return 'unchanged';
    const reason = dispute.reason.trim();
    if (this.pauses.has('promise')) {
      this.addEntry(nowMs, 'promise_withdrawn', 'Promise to pay withdrawn: a dispute was opened', { by: dispute.by });
      this.endPause('promise', nowMs);
    }
    this.startPause({ reason: 'dispute', since: iso(nowMs), detail: reason, by: dispute.by }, nowMs);
    this.addEntry(nowMs, 'dispute_opened', `Dispute opened: ${reason}. Nothing is sent until it is resolved`, { by: dispute.by });
    return 'applied';
  }

  checkDisputeResolution(resolution: DisputeResolution): void {
    this.refuseIfFinished();
    if (resolution?.outcome !== 'upheld' && resolution?.outcome !== 'rejected') {
      refuse('REQUEST.INVALID', `outcome must be upheld or rejected, got ${String(resolution?.outcome)}`);
    }
    requireText(resolution.by, 'by');
    optionalText(resolution.note, 'note');
    if (!this.pauses.has('dispute')) refuse('DISPUTE.NOT_OPEN', `No dispute is open on invoice ${this.input.invoiceNumber}`);
    if (resolution.outcome === 'upheld' && !optionalText(resolution.creditNoteReference, 'creditNoteReference')) {
      refuse('DISPUTE.CREDIT_NOTE_REQUIRED', 'An upheld dispute cancels the invoice: give the reference of the credit note');
    }
  }

  applyDisputeResolution(resolution: DisputeResolution, nowMs: number): DunningReceipt['result'] {
    this.checkDisputeResolution(resolution);
    const note = resolution.note?.trim() ? `: ${resolution.note.trim()}` : '';
    if (resolution.outcome === 'rejected') {
      this.addEntry(nowMs, 'dispute_rejected', `Dispute rejected${note}`, { by: resolution.by });
      this.endPause('dispute', nowMs);
      return 'applied';
    }
    const creditNoteReference = (resolution.creditNoteReference as string).trim();
    this.addEntry(nowMs, 'dispute_upheld', `Dispute upheld; credit note ${creditNoteReference}${note}`, { by: resolution.by });
    this.finish('cancelled', nowMs, { by: resolution.by, reason: `dispute upheld${note}`, creditNoteReference });
    return 'applied';
  }

  // ---- promises to pay --------------------------------------------------------------------

  checkPromise(promise: PromiseToPay, nowMs: number): void {
    this.refuseIfFinished();
    requireText(promise?.by, 'by');
    optionalText(promise.note, 'note');
    if (!isValidCalendarDate(promise.promisedDate) || compareDates(promise.promisedDate, parisDateOf(nowMs)) < 0) {
      refuse('PROMISE.INVALID_DATE', `The promised date must be a YYYY-MM-DD date, today or later, got ${String(promise.promisedDate)}`);
    }
    if (this.pauses.has('dispute')) refuse('PROMISE.DURING_DISPUTE', 'A dispute is open: resolve it before recording a promise to pay');
  }

  applyPromise(promise: PromiseToPay, nowMs: number): DunningReceipt['result'] {
    this.checkPromise(promise, nowMs);
    const lastDay = addDays(promise.promisedDate, this.plan.promiseGraceDays);
    // Broken once the last day of grace is over, Paris time.
    const until = parisInstant(addDays(lastDay, 1), 0).getTime();
    const previous = this.pauses.get('promise');
    const note = promise.note?.trim() ? ` (${promise.note.trim()})` : '';
    const pause: ActivePause = { reason: 'promise', since: previous?.since ?? iso(nowMs), until: iso(until), detail: `payment promised for ${promise.promisedDate}${note}`, by: promise.by };
    if (previous) {
      this.pauses.set('promise', pause);
      this.revision++;
    } else this.startPause(pause, nowMs);
    const verb = previous ? 'Promise to pay moved to' : 'Promise to pay on';
    this.addEntry(nowMs, 'promise_made', `${verb} ${promise.promisedDate}${note}; the dunning waits until ${lastDay} (grace ${this.plan.promiseGraceDays} days)`, { by: promise.by });
    return 'applied';
  }

  /** The promise's grace is over and the invoice is not paid: the dunning resumes. */
  breakPromise(nowMs: number): void {
    const promise = this.pauses.get('promise');
    if (!promise) return;
    this.addEntry(nowMs, 'promise_broken', `Promise to pay broken (${promise.detail}); ${this.money(this.balanceCents)} still due`);
    this.endPause('promise', nowMs);
  }

  private promiseDeadline(): number | null {
    const promise = this.pauses.get('promise');
    return promise?.until ? Date.parse(promise.until) : null;
  }

  // ---- registered letters -----------------------------------------------------------------

  checkPosting(posting: RegisteredLetterPosted, nowMs: number): 'new' | 'unchanged' {
    this.refuseIfFinished();
    const tracking = requireText(posting?.trackingNumber, 'trackingNumber', 64);
    requireText(posting.by, 'by');
    const letter = this.letterFor(posting.step);
    if (!letter) {
      const which = posting.step ? `for step ${posting.step}` : 'yet';
      refuse('REGISTERED_LETTER.NOT_PRODUCED', `No registered letter has been produced ${which} on invoice ${this.input.invoiceNumber}`);
    }
    if (letter.postedOn) {
      if (letter.trackingNumber === tracking && letter.postedOn === posting.postedOn) return 'unchanged';
      refuse('REGISTERED_LETTER.ALREADY_POSTED', `The ${letter.step} letter was already confirmed posted on ${letter.postedOn} (${letter.trackingNumber})`);
    }
    const today = parisDateOf(nowMs);
    if (!isValidCalendarDate(posting.postedOn) || compareDates(posting.postedOn, letter.producedOn) < 0 || compareDates(posting.postedOn, today) > 0) {
      refuse('REGISTERED_LETTER.INVALID_DATE', `The posting date must be between ${letter.producedOn} (the letter's date) and today, got ${String(posting.postedOn)}`);
    }
    return 'new';
  }

  applyPosting(posting: RegisteredLetterPosted, nowMs: number): { result: DunningReceipt['result']; step: string } {
    const letter = this.letterFor(posting.step) as RegisteredLetterState & { warning: boolean };
    if (this.checkPosting(posting, nowMs) === 'unchanged') return { result: 'unchanged', step: letter.step };
    letter.postedOn = posting.postedOn;
    letter.trackingNumber = posting.trackingNumber.trim();
    if (letter.warning && this.progressStage === 'awaiting_registered_letter_posting') this.progressStage = 'registered_warning_sent';
    this.revision++;
    this.addEntry(nowMs, 'registered_letter_posted', `Registered letter posted on ${letter.postedOn}, tracking number ${letter.trackingNumber}`, { step: letter.step, by: posting.by });
    return { result: 'applied', step: letter.step };
  }

  checkLetterReturned(returned: LetterReturned, nowMs: number): 'new' | 'unchanged' {
    this.refuseIfFinished();
    const tracking = requireText(returned?.trackingNumber, 'trackingNumber', 64);
    requireText(returned.reason, 'reason');
    requireText(returned.by, 'by');
    const letter = this.letters.find((l) => l.trackingNumber === tracking);
    if (!letter) refuse('LETTER.UNKNOWN_TRACKING_NUMBER', `No letter of invoice ${this.input.invoiceNumber} was posted with tracking number ${tracking}`);
    if (!isValidCalendarDate(returned.returnedOn) || compareDates(returned.returnedOn, parisDateOf(nowMs)) > 0) {
      refuse('REQUEST.INVALID', `returnedOn must be a YYYY-MM-DD date not after today, got ${String(returned.returnedOn)}`);
    }
    return letter.returnedOn ? 'unchanged' : 'new';
  }

  applyLetterReturned(returned: LetterReturned, nowMs: number): { result: DunningReceipt['result']; step: string } {
    const letter = this.letters.find((l) => l.trackingNumber === returned.trackingNumber.trim()) as RegisteredLetterState;
    if (this.checkLetterReturned(returned, nowMs) === 'unchanged') return { result: 'unchanged', step: letter.step };
    letter.returnedOn = returned.returnedOn;
    this.addEntry(nowMs, 'letter_returned', `Letter ${letter.trackingNumber} returned undelivered on ${returned.returnedOn}: ${returned.reason.trim()}; an operator task was created`, { step: letter.step, by: returned.by });
    return { result: 'applied', step: letter.step };
  }

  // ---- phone calls ------------------------------------------------------------------------

  checkPhoneCall(call: PhoneCallOutcome, nowMs: number): void {
    this.refuseIfFinished();
    if (!PHONE_CALL_OUTCOMES.includes(call?.outcome)) {
      refuse('REQUEST.INVALID', `outcome must be one of ${PHONE_CALL_OUTCOMES.join(', ')}, got ${String(call?.outcome)}`);
    }
    requireText(call.by, 'by');
    optionalText(call.note, 'note');
    if (call.outcome === 'promise_to_pay') this.checkPromise({ promisedDate: call.promisedDate as string, by: call.by }, nowMs);
    if (call.outcome === 'dispute') this.checkDisputeOpened({ reason: call.disputeReason as string, by: call.by });
  }

  /** Records the call; a promise or a dispute obtained on the phone takes effect too. Returns the phone step answered. */
  applyPhoneCall(call: PhoneCallOutcome, nowMs: number): { result: DunningReceipt['result']; step: string | null } {
    this.checkPhoneCall(call, nowMs);
    const phoneStep = [...this.stepsDone].reverse().find(({ step }) => step.channel === 'phone_task')?.step.key ?? null;
    const note = call.note?.trim() ? `: ${call.note.trim()}` : '';
    this.addEntry(nowMs, 'phone_call_outcome', `Phone call: ${call.outcome.replace(/_/g, ' ')}${note}`, { step: phoneStep ?? undefined, by: call.by });
    if (call.outcome === 'promise_to_pay') this.applyPromise({ promisedDate: call.promisedDate as string, by: call.by, note: call.note }, nowMs);
    if (call.outcome === 'dispute') this.applyDisputeOpened({ reason: call.disputeReason as string, by: call.by }, nowMs);
    return { result: 'applied', step: phoneStep };
  }

  // ---- operator decisions -----------------------------------------------------------------

  checkDecision(decision: OperatorDecision): void {
    this.refuseIfFinished();
    requireText(decision?.by, 'by');
    requireText(decision.reason, 'reason');
  }

  applyHold(decision: OperatorDecision, nowMs: number): DunningReceipt['result'] {
    this.checkDecision(decision);
    if (this.pauses.has('hold')) return 'unchanged';
    const reason = decision.reason.trim();
    this.startPause({ reason: 'hold', since: iso(nowMs), detail: reason, by: decision.by }, nowMs);
    this.addEntry(nowMs, 'put_on_hold', `Put on hold: ${reason}`, { by: decision.by });
    return 'applied';
  }

  applyRelease(decision: OperatorDecision, nowMs: number): DunningReceipt['result'] {
    this.checkDecision(decision);
    if (!this.pauses.has('hold')) return 'unchanged';
    this.addEntry(nowMs, 'hold_released', `Hold released: ${decision.reason.trim()}`, { by: decision.by });
    this.endPause('hold', nowMs);
    return 'applied';
  }

  checkCancellation(cancellation: Cancellation): void {
    this.checkDecision(cancellation);
    optionalText(cancellation.creditNoteReference, 'creditNoteReference');
  }

  applyCancellation(cancellation: Cancellation, nowMs: number): DunningReceipt['result'] {
    this.checkCancellation(cancellation);
    const reason = cancellation.reason.trim();
    const creditNoteReference = cancellation.creditNoteReference?.trim() || undefined;
    const creditNote = creditNoteReference ? `; credit note ${creditNoteReference}` : '';
    this.addEntry(nowMs, 'cancelled', `Dunning cancelled: ${reason}${creditNote}`, { by: cancellation.by });
    this.finish('cancelled', nowMs, { by: cancellation.by, reason, creditNoteReference });
    return 'applied';
  }

  applyWriteOff(decision: OperatorDecision, nowMs: number): DunningReceipt['result'] {
    this.checkDecision(decision);
    const reason = decision.reason.trim();
    this.addEntry(nowMs, 'written_off', `Written off (${this.money(this.balanceCents)}): ${reason}`, { by: decision.by });
    this.finish('written_off', nowMs, { by: decision.by, reason });
    return 'applied';
  }

  // ---- what the outside sees --------------------------------------------------------------

  snapshot(nowMs: number, asOf?: CalendarDate): DunningState {
    if (asOf !== undefined && !isValidCalendarDate(asOf)) throw new TypeError(`asOf must be a YYYY-MM-DD date, got ${String(asOf)}`);
    return {
      stage: this.stage,
      plan: { name: this.plan.name, version: this.plan.version },
      invoiceNumber: this.input.invoiceNumber,
      invoiceTotalCents: this.input.amountDueCents,
      amountDueCents: this.balanceCents,
      currency: this.input.currency,
      dueDate: this.input.dueDate,
      payments: this.payments.map((p) => ({ ...p })),
      penalties: this.penaltiesAsOf(asOf ?? parisDateOf(nowMs)),
      nextAction: this.nextAction(nowMs),
      waitingFor: this.waitingFor(nowMs),
      paused: this.paused,
      pauses: [...this.pauses.values()].map((p) => ({ ...p })),
      registeredLetters: this.letters.map(({ warning: _warning, ...letter }) => ({ ...letter })),
      formalNotice: this.formalNotice ? { ...this.formalNotice } : null,
      outcome: this.outcome ? { ...this.outcome } : null,
      history: this.history.map((entry) => ({ ...entry })),
    };
  }

  receipt(result: DunningReceipt['result'], nowMs: number): DunningReceipt {
    return { result, stage: this.stage, amountDueCents: this.balanceCents, paused: this.paused, nextAction: this.nextAction(nowMs) };
  }

  /** History entries not yet written to the read model, with their sequence numbers (1-based). */
  takeUnrecorded(): { seq: number; entry: HistoryEntry }[] {
    const fresh = this.history.slice(this.recordedUpTo).map((entry, i) => ({ seq: this.recordedUpTo + i + 1, entry }));
    this.recordedUpTo = this.history.length;
    return fresh;
  }

  lastEntry(): HistoryEntry | undefined {
    return this.history[this.history.length - 1];
  }

  mainPause(): PauseReason | undefined {
    return PAUSE_PRIORITY.find((reason) => this.pauses.has(reason));
  }

  activePause(reason: PauseReason): ActivePause | undefined {
    return this.pauses.get(reason);
  }

  latestWarning(): RegisteredLetterState | undefined {
    return this.letterFor(undefined);
  }

  penaltiesAsOf(asOf: CalendarDate): PenaltiesToday {
    return penaltiesToday({
      terms: this.input.penaltyTerms,
      amountCents: this.input.amountDueCents,
      currency: this.input.currency,
      dueDate: this.input.dueDate,
      payments: this.payments.map((p) => ({ amountCents: p.amountCents, date: p.valueDate })),
      asOf,
    });
  }

  money(cents: number): string {
    try {
      return formatMoney(cents, this.input.currency, 'en');
    } catch {
      return `${cents} ${this.input.currency} cents`; // a currency formatMoney does not know must not break the dunning
    }
  }

  // ---- internals --------------------------------------------------------------------------

  private anchorDate(step: DunningPlanStep): CalendarDate | null {
    switch (step.anchor) {
      case 'due_date':
        return this.input.dueDate;
      case 'registered_letter_posted':
        return this.latestWarning()?.postedOn ?? null;
      case 'formal_notice_deadline':
        return this.formalNotice?.deadline ?? null;
    }
  }

  private postingReminderAt(): number | null {
    const letter = this.latestWarning();
    if (!letter || letter.postedOn || this.postingReminderRaised) return null;
    const day = stepDate(letter.producedOn, this.plan.postingConfirmationDays, this.closedPauses);
    return sendInstant(day, this.input.sendHour);
  }

  /** The letter a posting confirmation is about: the one named, else the latest registered warning. */
  private letterFor(step: string | undefined): (RegisteredLetterState & { warning: boolean }) | undefined {
    const latestFirst = [...this.letters].reverse();
    return step === undefined ? latestFirst.find((letter) => letter.warning) : latestFirst.find((letter) => letter.step === step);
  }

  private startPause(pause: ActivePause, nowMs: number): void {
    if (this.pauses.size === 0) this.pauseStartedOn = parisDateOf(nowMs);
    this.pauses.set(pause.reason, pause);
    this.revision++;
  }

  /** Ends one pause; when none is left, the clock runs again and the steps to come move by the days it stood still. */
  private endPause(reason: PauseReason, nowMs: number): void {
    this.pauses.delete(reason);
    this.revision++;
    if (this.pauses.size > 0 || this.pauseStartedOn === null) return;
    const today = parisDateOf(nowMs);
    const days = daysBetween(this.pauseStartedOn, today);
    this.closedPauses.push({ from: this.pauseStartedOn, to: today });
    this.pauseStartedOn = null;
    const moved = days > 0 ? `; the steps still to come move by ${days} days` : '';
    this.addEntry(nowMs, 'resumed', `Dunning resumed after ${days} days paused${moved}`);
  }

  private finish(stage: DunningOutcome, nowMs: number, details: { by?: string; reason?: string; creditNoteReference?: string }): void {
    this.pauses.clear();
    this.pauseStartedOn = null;
    this.outcome = { stage, at: iso(nowMs), ...details };
    this.revision++;
  }

  private refuseIfFinished(): void {
    if (!this.outcome) return;
    refuse('DUNNING.FINISHED', `The dunning of invoice ${this.input.invoiceNumber} is over (${this.outcome.stage} since ${this.outcome.at.slice(0, 10)}): nothing more can be recorded on it`);
  }

  private penaltiesSummary(asOf: CalendarDate): string {
    const penalties = this.penaltiesAsOf(asOf);
    if (penalties.status === 'unavailable') return `amounts to be completed: ${penalties.reason}`;
    return `interest ${this.money(penalties.interestCents)} + indemnity ${this.money(penalties.indemnityCents)}`;
  }

  private addEntry(nowMs: number, kind: HistoryKind, summary: string, extra: { step?: string; by?: string } = {}): void {
    const entry: HistoryEntry = { at: iso(nowMs), kind, summary };
    if (extra.step !== undefined) entry.step = extra.step;
    if (extra.by !== undefined) entry.by = extra.by;
    this.history.push(entry);
  }
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** A non-empty string of at most `max` characters, trimmed; anything else is refused naming the field. */
function requireText(value: unknown, field: string, max = 1000): string {
  if (typeof value !== 'string' || value.trim() === '' || value.length > max) {
    refuse('REQUEST.INVALID', `${field} is required: a text of 1 to ${max} characters`);
  }
  return value.trim();
}

function optionalText(value: unknown, field: string, max = 1000): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || value.length > max) refuse('REQUEST.INVALID', `${field} must be a text of at most ${max} characters`);
  return value.trim() || undefined;
}
