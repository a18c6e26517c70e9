/**
 * Dates, rates and identifiers as printed on letters. Hand-written like formatMoney (no Intl), so a
 * letter's bytes never depend on the host's ICU version.
 */
import { type CalendarDate, parseCalendarDate } from '../../domain/calendar/calendar-date';
import { formatMoney, NO_BREAK_SPACE } from '../../domain/money';
import type { LetterLanguage } from './letter-types';

const MONTHS: Record<LetterLanguage, readonly string[]> = {
  fr: ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};

/** '1er mars 2026', '16 mars 2026' / '16 March 2026'. Words joined by no-break spaces. */
export function longDate(date: CalendarDate, language: LetterLanguage): string {
  const { year, month, day } = parseCalendarDate(date);
  const dayText = language === 'fr' && day === 1 ? '1er' : String(day);
  return [dayText, MONTHS[language][month - 1], String(year)].join(NO_BREAK_SPACE);
}

/** '06/03/2026' / '6 Mar 2026' (in English the month is spelled: never ambiguous between UK and US readers). */
export function shortDate(date: CalendarDate, language: LetterLanguage): string {
  const { year, month, day } = parseCalendarDate(date);
  if (language === 'fr') return `${pad2(day)}/${pad2(month)}/${year}`;
  return [String(day), MONTHS.en[month - 1].slice(0, 3), String(year)].join(NO_BREAK_SPACE);
}

/** Money of a letter (EUR only, like the penalty engine). */
export function money(cents: number, language: LetterLanguage): string {
  return formatMoney(cents, 'EUR', language);
}

/** '13.15' → '13,15 %' / '13.15%'. */
export function percent(decimal: string, language: LetterLanguage): string {
  return language === 'fr' ? `${decimal.replace('.', ',')}${NO_BREAK_SPACE}%` : `${decimal}%`;
}

/** 'FR76300060000112345678901 89' → 'FR76 3000 6000 0112 3456 7890 189' (groups of four). */
export function formatIban(iban: string): string {
  const compact = iban.replace(/\s+/g, '').toUpperCase();
  return compact.replace(/(.{4})(?=.)/g, '$1 ');
}

/** 'SIREN 123 456 789', 'SIRET 123 456 789 00012', or the given label and number as written. */
export function registration(number: string, label?: string): string {
  const digits = number.replace(/\s+/g, '');
  if (label) return `${label} ${number.trim()}`;
  if (/^\d{9}$/.test(digits)) return `SIREN ${digits.replace(/^(\d{3})(\d{3})(\d{3})$/, '$1 $2 $3')}`;
  if (/^\d{14}$/.test(digits)) return `SIRET ${digits.replace(/^(\d{3})(\d{3})(\d{3})(\d{5})$/, '$1 $2 $3 $4')}`;
  return number.trim();
}

/** 'a', 'a et b', 'a, b et c' / 'a and b', 'a, b and c'. */
export function joinList(items: readonly string[], language: LetterLanguage): string {
  if (items.length <= 1) return items.join('');
  const and = language === 'fr' ? ' et ' : ' and ';
  return `${items.slice(0, -1).join(', ')}${and}${items[items.length - 1]}`;
}

/** 8 → 'huit (8)' / 'eight (8)': deadlines are written in words and figures. */
export function daysInWords(days: 8 | 15, language: LetterLanguage): string {
  const words = { fr: { 8: 'huit', 15: 'quinze' }, en: { 8: 'eight', 15: 'fifteen' } }[language][days];
  return `${words} (${days})`;
}

/** A file-name-safe slug: 'REL/2026 #42' → 'REL-2026-42'. */
export function fileSlug(text: string): string {
  return (
    text
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^A-Za-z0-9._-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'letter'
  );
}

function pad2(value: number): string {
  return String(value).padStart(2, '0');
}
