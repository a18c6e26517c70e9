/**
 * Belgian consumer debts (Code de droit économique, Book XIX, law of 4 May 2023).
 */
import { addDays, CalendarDate } from '../calendar';
import { isBelgianWorkingDay } from '../calendar/business-days';
import { Cents } from '../money';
import { BelgianConsumerReminder } from './penalty-types';

/** The consumer has at least 14 calendar days after the first reminder. */
const GRACE_DAYS = 14;

/**
 * The last day of the grace period after the first reminder; penalties run from the day after.
 * The period starts on the day after an e-mail, or on the 3rd working day after a letter is posted
 * (working days: Monday-Friday except Belgian public holidays — see isBelgianWorkingDay).
 */
export function belgianConsumerGraceEnd(reminder: BelgianConsumerReminder): CalendarDate {
  let firstDay = addDays(reminder.date, 1);
  if (reminder.channel === 'post') {
    let workingDays = 0;
    for (let day = reminder.date; workingDays < 3; ) {
      day = addDays(day, 1);
      if (isBelgianWorkingDay(day)) {
        workingDays++;
        firstDay = day;
      }
    }
  }
  return addDays(firstDay, GRACE_DAYS - 1);
}

/**
 * The flat damages the law allows on an unpaid balance: up to 150 EUR: 20 EUR; up to 500 EUR:
 * 30 EUR + 10 % of the part above 150 EUR; above: 65 EUR + 5 % of the part above 500 EUR, at most
 * 2,000 EUR. These are ceilings, so a fraction of a cent is rounded down.
 */
export function belgianConsumerDamagesCents(balanceCents: Cents): Cents {
  if (balanceCents <= 0) return 0;
  if (balanceCents <= 15_000) return 2_000;
  if (balanceCents <= 50_000) return 3_000 + Math.floor((balanceCents - 15_000) / 10);
  return Math.min(200_000, 6_500 + Math.floor((balanceCents - 50_000) / 20));
}
