import { Body, Controller, Get, HttpStatus, Param, Put, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
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
import { ErrorBodyView, errorExample } from '../common/error-body.view';
import { SLUG_PATTERN, SLUG_RULE, slugPipe } from '../common/slug';
import { BELGIAN_CREDITOR, CREDITOR_ERROR_EXAMPLES, FRENCH_CREDITOR, FRENCH_CREDITOR_VIEW } from './creditor-examples';
import { PutCreditorDto } from './creditor.dto';
import { CreditorListView, CreditorView } from './creditor.view';
import { CreditorsService } from './creditors.service';

const BAD_ID = errorExample('id is not a slug', 'VALIDATION.FAILED', 'The request has invalid fields.', [{ path: 'id', issue: `id ${SLUG_RULE}` }]);
const NOT_FOUND = errorExample('', 'CREDITOR.NOT_FOUND', 'No creditor profile with id acme; create it with PUT /v1/creditors/acme.');

/** The company that is owed: its letterhead, bank details, signatory and competent court. */
@ApiTags('creditors')
@Roles('backoffice', 'integrator', 'operator')
@Controller('v1/creditors')
export class CreditorsController {
  constructor(private readonly creditors: CreditorsService) {}

  @Get()
  @ApiOperation({ summary: 'Every creditor profile, by id', description: 'An integrator key sees its own creditor only.' })
  @ApiOkResponse({ type: CreditorListView, example: { items: [FRENCH_CREDITOR_VIEW] } })
  list(@CurrentPrincipal() principal: Principal): Promise<CreditorListView> {
    return this.creditors.list(creditorScope(principal));
  }

  @Get(':id')
  @ApiOperation({ summary: 'A creditor profile' })
  @ApiParam({ name: 'id', example: 'default', schema: { type: 'string', pattern: SLUG_PATTERN.source } })
  @ApiOkResponse({ type: CreditorView, example: FRENCH_CREDITOR_VIEW })
  @ApiNotFoundResponse({ type: ErrorBodyView, description: 'No creditor profile with this id (an integrator key finds its own creditor only).', example: NOT_FOUND.value })
  @ApiUnprocessableEntityResponse({ type: ErrorBodyView, description: 'The id is not a slug.', example: BAD_ID.value })
  get(@Param('id', slugPipe('id')) id: string, @CurrentPrincipal() principal: Principal): Promise<CreditorView> {
    return this.creditors.get(id, creditorScope(principal));
  }

  @Put(':id')
  @Roles('backoffice')
  @ApiOperation({
    summary: 'Create or replace a creditor profile (idempotent)',
    description:
      "The whole profile: fields left out are cleared (optional ones) or refused (required ones). The id is a slug; invoices carry it as creditor_id " +
      "(the API's CREDITOR_ID, 'default' unless configured). The same body again changes nothing, updatedAt included. " +
      'Registration and VAT numbers are checked by the rules of the jurisdiction; identifiers may be written with spaces or dots and are stored compact.',
  })
  @ApiParam({ name: 'id', example: 'default', schema: { type: 'string', pattern: SLUG_PATTERN.source } })
  @ApiBody({
    type: PutCreditorDto,
    examples: {
      'French creditor (SAS, Paris)': { value: FRENCH_CREDITOR },
      'Belgian creditor (SRL, Brussels)': { value: BELGIAN_CREDITOR },
    },
  })
  @ApiCreatedResponse({ type: CreditorView, description: 'Created.', example: FRENCH_CREDITOR_VIEW })
  @ApiOkResponse({ type: CreditorView, description: 'Replaced, or already so.', example: FRENCH_CREDITOR_VIEW })
  @ApiUnprocessableEntityResponse({
    type: ErrorBodyView,
    description: 'A field is invalid, missing or unknown, or the id is not a slug; nothing was changed.',
    examples: { ...CREDITOR_ERROR_EXAMPLES, badId: BAD_ID },
  })
  @ApiBadRequestResponse({ type: ErrorBodyView, description: 'The body is not valid JSON.', example: errorExample('', 'REQUEST.MALFORMED_JSON', 'The body is not valid JSON.').value })
  @ApiPayloadTooLargeResponse({ type: ErrorBodyView, description: 'The body is over 100 kB.', example: errorExample('', 'REQUEST.TOO_LARGE', 'request entity too large').value })
  async put(@Param('id', slugPipe('id')) id: string, @Body() dto: PutCreditorDto, @Res({ passthrough: true }) response: Response): Promise<CreditorView> {
    const { creditor, created } = await this.creditors.put(id, dto);
    response.status(created ? HttpStatus.CREATED : HttpStatus.OK);
    return creditor;
  }
}
