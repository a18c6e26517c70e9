import { Body, Controller, Get, HttpStatus, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, creditorScope, Roles, type Principal } from '../auth/access';
import { validationFailed } from '../common/api-error';
import { CreateInvoiceDto } from './create-invoice.dto';
import { InvoiceView } from './invoice.view';
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
  @ApiConflictResponse({ description: 'This invoice number exists with different amounts, dates or debtor.' })
  async create(@Body() dto: CreateInvoiceDto, @Res({ passthrough: true }) response: Response): Promise<InvoiceView> {
    const { invoice, created } = await this.invoices.create(dto);
    response.status(created ? HttpStatus.CREATED : HttpStatus.OK);
    return invoice;
  }

  @Get(':id')
  @ApiOperation({ summary: 'An invoice with the live state of its dunning' })
  @ApiOkResponse({ type: InvoiceView })
  @ApiNotFoundResponse({ description: 'No invoice with this id (or, for an integrator key, none of its creditor).' })
  get(@Param('id', uuidPipe) id: string, @CurrentPrincipal() principal: Principal): Promise<InvoiceView> {
    return this.invoices.get(id, creditorScope(principal));
  }
}
