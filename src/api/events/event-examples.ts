import { errorExample } from '../common/error-body.view';

/** Swagger examples of the events on an invoice: bodies, answers, refusals. */

const INVOICE_ID = '3f1c2a9e-5b0d-4e8f-9a7b-2c6d1e0f4a55';
const INVALID = 'The request has invalid fields.';

export const receiptExample = (overrides: Record<string, unknown>) => ({
  invoiceId: INVOICE_ID,
  result: 'applied',
  stage: 'first_reminder_sent',
  amountDueCents: 120000,
  paused: false,
  nextAction: { step: 'written_reminder', at: '2026-12-09T08:00:00.000Z' },
  ...overrides,
});

export const PAUSED = { paused: true, nextAction: null };

export const FINISHED = errorExample(
  'The dunning is over (paid, cancelled or written off)',
  'DUNNING.FINISHED',
  'The dunning of invoice F-2026-0042 is over (paid since 2026-11-25): nothing more can be recorded on it',
);

export const NOT_STARTED = errorExample(
  'The invoice was stored while Temporal was down: its dunning has not started',
  'DUNNING.NOT_STARTED',
  'Invoice F-2026-0042 has no dunning yet (Temporal could not be reached when it was stored): send the same POST /v1/invoices again to start it.',
);

export const BAD_ID = errorExample('id is not a UUID', 'VALIDATION.FAILED', INVALID, [{ path: 'id', issue: 'id must be a UUID' }]);

export const BAD_IDEMPOTENCY_KEY = errorExample('Idempotency-Key too long or not ASCII', 'VALIDATION.FAILED', INVALID, [
  { path: 'Idempotency-Key', issue: 'Idempotency-Key must be 1 to 255 visible ASCII characters, sent once' },
]);

export const UNKNOWN_FIELD = errorExample('A field the event does not have', 'VALIDATION.FAILED', INVALID, [{ path: 'amount', issue: 'property amount should not exist' }]);

export const MISSING_BY = errorExample('Who records it is missing', 'VALIDATION.FAILED', INVALID, [{ path: 'by', issue: 'by must be a string' }]);

export const MALFORMED_JSON = errorExample('', 'REQUEST.MALFORMED_JSON', 'The body is not valid JSON.').value;

export const UNAVAILABLE = errorExample(
  '',
  'SERVICE.UNAVAILABLE',
  'The dunning engine (Temporal or its worker) did not answer in time. The event may still be applied: retry with the same Idempotency-Key.',
).value;

export const PAYMENT_ERRORS = {
  negativeAmount: errorExample('Amount not a positive whole number of cents', 'VALIDATION.FAILED', INVALID, [
    { path: 'amountCents', issue: 'amountCents must not be less than 1' },
  ]),
  currencyMismatch: errorExample('Not the invoice currency', 'PAYMENT.CURRENCY_MISMATCH', 'Invoice F-2026-0042 is in EUR, the payment in USD', [
    { path: 'currency', issue: 'Invoice F-2026-0042 is in EUR, the payment in USD' },
  ]),
  futureValueDate: errorExample('Value date after today', 'PAYMENT.INVALID_DATE', 'The value date must be a YYYY-MM-DD date not after today, got 2027-01-10', [
    { path: 'valueDate', issue: 'The value date must be a YYYY-MM-DD date not after today, got 2027-01-10' },
  ]),
};

export const REFERENCE_CONFLICT = errorExample(
  'The reference was recorded with another amount or date',
  'PAYMENT.REFERENCE_CONFLICT',
  'Payment VIR-2026-11-25-004217 was already recorded with €600.00 on 2026-11-24',
  [{ path: 'reference', issue: 'Payment VIR-2026-11-25-004217 was already recorded with €600.00 on 2026-11-24' }],
);

export const DISPUTE_NOT_OPEN = errorExample('No dispute is open', 'DISPUTE.NOT_OPEN', 'No dispute is open on invoice F-2026-0042');

export const CREDIT_NOTE_REQUIRED = errorExample('Upheld without a credit note', 'VALIDATION.FAILED', INVALID, [
  { path: 'creditNoteReference', issue: 'creditNoteReference is required when outcome is upheld: the credit note that cancels the invoice' },
]);

export const PROMISE_DURING_DISPUTE = errorExample('A dispute is open', 'PROMISE.DURING_DISPUTE', 'A dispute is open: resolve it before recording a promise to pay');

export const PROMISE_IN_THE_PAST = errorExample('Promised date before today', 'PROMISE.INVALID_DATE', 'The promised date must be a YYYY-MM-DD date, today or later, got 2026-11-01', [
  { path: 'promisedDate', issue: 'The promised date must be a YYYY-MM-DD date, today or later, got 2026-11-01' },
]);

export const LETTER_NOT_PRODUCED = errorExample('No registered letter yet', 'REGISTERED_LETTER.NOT_PRODUCED', 'No registered letter has been produced yet on invoice F-2026-0042');

export const ALREADY_POSTED = errorExample(
  'Posted already, with another tracking number or date',
  'REGISTERED_LETTER.ALREADY_POSTED',
  'The registered_warning letter was already confirmed posted on 2026-12-16 (1A02345678901)',
  [{ path: 'trackingNumber', issue: 'The registered_warning letter was already confirmed posted on 2026-12-16 (1A02345678901)' }],
);

export const POSTING_DATE = errorExample(
  'Posted before the letter existed, or in the future',
  'REGISTERED_LETTER.INVALID_DATE',
  "The posting date must be between 2026-12-15 (the letter's date) and today, got 2026-12-01",
  [{ path: 'postedOn', issue: "The posting date must be between 2026-12-15 (the letter's date) and today, got 2026-12-01" }],
);

export const UNKNOWN_TRACKING_NUMBER = errorExample(
  'No letter posted with this tracking number',
  'LETTER.UNKNOWN_TRACKING_NUMBER',
  'No letter of invoice F-2026-0042 was posted with tracking number 1A09999999999',
  [{ path: 'trackingNumber', issue: 'No letter of invoice F-2026-0042 was posted with tracking number 1A09999999999' }],
);

export const PHONE_CALL_MISSING_DATE = errorExample('promise_to_pay without its date', 'VALIDATION.FAILED', INVALID, [
  { path: 'promisedDate', issue: 'promisedDate is required when outcome is promise_to_pay' },
]);

export { INVOICE_NOT_FOUND_EXAMPLE as INVOICE_NOT_FOUND } from './invoice-lookup';
