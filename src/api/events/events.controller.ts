import { applyDecorators, Body, Controller, HttpCode, HttpStatus, Param, Post, type Type } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import {
  cancelDunningUpdate,
  confirmRegisteredLetterPostedUpdate,
  openDisputeUpdate,
  putOnHoldUpdate,
  recordPaymentUpdate,
  recordPhoneCallOutcomeUpdate,
  recordPromiseToPayUpdate,
  releaseHoldUpdate,
  reportLetterReturnedUpdate,
  resolveDisputeUpdate,
  writeOffUpdate,
} from '../../workflows/messages';
import { CurrentPrincipal, creditorScope, Roles, type Principal } from '../auth/access';
import { ErrorBodyView } from '../common/error-body.view';
import { uuidPipe } from '../common/uuid-pipe';
import { DunningReceiptView } from './dunning-receipt.view';
import {
  CancelDunningDto,
  LetterReturnedDto,
  OpenDisputeDto,
  OperatorDecisionDto,
  PhoneCallDto,
  phoneCallProblems,
  PromiseToPayDto,
  RecordPaymentDto,
  RegisteredLetterPostedDto,
  resolutionProblems,
  ResolveDisputeDto,
} from './event.dto';
import * as ex from './event-examples';
import { IDEMPOTENCY_KEY_HEADER, IdempotencyKey } from './event-fields';
import { EventsService, identityOf, payload } from './events.service';

type Example = { summary: string; value: unknown };

interface EventDoc {
  summary: string;
  description: string;
  body: Type<unknown>;
  examples: Record<string, { value: unknown }>;
  answer: Record<string, unknown>;
  conflicts?: Record<string, Example>;
  invalid?: Record<string, Example>;
  /** What makes a repeat without Idempotency-Key count once, if anything. */
  naturalKey?: string;
}

/** The documentation every event shares: the invoice id, Idempotency-Key, the receipt, and the refusals. */
function EventRoute(doc: EventDoc) {
  const repeat = doc.naturalKey
    ? `Without Idempotency-Key, ${doc.naturalKey} names the event: the same body again answers \`duplicate\` and counts once.`
    : 'Without Idempotency-Key, each request is a new command (the workflow answers `unchanged` to what is already so).';
  return applyDecorators(
    HttpCode(HttpStatus.OK),
    ApiOperation({ summary: doc.summary, description: `${doc.description}\n\n${repeat}` }),
    ApiParam({ name: 'id', format: 'uuid', description: 'The invoice' }),
    ApiHeader({
      name: IDEMPOTENCY_KEY_HEADER,
      required: false,
      description:
        'Any unique value (a UUID) identifying this command: a retry with the same key and body is applied once and answered `duplicate` ' +
        'with the current state. Use it whenever a retry is possible (a timeout, a 503).',
      example: '6f3b2a1c-0d4e-4f5a-9b8c-7d6e5f4a3b2c',
    }),
    ApiBody({ type: doc.body, examples: doc.examples }),
    ApiOkResponse({ type: DunningReceiptView, description: 'The event was applied (or was a repeat, or changed nothing); where the dunning stands now.', example: ex.receiptExample(doc.answer) }),
    ApiNotFoundResponse({ type: ErrorBodyView, description: 'No invoice with this id (or, for an integrator key, none of its creditor).', example: ex.INVOICE_NOT_FOUND }),
    ApiConflictResponse({
      type: ErrorBodyView,
      description: 'The dunning cannot take this event where it stands (over, not started, or a rule of the event); nothing was changed.',
      examples: { finished: ex.FINISHED, notStarted: ex.NOT_STARTED, ...doc.conflicts },
    }),
    ApiUnprocessableEntityResponse({
      type: ErrorBodyView,
      description: 'A field is invalid, missing or unknown, or the workflow refused a value; nothing was changed. details names the field.',
      examples: { ...doc.invalid, unknownField: ex.UNKNOWN_FIELD, badId: ex.BAD_ID, badIdempotencyKey: ex.BAD_IDEMPOTENCY_KEY },
    }),
    ApiBadRequestResponse({ type: ErrorBodyView, description: 'The body is not valid JSON.', example: ex.MALFORMED_JSON }),
    ApiServiceUnavailableResponse({
      type: ErrorBodyView,
      description: 'Temporal or the dunning worker did not answer in time. Retry after Retry-After seconds with the same Idempotency-Key.',
      headers: { 'Retry-After': { description: 'Seconds to wait before retrying', schema: { type: 'integer', example: 5 } } },
      example: ex.UNAVAILABLE,
    }),
  );
}

/** The invoice, confined to the caller's creditor for an integrator key. */
const scopeOf = (invoiceId: string, principal: Principal) => ({ invoiceId, creditorId: creditorScope(principal) });

const OPERATOR_DECISION_EXAMPLE = { by: 'sophie.martin@acme.fr', reason: 'Key account: the sales director talks to them first' };

/**
 * What happens to an invoice while it is dunned: payments, disputes, promises, registered letters,
 * phone calls and operator decisions. Each is a Temporal update of the invoice's dunning workflow,
 * which checks it, applies it at once and answers its new state, or refuses it with a stable code.
 * Integrator keys send events for their creditor's invoices only.
 */
@ApiTags('events')
@Roles('backoffice', 'integrator', 'operator')
@Controller('v1/invoices')
export class EventsController {
  constructor(private readonly events: EventsService) {}

  @Post(':id/payments')
  @EventRoute({
    summary: 'Record a payment received',
    description:
      'Full: the dunning ends (stage paid) and open operator tasks are cancelled. Partial: the balance drops, penalties are recomputed ' +
      'from the value date, and the plan goes on for the rest. The same reference with another amount or date is refused (409).',
    body: RecordPaymentDto,
    examples: {
      'Partial payment by transfer': { value: { reference: 'VIR-2026-11-25-004217', amountCents: 60000, currency: 'EUR', valueDate: '2026-11-24', by: 'bank-import' } },
      'The rest': { value: { reference: 'VIR-2026-11-30-004388', amountCents: 60000, currency: 'EUR', valueDate: '2026-11-30' } },
    },
    answer: { amountDueCents: 60000 },
    conflicts: { referenceConflict: ex.REFERENCE_CONFLICT },
    invalid: ex.PAYMENT_ERRORS,
    naturalKey: 'the reference',
  })
  pay(@Param('id', uuidPipe()) id: string, @Body() dto: RecordPaymentDto, @CurrentPrincipal() principal: Principal, @IdempotencyKey() key?: string) {
    const arg = payload({ reference: dto.reference, amountCents: dto.amountCents, currency: dto.currency, valueDate: dto.valueDate, by: dto.by });
    const identity = identityOf(key, { name: 'reference', value: dto.reference });
    return this.events.record(scopeOf(id, principal), recordPaymentUpdate, arg, identity, ['reference', 'amountCents', 'currency', 'valueDate', 'by']);
  }

  @Post(':id/disputes')
  @EventRoute({
    summary: 'Open a dispute',
    description: 'The dunning pauses: nothing is sent while the dispute is open. A promise to pay in force is withdrawn. A dispute already open: `unchanged`.',
    body: OpenDisputeDto,
    examples: { 'Damaged goods': { value: { reason: 'Goods delivered damaged (delivery note BL-8812)', by: 'sophie.martin@acme.fr' } } },
    answer: { stage: 'disputed', ...ex.PAUSED },
  })
  openDispute(@Param('id', uuidPipe()) id: string, @Body() dto: OpenDisputeDto, @CurrentPrincipal() principal: Principal, @IdempotencyKey() key?: string) {
    return this.events.record(scopeOf(id, principal), openDisputeUpdate, payload({ reason: dto.reason, by: dto.by }), identityOf(key), ['reason', 'by']);
  }

  @Post(':id/disputes/resolve')
  @EventRoute({
    summary: 'Resolve the open dispute',
    description:
      'rejected: the dunning resumes where it stood, the steps still to come moved by the days it was paused. ' +
      'upheld: a credit note cancels the invoice, the dunning ends (stage cancelled).',
    body: ResolveDisputeDto,
    examples: {
      Rejected: { value: { outcome: 'rejected', by: 'sophie.martin@acme.fr', note: 'Photos show the goods were intact on delivery' } },
      'Upheld with a credit note': { value: { outcome: 'upheld', by: 'sophie.martin@acme.fr', creditNoteReference: 'AV-2026-0007' } },
    },
    answer: { stage: 'first_reminder_sent' },
    conflicts: { notOpen: ex.DISPUTE_NOT_OPEN },
    invalid: { creditNoteRequired: ex.CREDIT_NOTE_REQUIRED },
  })
  resolveDispute(@Param('id', uuidPipe()) id: string, @Body() dto: ResolveDisputeDto, @CurrentPrincipal() principal: Principal, @IdempotencyKey() key?: string) {
    const arg = payload({ outcome: dto.outcome, by: dto.by, note: dto.note, creditNoteReference: dto.creditNoteReference });
    return this.events.record(scopeOf(id, principal), resolveDisputeUpdate, arg, identityOf(key), ['outcome', 'by', 'note', 'creditNoteReference'], resolutionProblems(dto));
  }

  @Post(':id/promises')
  @EventRoute({
    summary: 'Record a promise to pay',
    description:
      "The dunning waits until the promised date plus the plan's grace days; paid by then, it ends; otherwise the promise is recorded as broken " +
      'and the dunning resumes. A new promise replaces the one in force. Refused while a dispute is open.',
    body: PromiseToPayDto,
    examples: { 'Promised for the next payment run': { value: { promisedDate: '2026-12-05', by: 'sophie.martin@acme.fr', note: 'Payment run on the 5th' } } },
    answer: { stage: 'promised', ...ex.PAUSED },
    conflicts: { duringDispute: ex.PROMISE_DURING_DISPUTE },
    invalid: { inThePast: ex.PROMISE_IN_THE_PAST },
  })
  promise(@Param('id', uuidPipe()) id: string, @Body() dto: PromiseToPayDto, @CurrentPrincipal() principal: Principal, @IdempotencyKey() key?: string) {
    const arg = payload({ promisedDate: dto.promisedDate, by: dto.by, note: dto.note });
    return this.events.record(scopeOf(id, principal), recordPromiseToPayUpdate, arg, identityOf(key), ['promisedDate', 'by', 'note']);
  }

  @Post(':id/registered-letters')
  @EventRoute({
    summary: 'Confirm that a registered letter was posted',
    description:
      'The formal notice counts from the posting date (not from the date the letter was produced). Closes the posting tasks of the letter. ' +
      'The same tracking number and date again: `unchanged`; another one for a letter already confirmed: 409.',
    body: RegisteredLetterPostedDto,
    examples: { 'Registered warning posted': { value: { trackingNumber: '1A02345678901', postedOn: '2026-12-16', by: 'sophie.martin@acme.fr' } } },
    answer: { stage: 'registered_warning_sent', nextAction: { step: 'formal_notice', at: '2026-12-24T08:00:00.000Z' } },
    conflicts: { notProduced: ex.LETTER_NOT_PRODUCED, alreadyPosted: ex.ALREADY_POSTED },
    invalid: { postingDate: ex.POSTING_DATE },
    naturalKey: 'the tracking number',
  })
  letterPosted(@Param('id', uuidPipe()) id: string, @Body() dto: RegisteredLetterPostedDto, @CurrentPrincipal() principal: Principal, @IdempotencyKey() key?: string) {
    const arg = payload({ trackingNumber: dto.trackingNumber, postedOn: dto.postedOn, by: dto.by, step: dto.step });
    const identity = identityOf(key, { name: 'tracking-number', value: dto.trackingNumber });
    return this.events.record(scopeOf(id, principal), confirmRegisteredLetterPostedUpdate, arg, identity, ['trackingNumber', 'postedOn', 'by', 'step']);
  }

  @Post(':id/registered-letters/returned')
  @EventRoute({
    summary: 'Report a registered letter returned undelivered',
    description: "Recorded on the timeline, and an operator task is created to check the debtor's address and send again. Reported already: `unchanged`.",
    body: LetterReturnedDto,
    examples: {
      'Unknown at the address': { value: { trackingNumber: '1A02345678901', returnedOn: '2026-12-29', reason: "Destinataire inconnu à l'adresse", by: 'sophie.martin@acme.fr' } },
    },
    answer: { stage: 'registered_warning_sent' },
    invalid: { unknownTrackingNumber: ex.UNKNOWN_TRACKING_NUMBER },
    naturalKey: 'the tracking number',
  })
  letterReturned(@Param('id', uuidPipe()) id: string, @Body() dto: LetterReturnedDto, @CurrentPrincipal() principal: Principal, @IdempotencyKey() key?: string) {
    const arg = payload({ trackingNumber: dto.trackingNumber, returnedOn: dto.returnedOn, reason: dto.reason, by: dto.by });
    const identity = identityOf(key, { name: 'tracking-number', value: dto.trackingNumber });
    return this.events.record(scopeOf(id, principal), reportLetterReturnedUpdate, arg, identity, ['trackingNumber', 'returnedOn', 'reason', 'by']);
  }

  @Post(':id/phone-calls')
  @EventRoute({
    summary: 'Record the outcome of a phone call',
    description:
      'promise_to_pay also records the promise (promisedDate); dispute also opens the dispute (disputeReason). Closes the phone-call task of the plan ' +
      'if one is open. To complete an operator task, prefer POST /v1/tasks/{id}/complete, which records this too.',
    body: PhoneCallDto,
    examples: {
      'Promise obtained': { value: { outcome: 'promise_to_pay', by: 'sophie.martin@acme.fr', promisedDate: '2026-12-05', note: 'Spoke to Sophie Martin, accounts payable' } },
      'No answer': { value: { outcome: 'no_answer', by: 'sophie.martin@acme.fr' } },
      Dispute: { value: { outcome: 'dispute', by: 'sophie.martin@acme.fr', disputeReason: 'Says the delivery was incomplete' } },
    },
    answer: { stage: 'promised', ...ex.PAUSED },
    conflicts: { duringDispute: ex.PROMISE_DURING_DISPUTE },
    invalid: { missingDate: ex.PHONE_CALL_MISSING_DATE, inThePast: ex.PROMISE_IN_THE_PAST },
  })
  phoneCall(@Param('id', uuidPipe()) id: string, @Body() dto: PhoneCallDto, @CurrentPrincipal() principal: Principal, @IdempotencyKey() key?: string) {
    const arg = payload({ outcome: dto.outcome, by: dto.by, note: dto.note, promisedDate: dto.promisedDate, disputeReason: dto.disputeReason });
    const fields = ['outcome', 'by', 'note', 'promisedDate', 'disputeReason'];
    return this.events.record(scopeOf(id, principal), recordPhoneCallOutcomeUpdate, arg, identityOf(key), fields, phoneCallProblems(dto));
  }

  @Post(':id/hold')
  @EventRoute({
    summary: 'Put the dunning on hold',
    description: 'Nothing is sent until the hold is released; the steps still to come then move by the days it lasted. On hold already: `unchanged`.',
    body: OperatorDecisionDto,
    examples: { 'Key account': { value: OPERATOR_DECISION_EXAMPLE } },
    answer: { stage: 'on_hold', ...ex.PAUSED },
    invalid: { missingBy: ex.MISSING_BY },
  })
  hold(@Param('id', uuidPipe()) id: string, @Body() dto: OperatorDecisionDto, @CurrentPrincipal() principal: Principal, @IdempotencyKey() key?: string) {
    return this.events.record(scopeOf(id, principal), putOnHoldUpdate, payload({ by: dto.by, reason: dto.reason }), identityOf(key), ['by', 'reason']);
  }

  @Post(':id/release')
  @EventRoute({
    summary: 'Release the hold',
    description: 'The dunning resumes (unless a dispute or a promise still pauses it). Not on hold: `unchanged`.',
    body: OperatorDecisionDto,
    examples: { 'Talks failed': { value: { by: 'sophie.martin@acme.fr', reason: 'The sales director could not get a date' } } },
    answer: {},
    invalid: { missingBy: ex.MISSING_BY },
  })
  release(@Param('id', uuidPipe()) id: string, @Body() dto: OperatorDecisionDto, @CurrentPrincipal() principal: Principal, @IdempotencyKey() key?: string) {
    return this.events.record(scopeOf(id, principal), releaseHoldUpdate, payload({ by: dto.by, reason: dto.reason }), identityOf(key), ['by', 'reason']);
  }

  @Post(':id/cancel')
  @EventRoute({
    summary: 'Cancel the dunning',
    description: 'An operator decision (a credit note, an invoice issued by mistake): the dunning ends (stage cancelled) and its open tasks are cancelled.',
    body: CancelDunningDto,
    examples: { 'Credit note issued': { value: { by: 'sophie.martin@acme.fr', reason: 'Invoice issued twice', creditNoteReference: 'AV-2026-0009' } } },
    answer: { stage: 'cancelled', nextAction: null },
    invalid: { missingBy: ex.MISSING_BY },
  })
  cancel(@Param('id', uuidPipe()) id: string, @Body() dto: CancelDunningDto, @CurrentPrincipal() principal: Principal, @IdempotencyKey() key?: string) {
    const arg = payload({ by: dto.by, reason: dto.reason, creditNoteReference: dto.creditNoteReference });
    return this.events.record(scopeOf(id, principal), cancelDunningUpdate, arg, identityOf(key), ['by', 'reason', 'creditNoteReference']);
  }

  @Post(':id/write-off')
  @EventRoute({
    summary: 'Write the invoice off',
    description: 'An operator decision (debtor insolvent, amount not worth chasing): the dunning ends (stage written_off) with the balance recorded.',
    body: OperatorDecisionDto,
    examples: { 'Debtor in liquidation': { value: { by: 'sophie.martin@acme.fr', reason: 'Liquidation judiciaire opened on 2026-12-01; claim filed with the liquidator' } } },
    answer: { stage: 'written_off', nextAction: null },
    invalid: { missingBy: ex.MISSING_BY },
  })
  writeOff(@Param('id', uuidPipe()) id: string, @Body() dto: OperatorDecisionDto, @CurrentPrincipal() principal: Principal, @IdempotencyKey() key?: string) {
    return this.events.record(scopeOf(id, principal), writeOffUpdate, payload({ by: dto.by, reason: dto.reason }), identityOf(key), ['by', 'reason']);
  }
}
