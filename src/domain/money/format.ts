/**
 * Amounts for letters and e-mails, formatted by hand (no Intl: its output varies with the ICU
 * version and it is not deterministic across hosts).
 *
 * Both the French digit-group separator and the space before "€" are U+00A0 NO-BREAK SPACE (not
 * U+202F, the narrow one that CLDR now uses): it never breaks a line inside an amount, and it exists
 * in every font, including the WinAnsi standard fonts of generated PDFs, where U+202F does not.
 */
import { InvalidArgumentError } from '../errors';

export type MoneyLocale = 'fr' | 'en';

export const NO_BREAK_SPACE = '\u00A0';

const SYMBOLS: Readonly<Record<string, string>> = { EUR: '€' };

/** Currencies whose minor unit is not 1/100: cents would be the wrong unit for them. */
const NOT_CENTESIMAL = ['BHD', 'CLP', 'IQD', 'ISK', 'JOD', 'JPY', 'KRW', 'KWD', 'LYD', 'OMR', 'TND', 'VND'];

/**
 * formatMoney(123456, 'EUR', 'fr') → '1 234,56 €'; 'en' → '€1,234.56'. Currencies other than EUR
 * show their ISO code ('1 234,56 USD', 'USD 1,234.56'). Negative amounts (credits) get a leading '-'.
 */
export function formatMoney(cents: number, currency: string, locale: MoneyLocale): string {
  if (!Number.isSafeInteger(cents)) throw new InvalidArgumentError('amount', `${cents} is not a whole number of cents`);
  if (!/^[A-Z]{3}$/.test(currency) || NOT_CENTESIMAL.includes(currency)) {
    throw new InvalidArgumentError('currency', `${currency} is not a supported ISO 4217 code with cents`);
  }
  if (locale !== 'fr' && locale !== 'en') throw new InvalidArgumentError('locale', `${String(locale)} is not fr or en`);

  const sign = cents < 0 ? '-' : '';
  const absolute = Math.abs(cents);
  const units = String(Math.floor(absolute / 100));
  const fraction = String(absolute % 100).padStart(2, '0');
  const symbol = SYMBOLS[currency];

  if (locale === 'fr') {
    return `${sign}${groupDigits(units, NO_BREAK_SPACE)},${fraction}${NO_BREAK_SPACE}${symbol ?? currency}`;
  }
  const number = `${groupDigits(units, ',')}.${fraction}`;
  return symbol ? `${sign}${symbol}${number}` : `${sign}${currency}${NO_BREAK_SPACE}${number}`;
}

function groupDigits(digits: string, separator: string): string {
  return digits.replace(/\B(?=(\d{3})+$)/g, separator);
}
