/**
 * Money is an integer number of cents (hundredths of the currency unit) held in a JS number: exact
 * up to Number.MAX_SAFE_INTEGER (90 trillion euros), JSON-serialisable for Temporal payloads.
 */
import { DomainError } from '../errors';

export type Cents = number;

export class InvalidAmountError extends DomainError {
  readonly code = 'MONEY.INVALID_AMOUNT';

  constructor(
    readonly value: unknown,
    readonly label: string,
  ) {
    super(`${label} must be a non-negative whole number of cents, got ${String(value)}`);
  }
}

export function isCents(value: unknown): value is Cents {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

export function assertCents(value: unknown, label = 'amount'): asserts value is Cents {
  if (!isCents(value)) throw new InvalidAmountError(value, label);
}

/** Sum of amounts in cents; throws if any is invalid or the sum leaves the safe-integer range. */
export function sumCents(values: readonly Cents[]): Cents {
  let total = 0;
  values.forEach((value, i) => {
    assertCents(value, `amount #${i + 1}`);
    total += value;
  });
  assertCents(total, 'sum');
  return total;
}
