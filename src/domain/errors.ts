/**
 * Domain errors carry a stable `code` so the API can map them to HTTP answers and workflows can
 * branch on them without parsing messages.
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;

  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** A value given to a pure rule is outside what the rule accepts (a programming error upstream). */
export class InvalidArgumentError extends DomainError {
  readonly code = 'DOMAIN.INVALID_ARGUMENT';

  constructor(
    readonly argument: string,
    readonly reason: string,
  ) {
    super(`Invalid ${argument}: ${reason}`);
  }
}
