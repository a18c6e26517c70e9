import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { isEmail, registerDecorator, type ValidationArguments } from 'class-validator';
import { compactIdentifier, isCountryCode } from '../../domain/identifiers';

/**
 * Field rules shared by the creditor and customer bodies. Strings are trimmed and identifiers
 * compacted before validation (class-transformer runs first), so what is checked is what is stored.
 * Each rule answers one issue per field, the first that applies ("must be a string", then length,
 * then content), rather than every rule a wrong value breaks.
 */

/** One printable line: no control characters, no line or paragraph separators (they would break letters). */
const ONE_LINE = /^[^\p{Cc}\p{Zl}\p{Zp}]*$/u;

/** What is wrong with a value, worded to follow the field's name, or null. */
type Problem = (value: unknown) => string | null;

/** A property rule from a Problem: the issue reads "<field> <problem>". */
function Check(name: string, problem: Problem): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: propertyName as string,
      validator: {
        validate: (value: unknown) => problem(value) === null,
        defaultMessage: (args?: ValidationArguments) => `${args?.property} ${problem(args?.value)}`,
      },
    });
}

const textProblem =
  (maxLength: number): Problem =>
  (value) => {
    if (typeof value !== 'string') return 'must be a string';
    if (value.length === 0) return 'must not be empty';
    if (value.length > maxLength) return `must be at most ${maxLength} characters, not ${value.length}`;
    if (!ONE_LINE.test(value)) return 'must be one line of text, without control characters';
    return null;
  };

const trim = Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));

/** Trims a string (other values pass, for the type checks to refuse them). */
export const Trim = (): PropertyDecorator => trim;

/** A single line of text, trimmed, 1 to maxLength characters. */
export function IsText(maxLength: number): PropertyDecorator {
  return applyDecorators(trim, Check('isText', textProblem(maxLength)));
}

/** A list of single lines of text, each trimmed, 1 to maxLength characters (the list itself: IsArray, ArrayMinSize…). */
export function IsTextEach(maxLength: number): PropertyDecorator {
  const itemProblem = textProblem(maxLength);
  return applyDecorators(
    Transform(({ value }) => (Array.isArray(value) ? value.map((item) => (typeof item === 'string' ? item.trim() : item)) : value)),
    Check('isTextEach', (value) => {
      if (!Array.isArray(value)) return null;
      for (const [index, item] of value.entries()) {
        const issue = itemProblem(item);
        if (issue) return `item ${index} ${issue}`;
      }
      return null;
    }),
  );
}

export function IsEmailAddress(): PropertyDecorator {
  return applyDecorators(
    trim,
    Check('isEmailAddress', (value) => {
      if (typeof value !== 'string') return 'must be a string';
      if (value.length > 254) return 'must be at most 254 characters';
      return isEmail(value) ? null : 'must be an e-mail address';
    }),
  );
}

/**
 * A phone number in international form, stored E.164 (+33123456789): spaces, dots, hyphens and
 * parentheses are dropped first, so "+33 1 23 45 67 89" is fine; national forms (01 23 …) are not,
 * since the country code cannot be guessed.
 */
export function IsPhoneNumber(): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }) => (typeof value === 'string' && value.length <= 40 ? value.replace(/[\s.\-()]/g, '') : value)),
    Check('isPhoneNumber', (value) => {
      if (typeof value !== 'string') return 'must be a string';
      return /^\+[1-9]\d{6,14}$/.test(value) ? null : 'must be an international phone number starting with + and the country code (+33 1 23 45 67 89)';
    }),
  );
}

export function IsCountryCode(): PropertyDecorator {
  return Check('isCountryCode', (value) =>
    typeof value === 'string' && isCountryCode(value) ? null : 'must be an ISO 3166-1 alpha-2 country code in capitals (FR, BE)',
  );
}

/**
 * A company or bank identifier: compacted (separators removed, letters upper case), 1 to
 * maxLength letters and digits, then, when given, checked by a rule of src/domain/identifiers that
 * answers what is wrong ("fails the IBAN check digits ...").
 */
export function IsIdentifier(maxLength: number, rule?: (compact: string) => string | null): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }) => (typeof value === 'string' && value.length <= 200 ? compactIdentifier(value) : value)),
    Check('isIdentifier', (value) => {
      if (typeof value !== 'string') return 'must be a string';
      if (value.length === 0) return 'must not be empty';
      if (value.length > maxLength) return `must be at most ${maxLength} letters and digits, not ${value.length}`;
      if (!/^[A-Z0-9]+$/.test(value)) return 'must be letters and digits (spaces, dots, hyphens and slashes are ignored)';
      return rule ? rule(value) : null;
    }),
  );
}
