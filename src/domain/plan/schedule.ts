/**
 * When each step of a plan goes out. Dates are Europe/Paris calendar dates; instants are epoch
 * milliseconds (workflow time in the workflow, so every rule here is deterministic).
 */
import { addDays, CalendarDate, compareDates, daysBetween, isBusinessDay, nextBusinessDay, parisDateOf, parisInstant } from '../calendar';
import { InvalidArgumentError } from '../errors';

/** A period during which a dunning's clock stood still (dispute, promise, hold): from `from` to `to`, in days. */
export interface PausePeriod {
  from: CalendarDate;
  to: CalendarDate;
}

/**
 * Calendar days the clock stood still after `anchor`. A pause delays only what an anchor starts
 * after it: the part of a pause before a registered letter was posted does not push the formal notice.
 */
export function pausedDaysSince(anchor: CalendarDate, pauses: readonly PausePeriod[]): number {
  return pauses.reduce((days, pause) => {
    const from = compareDates(pause.from, anchor) >= 0 ? pause.from : anchor;
    return days + Math.max(0, daysBetween(from, pause.to));
  }, 0);
}

/**
 * The business day a step is dated: its anchor plus its offset plus the days the dunning was paused
 * since the anchor (delays are kept, not lost or compressed), moved off weekends and French holidays.
 */
export function stepDate(anchor: CalendarDate, offsetDays: number, pauses: readonly PausePeriod[] = []): CalendarDate {
  return nextBusinessDay(addDays(anchor, offsetDays + pausedDaysSince(anchor, pauses)));
}

/**
 * The days reminders may go out: business days (the default: never on a weekend or a French
 * holiday), or every day (development and benchmarks, where a step due now should go out now).
 */
export type SendDays = 'business_days' | 'every_day';

/** The instant a step dated `date` goes out: the configured hour, Europe/Paris. */
export function sendInstant(date: CalendarDate, sendHour: number): number {
  return parisInstant(date, sendHour).getTime();
}

/**
 * The first instant at or after `nowMs` when something may be sent: a business day, not before the
 * send hour. A step whose moment has passed (an invoice imported late, a letter confirmed late)
 * goes out then, never on a Sunday night.
 */
export function nextSendSlot(nowMs: number, sendHour: number, sendDays: SendDays = 'business_days'): number {
  if (!Number.isFinite(nowMs)) throw new InvalidArgumentError('instant', `${nowMs} is not a time`);
  const today = parisDateOf(nowMs);
  if (sendDays === 'every_day' || isBusinessDay(today)) {
    const todaysSlot = sendInstant(today, sendHour);
    return nowMs <= todaysSlot ? todaysSlot : nowMs;
  }
  return sendInstant(nextBusinessDay(today), sendHour);
}

/**
 * When a step planned for `momentMs` runs: at its moment; if that has passed, at the next send slot.
 * A passed moment is returned as it is when sending is allowed right now (the step is due): the
 * answer then does not move with the clock while the step runs.
 */
export function runInstant(momentMs: number, nowMs: number, sendHour: number, sendDays: SendDays = 'business_days'): number {
  if (momentMs >= nowMs) return momentMs;
  const slot = nextSendSlot(nowMs, sendHour, sendDays);
  return slot === nowMs ? momentMs : slot;
}
