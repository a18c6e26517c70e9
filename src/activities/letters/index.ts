/**
 * Dunning letters as PDF: written reminder, registered warning, formal notice (mise en demeure) and
 * penalty invoice, in French (default) or English. Pure rendering, no I/O: activities store the
 * returned bytes with their `sha256`.
 */
export type {
  LetterKind,
  LetterLanguage,
  Contact,
  CreditorLetterhead,
  DebtorParty,
  UnpaidInvoice,
  LetterData,
  RegisteredLetter,
  RegisteredWarningData,
  FormalNoticeData,
  PenaltyInvoiceData,
  LetterDataByKind,
  LetterAmounts,
  RenderedLetter,
} from './letter-types';
export { LETTER_KINDS } from './letter-types';
export { renderLetter, renderWrittenReminder, renderRegisteredWarning, renderFormalNotice, renderPenaltyInvoice } from './render-letter';
export { letterAmounts } from './letter-data-check';
export { InvalidLetterDataError, UnsupportedLetterError } from './letter-errors';
