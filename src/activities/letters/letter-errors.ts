import { DomainError } from '../../domain/errors';

/** The letter's data is incomplete or inconsistent; a retry with the same data fails the same way. */
export class InvalidLetterDataError extends DomainError {
  readonly code = 'LETTER.INVALID_DATA';

  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`Invalid letter data, ${field}: ${reason}`);
  }
}

/** A letter the renderer has no validated wording for (example: a Belgian formal notice). */
export class UnsupportedLetterError extends DomainError {
  readonly code = 'LETTER.UNSUPPORTED';

  constructor(reason: string) {
    super(`Unsupported letter: ${reason}`);
  }
}
