export type { Cents } from './cents';
export { InvalidAmountError, isCents, assertCents, sumCents } from './cents';
export type { MoneyLocale } from './format';
export { NO_BREAK_SPACE, formatMoney } from './format';
