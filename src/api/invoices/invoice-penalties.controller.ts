import { Controller, Get, HttpStatus, Inject, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiExtraModels, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiProperty, ApiPropertyOptional, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import type { DataSource } from 'typeorm';
import { parisDateOf } from '../../domain/calendar';
import type { PenaltyInput } from '../../domain/penalties';
import { InvoiceEntity } from '../../db/entities/invoice.entity';
import { CurrentPrincipal, creditorWhere, Roles, type Principal } from '../auth/access';
import { ApiError, validationFailed } from '../common/api-error';
import { ErrorBodyView, errorExample } from '../common/error-body.view';
import { IsCalendarDate } from '../common/is-calendar-date';
import { PenaltyCalculator } from '../penalties/penalty-calculator';
import { PenaltyQuoteView, toPenaltyQuoteView } from '../penalties/penalty-quote.view';
import { RATE_MISSING_EXAMPLE } from '../penalties/penalty-examples';
import { DATA_SOURCE } from '../tokens';

const uuidPipe = new ParseUUIDPipe({ exceptionFactory: () => validationFailed([{ path: 'id', issue: 'id must be a UUID' }]) });

export class InvoicePenaltiesQueryDto {
  @ApiPropertyOptional({ example: '2025-07-10', description: 'Compute up to and including this day; default: today in Europe/Paris' })
  @IsOptional()
  @IsCalendarDate()
  asOf?: string;
}

export class InvoicePenaltiesView extends PenaltyQuoteView {
  @ApiProperty({ format: 'uuid' }) invoiceId!: string;
  @ApiProperty({ example: 'F-2025-0042' }) invoiceNumber!: string;
}

/**
 * Penalties of a stored invoice. Until customers and payments are modelled, every invoice is taken
 * as French, owed by a business, with no payment received: the answer echoes those assumptions.
 */
@ApiTags('invoices')
@ApiExtraModels(InvoicePenaltiesView)
@Roles('backoffice', 'integrator', 'operator')
@Controller('v1/invoices')
export class InvoicePenaltiesController {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly calculator: PenaltyCalculator,
  ) {}

  @Get(':id/penalties')
  @ApiOperation({
    summary: 'Late-payment penalties of a stored invoice as of a day',
    description:
      'Computed like POST /v1/penalties/quote on the invoice amount (VAT included) and due date. For now every invoice is taken as FR, business debtor, ' +
      'no payment received (customers and payments are not stored yet).',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({
    type: InvoicePenaltiesView,
    example: {
      invoiceId: '3f1c2a9e-5b0d-4e8f-9a7b-2c6d1e0f4a55',
      invoiceNumber: 'F-2025-0042',
      jurisdiction: 'FR',
      debtorType: 'business',
      currency: 'EUR',
      asOf: '2025-07-10',
      rule: 'FR_B2B_ECB_PLUS_10',
      accrualStartsAfter: '2025-05-31',
      outstandingCents: 120000,
      interestCents: 1696,
      indemnityCents: 4000,
      totalCents: 5696,
      segments: [
        { from: '2025-06-01', to: '2025-06-30', days: 30, baseCents: 120000, ratePercent: '13.15', interestCents: 1297, exactInterestCents: '94680/73' },
        { from: '2025-07-01', to: '2025-07-10', days: 10, baseCents: 120000, ratePercent: '12.15', interestCents: 399, exactInterestCents: '29160/73' },
      ],
    },
  })
  @ApiNotFoundResponse({ type: ErrorBodyView, description: 'No invoice with this id.', example: errorExample('', 'INVOICE.NOT_FOUND', 'No invoice with id 00000000-0000-4000-8000-000000000000.').value })
  @ApiUnprocessableEntityResponse({
    type: ErrorBodyView,
    description: 'Bad id or asOf, or a rate the period needs is missing (add it with POST /v1/rates).',
    examples: {
      badAsOf: errorExample('asOf is not a real date', 'VALIDATION.FAILED', 'The request has invalid fields.', [
        { path: 'asOf', issue: 'asOf must be a real date written YYYY-MM-DD' },
      ]),
      badId: errorExample('id is not a UUID', 'VALIDATION.FAILED', 'The request has invalid fields.', [{ path: 'id', issue: 'id must be a UUID' }]),
      rateMissing: RATE_MISSING_EXAMPLE,
    },
  })
  async penalties(@Param('id', uuidPipe) id: string, @Query() query: InvoicePenaltiesQueryDto, @CurrentPrincipal() principal: Principal): Promise<InvoicePenaltiesView> {
    const invoice = await this.dataSource.getRepository(InvoiceEntity).findOneBy({ id, ...creditorWhere(principal) });
    if (!invoice) throw new ApiError(HttpStatus.NOT_FOUND, 'INVOICE.NOT_FOUND', `No invoice with id ${id}.`);
    const input: PenaltyInput = {
      jurisdiction: 'FR',
      debtorType: 'business',
      amountCents: invoice.totalCents,
      currency: invoice.currency,
      dueDate: invoice.dueDate,
      payments: [],
      asOf: query.asOf ?? parisDateOf(Date.now()),
    };
    const view = toPenaltyQuoteView(input, await this.calculator.compute(input));
    return { invoiceId: invoice.id, invoiceNumber: invoice.invoiceNumber, ...view };
  }
}
