import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBody, ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { PenaltyInput } from '../../domain/penalties';
import { Roles } from '../auth/access';
import { ErrorBodyView, errorExample } from '../common/error-body.view';
import { QUOTE_EXAMPLE_REQUEST, QUOTE_EXAMPLE_RESPONSE, RATE_MISSING_EXAMPLE } from './penalty-examples';
import { PenaltyCalculator } from './penalty-calculator';
import { toPenaltyQuoteView, PenaltyQuoteView } from './penalty-quote.view';
import { QuotePenaltiesDto } from './quote-penalties.dto';

@ApiTags('penalties')
@Roles('backoffice', 'integrator', 'operator')
@Controller('v1/penalties')
export class PenaltiesController {
  constructor(private readonly calculator: PenaltyCalculator) {}

  @Post('quote')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Compute late-payment penalties for any invoice, storing nothing',
    description:
      'Interest for each calendar day after the due date (or formal notice / reminder period for consumers) up to and including the payment date or asOf, ' +
      "at the rate of the half-year the day falls in, on the amount still unpaid that day (amount × rate × days / 365), rounded half-up once; plus the flat indemnity. " +
      'Rates: the shipped tables plus the rates operators added with POST /v1/rates, read on every call.',
  })
  @ApiBody({ type: QuotePenaltiesDto, examples: { 'FR business, paid in two parts across 1 July': { value: QUOTE_EXAMPLE_REQUEST } } })
  @ApiOkResponse({ type: PenaltyQuoteView, example: QUOTE_EXAMPLE_RESPONSE })
  @ApiUnprocessableEntityResponse({
    type: ErrorBodyView,
    description: 'A field is invalid, or a rate the period needs is missing (add it with POST /v1/rates).',
    examples: {
      validation: errorExample('A field is invalid', 'VALIDATION.FAILED', 'The request has invalid fields.', [
        { path: 'payments.0.amountCents', issue: 'amountCents must be an integer number' },
      ]),
      rateMissing: RATE_MISSING_EXAMPLE,
      invalidInput: errorExample(
        'The engine refuses a combination of fields',
        'PENALTY.INVALID_INPUT',
        'Invalid penalty input, firstReminder.date: a reminder is sent after the due date',
        [{ path: 'firstReminder.date', issue: 'firstReminder.date a reminder is sent after the due date' }],
      ),
    },
  })
  @ApiBadRequestResponse({ type: ErrorBodyView, description: 'The body is not valid JSON.', example: errorExample('', 'REQUEST.MALFORMED_JSON', 'The body is not valid JSON.').value })
  @ApiServiceUnavailableResponse({ type: ErrorBodyView, description: 'PostgreSQL (operator rates) is unreachable; retry.' })
  async quote(@Body() dto: QuotePenaltiesDto): Promise<PenaltyQuoteView> {
    const input: PenaltyInput = {
      jurisdiction: dto.jurisdiction,
      debtorType: dto.debtorType,
      amountCents: dto.amountCents,
      currency: dto.currency,
      dueDate: dto.dueDate,
      payments: (dto.payments ?? []).map(({ amountCents, date }) => ({ amountCents, date })),
      asOf: dto.asOf,
      contractualRatePercent: dto.contractualRatePercent,
      formalNoticeDate: dto.formalNoticeDate,
      firstReminder: dto.firstReminder ? { date: dto.firstReminder.date, channel: dto.firstReminder.channel } : undefined,
    };
    return toPenaltyQuoteView(input, await this.calculator.compute(input));
  }
}
