import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Roles } from '../auth/access';
import { ErrorBodyView, errorExample } from '../common/error-body.view';
import { uuidPipe } from '../common/uuid-pipe';
import { BAD_ID, FINISHED, MALFORMED_JSON, PHONE_CALL_MISSING_DATE, PROMISE_DURING_DISPUTE, PROMISE_IN_THE_PAST, UNAVAILABLE, UNKNOWN_FIELD } from '../events/event-examples';
import { CompleteTaskDto, ListTasksQueryDto, MAX_PAGE_SIZE } from './task.dto';
import { TaskPageView, TaskView } from './task.view';
import { TasksService } from './tasks.service';

const INVALID = 'The request has invalid fields.';
const TASK_ID = '7d4f0a8e-2b7c-4c3e-9a51-6f1f4b0f2e11';
const PHONE_TASK = {
  id: TASK_ID,
  kind: 'phone_call',
  status: 'open',
  title: 'Call Boulangerie Martin SARL about invoice F-2026-0042',
  instructions:
    'Call Boulangerie Martin SARL about invoice F-2026-0042 (issued 2026-10-25, due 2026-11-24): €1,200.00 unpaid.\n1. Say who is calling and why.\n' +
    '2. Get the name and contact of the person who releases the payment.\n3. Quote the unpaid invoices precisely: F-2026-0042, 2026-10-25, €1,200.00.\n' +
    '4. Ask whether anything blocks payment: a dispute about the order, the delivery or the quality.\n' +
    '5. Check that they have our bank details; get the expected payment date (a promise).\n' +
    'Stay empathetic: most late payers have a cash problem and are embarrassed, not hostile.\n' +
    'Record the outcome (reached, no answer, wrong number, promise to pay with its date, dispute with its reason).',
  script: [
    'Call Boulangerie Martin SARL about invoice F-2026-0042 (issued 2026-10-25, due 2026-11-24): €1,200.00 unpaid.',
    '1. Say who is calling and why.',
    '2. Get the name and contact of the person who releases the payment.',
    '3. Quote the unpaid invoices precisely: F-2026-0042, 2026-10-25, €1,200.00.',
    '4. Ask whether anything blocks payment: a dispute about the order, the delivery or the quality.',
    '5. Check that they have our bank details; get the expected payment date (a promise).',
    'Stay empathetic: most late payers have a cash problem and are embarrassed, not hostile.',
    'Record the outcome (reached, no answer, wrong number, promise to pay with its date, dispute with its reason).',
  ],
  invoiceId: '3f1c2a9e-5b0d-4e8f-9a7b-2c6d1e0f4a55',
  invoiceNumber: 'F-2026-0042',
  dunningId: 'invoice:default:F-2026-0042',
  dueOn: '2026-11-27',
  outcome: null,
  closedBy: null,
  closedAt: null,
  createdAt: '2026-11-25T09:12:01.180Z',
};
const DONE_TASK = { ...PHONE_TASK, status: 'done', outcome: 'promise_to_pay', closedBy: 'sophie.martin@acme.fr', closedAt: '2026-11-25T10:02:44.310Z' };
const NOT_FOUND = errorExample('', 'TASK.NOT_FOUND', `No task with id ${TASK_ID}.`).value;

/**
 * The credit team's work queue: calls to make, letters to post, returned letters, failed steps,
 * hand-overs. For operators and the back office (every creditor); integrator keys have no tasks.
 */
@ApiTags('tasks')
@Roles('backoffice', 'operator')
@Controller('v1/tasks')
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @Get()
  @ApiOperation({
    summary: 'Operator tasks, filtered, a page at a time',
    description:
      `Oldest first (created_at, then id). Up to limit items (default 50, at most ${MAX_PAGE_SIZE}); pass nextCursor back as cursor for the next page ` +
      '(null on the last). Filters combine: GET /v1/tasks?status=open&kind=phone_call is the calls to make.',
  })
  @ApiOkResponse({ type: TaskPageView, example: { items: [PHONE_TASK], nextCursor: null } })
  @ApiUnprocessableEntityResponse({
    type: ErrorBodyView,
    description: 'A filter, limit or cursor is invalid, or a query field is unknown.',
    examples: {
      badStatus: errorExample('Unknown status', 'VALIDATION.FAILED', INVALID, [{ path: 'status', issue: 'status must be one of the following values: open, done, cancelled' }]),
      badInvoiceId: errorExample('invoiceId not a UUID', 'VALIDATION.FAILED', INVALID, [{ path: 'invoiceId', issue: 'invoiceId must be a UUID' }]),
      badCursor: errorExample('cursor not issued by this API', 'VALIDATION.FAILED', INVALID, [
        { path: 'cursor', issue: 'cursor is not one this API issued; pass nextCursor from the previous page as it is' },
      ]),
    },
  })
  list(@Query() query: ListTasksQueryDto): Promise<TaskPageView> {
    return this.tasks.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A task, with its instructions (and the call script for a phone call)' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: TaskView, example: PHONE_TASK })
  @ApiNotFoundResponse({ type: ErrorBodyView, description: 'No task with this id.', example: NOT_FOUND })
  @ApiUnprocessableEntityResponse({ type: ErrorBodyView, description: 'The id is not a UUID.', example: BAD_ID.value })
  get(@Param('id', uuidPipe()) id: string): Promise<TaskView> {
    return this.tasks.get(id);
  }

  @Post(':id/complete')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Complete a task',
    description:
      "A phone call's outcome is recorded on the invoice's dunning (as POST /v1/invoices/{id}/phone-calls would): promise_to_pay pauses it until the " +
      'promised date, dispute opens a dispute. Safe to retry: the same outcome again answers 200 with the task, once; another outcome is refused (409). ' +
      'Registered-letter posting tasks are completed by confirming the posting (POST /v1/invoices/{id}/registered-letters).',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiBody({
    type: CompleteTaskDto,
    examples: {
      'Phone call: promise to pay': { value: { outcome: 'promise_to_pay', by: 'sophie.martin@acme.fr', promisedDate: '2026-12-05', note: 'Payment run on the 5th' } },
      'Phone call: no answer': { value: { outcome: 'no_answer', by: 'sophie.martin@acme.fr' } },
      'Returned letter handled': { value: { outcome: 'Address corrected from the Kbis; letter sent again', by: 'sophie.martin@acme.fr' } },
    },
  })
  @ApiOkResponse({ type: TaskView, description: 'Completed now, or earlier with the same outcome.', example: DONE_TASK })
  @ApiNotFoundResponse({ type: ErrorBodyView, description: 'No task with this id.', example: NOT_FOUND })
  @ApiConflictResponse({
    type: ErrorBodyView,
    description: 'Completed already with another outcome, cancelled, completed by another route, or the dunning refused the outcome where it stands.',
    examples: {
      alreadyCompleted: errorExample('Completed with another outcome', 'TASK.ALREADY_COMPLETED', `Task ${TASK_ID} was already completed by sophie.martin@acme.fr on 2026-11-25T10:02:44.310Z with outcome no_answer.`, [
        { path: 'outcome', issue: 'the task was completed with outcome no_answer, not promise_to_pay' },
      ]),
      cancelled: errorExample('The dunning ended', 'TASK.CANCELLED', `Task ${TASK_ID} was cancelled (paid); there is nothing left to do.`),
      byPosting: errorExample(
        'A posting task',
        'TASK.COMPLETED_BY_POSTING',
        'A post_registered_letter task is completed by confirming the posting: POST /v1/invoices/3f1c2a9e-5b0d-4e8f-9a7b-2c6d1e0f4a55/registered-letters with the tracking number and posting date.',
      ),
      finished: FINISHED,
      duringDispute: PROMISE_DURING_DISPUTE,
    },
  })
  @ApiUnprocessableEntityResponse({
    type: ErrorBodyView,
    description: 'A field is invalid, missing, unknown, or does not fit the kind of task; nothing was changed.',
    examples: {
      badOutcome: errorExample('Not a phone-call outcome', 'VALIDATION.FAILED', INVALID, [
        { path: 'outcome', issue: 'outcome of a phone call must be one of reached, no_answer, wrong_number, promise_to_pay, dispute' },
      ]),
      missingDate: PHONE_CALL_MISSING_DATE,
      inThePast: PROMISE_IN_THE_PAST,
      unknownField: UNKNOWN_FIELD,
      badId: BAD_ID,
    },
  })
  @ApiBadRequestResponse({ type: ErrorBodyView, description: 'The body is not valid JSON.', example: MALFORMED_JSON })
  @ApiServiceUnavailableResponse({
    type: ErrorBodyView,
    description: 'Temporal or the dunning worker did not answer in time (phone calls); the task stays open. Retry after Retry-After seconds.',
    headers: { 'Retry-After': { description: 'Seconds to wait before retrying', schema: { type: 'integer', example: 5 } } },
    example: UNAVAILABLE,
  })
  complete(@Param('id', uuidPipe()) id: string, @Body() dto: CompleteTaskDto): Promise<TaskView> {
    return this.tasks.complete(id, dto);
  }
}
