import { Body, Controller, Get, HttpStatus, Param, ParseUUIDPipe, Patch, Post, Query, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiPayloadTooLargeResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, creditorScope, Roles, type Principal } from '../auth/access';
import { validationFailed } from '../common/api-error';
import { ErrorBodyView, errorExample } from '../common/error-body.view';
import {
  BAD_ID,
  BELGIAN_BUSINESS,
  CONSUMER,
  CUSTOMER_ERROR_EXAMPLES,
  EXTERNAL_ID_CONFLICT,
  FRENCH_BUSINESS,
  FRENCH_BUSINESS_VIEW,
  NOT_FOUND,
  UNKNOWN_CREDITOR,
} from './customer-examples';
import { CreateCustomerDto, ListCustomersQueryDto, MAX_PAGE_SIZE, UpdateCustomerDto } from './customer.dto';
import { CustomerPageView, CustomerView } from './customer.view';
import { CustomersService } from './customers.service';

const uuidPipe = new ParseUUIDPipe({ exceptionFactory: () => validationFailed([{ path: 'id', issue: 'id must be a UUID' }]) });
const MALFORMED_JSON = errorExample('', 'REQUEST.MALFORMED_JSON', 'The body is not valid JSON.').value;
const TOO_LARGE = errorExample('', 'REQUEST.TOO_LARGE', 'request entity too large').value;

/** The debtors: who owes, where to write, whom to call, which rules and plan apply. */
@ApiTags('customers')
@Roles('backoffice', 'integrator', 'operator')
@Controller('v1/customers')
export class CustomersController {
  constructor(private readonly customers: CustomersService) {}

  @Post()
  @Roles('backoffice')
  @ApiOperation({
    summary: 'Store a customer (debtor)',
    description:
      'externalId is your reference, unique per creditor. The same externalId again answers 200 with the stored customer when every field agrees ' +
      '(a retried POST is safe), 409 CUSTOMER.EXTERNAL_ID_CONFLICT naming the fields that differ otherwise. Registration and VAT numbers are ' +
      'checked by the rules of the customer\'s country when it is FR or BE; identifiers may be written with spaces or dots and are stored compact.',
  })
  @ApiBody({
    type: CreateCustomerDto,
    examples: {
      'French business, two contacts': { value: FRENCH_BUSINESS },
      'Belgian habitual late payer with its own plan': { value: BELGIAN_BUSINESS },
      'French consumer': { value: CONSUMER },
    },
  })
  @ApiCreatedResponse({ type: CustomerView, description: 'Stored.', example: FRENCH_BUSINESS_VIEW })
  @ApiOkResponse({ type: CustomerView, description: 'This externalId exists already with the same content.', example: FRENCH_BUSINESS_VIEW })
  @ApiUnprocessableEntityResponse({
    type: ErrorBodyView,
    description: 'A field is invalid, missing or unknown, or the creditor has no profile; nothing was stored.',
    examples: { ...CUSTOMER_ERROR_EXAMPLES, unknownCreditor: UNKNOWN_CREDITOR },
  })
  @ApiConflictResponse({ type: ErrorBodyView, description: 'This externalId exists with different content.', example: EXTERNAL_ID_CONFLICT.value })
  @ApiBadRequestResponse({ type: ErrorBodyView, description: 'The body is not valid JSON.', example: MALFORMED_JSON })
  @ApiPayloadTooLargeResponse({ type: ErrorBodyView, description: 'The body is over 100 kB.', example: TOO_LARGE })
  async create(@Body() dto: CreateCustomerDto, @Res({ passthrough: true }) response: Response): Promise<CustomerView> {
    const { customer, created } = await this.customers.create(dto);
    response.status(created ? HttpStatus.CREATED : HttpStatus.OK);
    return customer;
  }

  @Get()
  @ApiOperation({
    summary: 'Customers, filtered, a page at a time',
    description:
      `Oldest first (created_at, then id). Up to limit items (default 50, at most ${MAX_PAGE_SIZE}); pass nextCursor back as cursor for the next page ` +
      '(null on the last). Filters combine; q matches part of the legal name, ignoring case and accents. An integrator key sees its own creditor\'s customers only.',
  })
  @ApiOkResponse({ type: CustomerPageView, example: { items: [FRENCH_BUSINESS_VIEW], nextCursor: 'WyIyMDI2LTExLTI1VDA5OjEyOjAwLjEyMzQ1NloiLCIwYjZmOWQ0ZS04YTU3LTRjMWUtOWY0My0yZDVjN2ExZTNiOTAiXQ' } })
  @ApiUnprocessableEntityResponse({
    type: ErrorBodyView,
    description: 'A filter, limit or cursor is invalid, or a query field is unknown.',
    examples: {
      badLimit: errorExample('limit above the maximum', 'VALIDATION.FAILED', 'The request has invalid fields.', [{ path: 'limit', issue: `limit must not be greater than ${MAX_PAGE_SIZE}` }]),
      badCursor: errorExample('cursor not issued by this API', 'VALIDATION.FAILED', 'The request has invalid fields.', [
        { path: 'cursor', issue: 'cursor is not one this API issued; pass nextCursor from the previous page as it is' },
      ]),
    },
  })
  list(@Query() query: ListCustomersQueryDto, @CurrentPrincipal() principal: Principal): Promise<CustomerPageView> {
    return this.customers.list(query, creditorScope(principal));
  }

  @Get(':id')
  @ApiOperation({ summary: 'A customer' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: CustomerView, example: FRENCH_BUSINESS_VIEW })
  @ApiNotFoundResponse({ type: ErrorBodyView, description: 'No customer with this id.', example: NOT_FOUND.value })
  @ApiUnprocessableEntityResponse({ type: ErrorBodyView, description: 'The id is not a UUID.', example: BAD_ID.value })
  get(@Param('id', uuidPipe) id: string, @CurrentPrincipal() principal: Principal): Promise<CustomerView> {
    return this.customers.get(id, creditorScope(principal));
  }

  @Patch(':id')
  @Roles('backoffice')
  @ApiOperation({
    summary: 'Change some fields of a customer',
    description:
      'Fields sent replace the stored ones whole (an address, the contact list); null clears an optional field; fields left out stay. ' +
      'The result is checked like a new customer (a new country re-checks the numbers). Nothing different sent, nothing changes (updatedAt included). ' +
      'creditorId cannot change.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiBody({
    type: UpdateCustomerDto,
    examples: {
      'Flag as habitual late payer with its plan': { value: { habitualLatePayer: true, planOverride: 'fr-b2b-habitual-late-payer' } },
      'Replace the contacts': { value: { contacts: [{ role: 'accounts_payable', name: 'Centre de services partagés', email: 'csp-fournisseurs@groupe-martin.fr', language: 'fr' }] } },
      'Clear the registered office': { value: { registeredOffice: null } },
    },
  })
  @ApiOkResponse({ type: CustomerView, description: 'The customer as it now is.', example: FRENCH_BUSINESS_VIEW })
  @ApiNotFoundResponse({ type: ErrorBodyView, description: 'No customer with this id.', example: NOT_FOUND.value })
  @ApiUnprocessableEntityResponse({
    type: ErrorBodyView,
    description: 'A field is invalid or unknown, a required field is null, or the result breaks a rule; nothing was changed.',
    examples: {
      ...CUSTOMER_ERROR_EXAMPLES,
      clearRequired: errorExample('A required field set to null', 'VALIDATION.FAILED', 'The request has invalid fields.', [
        { path: 'legalName', issue: 'legalName cannot be cleared (null); send a value or leave it out' },
      ]),
      creditorId: errorExample('creditorId cannot change', 'VALIDATION.FAILED', 'The request has invalid fields.', [{ path: 'creditorId', issue: 'property creditorId should not exist' }]),
      badId: BAD_ID,
    },
  })
  @ApiConflictResponse({
    type: ErrorBodyView,
    description: 'The new externalId belongs to another customer of the creditor.',
    example: errorExample('', 'CUSTOMER.EXTERNAL_ID_CONFLICT', 'Another customer of creditor default has externalId CUST-0043.', [
      { path: 'externalId', issue: 'externalId CUST-0043 is taken' },
    ]).value,
  })
  @ApiBadRequestResponse({ type: ErrorBodyView, description: 'The body is not valid JSON.', example: MALFORMED_JSON })
  @ApiPayloadTooLargeResponse({ type: ErrorBodyView, description: 'The body is over 100 kB.', example: TOO_LARGE })
  update(@Param('id', uuidPipe) id: string, @Body() dto: UpdateCustomerDto): Promise<CustomerView> {
    return this.customers.update(id, dto);
  }
}
