import { Body, Controller, Get, Headers, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, creditorScope, Roles, type Principal } from '../auth/access';
import { validationFailed } from '../common/api-error';
import { CreateInvoiceDto } from './create-invoice.dto';
import { BatchImportDto, MAX_BATCH_LINES } from './batch-import.dto';
import { BatchResultView, InvoicePageView, InvoiceView } from './invoice.view';
import { ListInvoicesQueryDto } from './list-invoices-query.dto';
import { InvoicesService } from './invoices.service';

const uuidPipe = new ParseUUIDPipe({ exceptionFactory: () => validationFailed([{ path: 'id', issue: 'id must be a UUID' }]) });

@ApiTags('invoices')
@Roles('backoffice', 'integrator', 'operator')
@Controller('v1/invoices')
export class InvoicesController {
  constructor(private readonly invoices: InvoicesService) {}

  @Post()
  @Roles('backoffice')
  @ApiOperation({ summary: 'Store an invoice and start its dunning', description: 'The same invoice number again returns the existing invoice with 200; it never starts a second dunning.' })
  @ApiCreatedResponse({ type: InvoiceView, description: 'Stored; the dunning has started.' })
  @ApiOkResponse({ type: InvoiceView, description: 'This invoice number already exists with the same content.' })
  @ApiUnprocessableEntityResponse({ description: 'A field is invalid; nothing was stored.' })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Any 1 to 255 printable ASCII characters. The same key again (for the same creditor) answers the invoice it created with 200 and never starts a second dunning; the same key with a different body is refused with 409 IDEMPOTENCY.KEY_REUSED.',
  })
  @ApiConflictResponse({ description: 'This invoice number exists with different amounts, dates or debtor (INVOICE.NUMBER_CONFLICT), or the Idempotency-Key was used with another body (IDEMPOTENCY.KEY_REUSED).' })
  async create(
    @Body() dto: CreateInvoiceDto,
    @Res({ passthrough: true }) response: Response,
    @Headers('idempotency-key') idempotencyKey?: string,
  ): Promise<InvoiceView> {
    const { invoice, created } = await this.invoices.create(dto, idempotencyKey);
    response.status(created ? HttpStatus.CREATED : HttpStatus.OK);
    return invoice;
  }

  @Post('batch')
  @Roles('backoffice')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: `Import up to ${MAX_BATCH_LINES} invoices and start their dunnings`,
    description:
      'Each line is checked like a POST /v1/invoices body, on its own: a bad line is refused alone. An invoice number already stored with the same content is ' +
      "'exists' (nothing changes), with different content 'refused'. Dunnings are started 32 at a time; when Temporal cannot be reached the invoices stay stored with " +
      "dunning 'pending', and the same batch again starts them. Body up to 8 MB.",
  })
  @ApiOkResponse({ type: BatchResultView, description: 'One answer per line, in order, and the counts.' })
  @ApiUnprocessableEntityResponse({ description: `invoices is missing, empty or holds more than ${MAX_BATCH_LINES} lines; nothing was imported.` })
  @ApiPayloadTooLargeResponse({ description: 'The body is over 8 MB.' })
  importBatch(@Body() dto: BatchImportDto): Promise<BatchResultView> {
    return this.invoices.importBatch(dto.invoices);
  }

  @Get()
  @ApiOperation({
    summary: 'Invoices by due date, filtered, a page at a time',
    description: 'Reads the stored read model only (never Temporal). An integrator key sees its creditor\'s invoices only.',
  })
  @ApiOkResponse({ type: InvoicePageView })
  @ApiUnprocessableEntityResponse({ description: 'A filter, limit or cursor is invalid; details name it.' })
  list(@Query() query: ListInvoicesQueryDto, @CurrentPrincipal() principal: Principal): Promise<InvoicePageView> {
    return this.invoices.list(query, creditorScope(principal));
  }

  @Get(':id')
  @ApiOperation({ summary: 'An invoice with the live state of its dunning' })
  @ApiOkResponse({ type: InvoiceView })
  @ApiNotFoundResponse({ description: 'No invoice with this id (or, for an integrator key, none of its creditor).' })
  get(@Param('id', uuidPipe) id: string, @CurrentPrincipal() principal: Principal): Promise<InvoiceView> {
    return this.invoices.get(id, creditorScope(principal));
  }
}
