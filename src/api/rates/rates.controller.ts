import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBody, ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Roles } from '../auth/access';
import { ErrorBodyView, errorExample } from '../common/error-body.view';
import { CreateRateDto, ListRatesQueryDto } from './create-rate.dto';
import { RateListView, RateView } from './rate.view';
import { MAX_DAYS_AHEAD, RatesService } from './rates.service';

const ECB_EXAMPLE = { kind: 'ECB_MRO', effectiveFrom: '2027-01-01', rateBp: 215, source: 'ECB press release of 2026-12-17: rates unchanged' };

@ApiTags('rates')
@Roles('backoffice', 'integrator', 'operator')
@Controller('v1/rates')
export class RatesController {
  constructor(private readonly rates: RatesService) {}

  @Get()
  @ApiOperation({
    summary: 'The late-payment rates in use: shipped tables and operator-added entries',
    description: 'Each entry says its origin (shipped with the code, or added by an operator) and its source.',
  })
  @ApiOkResponse({
    type: RateListView,
    example: {
      ecbKnownUntil: '2027-01-01',
      rates: [
        { kind: 'ECB_MRO', effectiveFrom: '2025-06-11', rateBp: 215, ratePercent: '2.15', origin: 'shipped', source: 'ECB main refinancing operations rate (%), by effective date. Sources: …' },
        {
          kind: 'ECB_MRO', effectiveFrom: '2027-01-01', rateBp: 215, ratePercent: '2.15', origin: 'operator', source: ECB_EXAMPLE.source,
          id: '7d4f0a8e-2b7c-4c3e-9a51-6f1f4b0f2e11', createdAt: '2026-12-18T09:12:00.000Z', createdBy: 'api',
        },
        { kind: 'FR_LEGAL', halfYear: '2026-H1', rateBp: 262, ratePercent: '2.62', privateCreditorRateBp: 667, privateCreditorRatePercent: '6.67', origin: 'shipped', source: "French taux d'intérêt légal (%), by half-year …" },
        { kind: 'BE_B2B', halfYear: '2026-H1', rateBp: 1050, ratePercent: '10.50', origin: 'shipped', source: 'Belgian B2B late-payment rate (%) …' },
      ],
    },
  })
  @ApiUnprocessableEntityResponse({ type: ErrorBodyView, description: 'Unknown kind or query field.', example: errorExample('', 'VALIDATION.FAILED', 'The request has invalid fields.', [{ path: 'kind', issue: 'kind must be one of the following values: ECB_MRO, FR_LEGAL, BE_B2B' }]).value })
  list(@Query() query: ListRatesQueryDto): Promise<RateListView> {
    return this.rates.list(query.kind);
  }

  @Post()
  @Roles('backoffice', 'operator')
  @ApiOperation({
    summary: 'Add a rate (used by the next computation, no release needed)',
    description:
      'ECB_MRO entries are keyed by effectiveFrom, before or after the range of the shipped table (which lists every decision from 2016-03-16 up to its knownUntil); FR_LEGAL and BE_B2B by halfYear. ' +
      `An entry must take effect at most ${MAX_DAYS_AHEAD} days after today. Entries are never overwritten: the same key again answers 409.`,
  })
  @ApiBody({
    type: CreateRateDto,
    examples: {
      'ECB rate confirmed on 1 January 2027': { value: ECB_EXAMPLE },
      'French legal rate of 2026-H2': { value: { kind: 'FR_LEGAL', halfYear: '2026-H2', rateBp: 250, privateCreditorRateBp: 650, source: 'Arrêté of June 2026 (JORF)' } },
      'Belgian B2B rate of 2026-H2': { value: { kind: 'BE_B2B', halfYear: '2026-H2', rateBp: 1050, source: 'SPF Finances notice, July 2026' } },
    },
  })
  @ApiCreatedResponse({
    type: RateView,
    description: 'Stored; the next computation uses it.',
    example: { ...ECB_EXAMPLE, ratePercent: '2.15', origin: 'operator', id: '7d4f0a8e-2b7c-4c3e-9a51-6f1f4b0f2e11', createdAt: '2026-12-18T09:12:00.000Z', createdBy: 'api' },
  })
  @ApiUnprocessableEntityResponse({
    type: ErrorBodyView,
    description: 'A field is invalid or does not fit the kind, or the rate takes effect too far ahead; nothing was stored.',
    examples: {
      missingKey: errorExample('The key of the kind is missing', 'VALIDATION.FAILED', 'The request has invalid fields.', [
        { path: 'effectiveFrom', issue: 'effectiveFrom is required for ECB_MRO (the day the rate is in force from)' },
      ]),
      badRate: errorExample('Not whole basis points', 'VALIDATION.FAILED', 'The request has invalid fields.', [{ path: 'rateBp', issue: 'rateBp must be an integer number' }]),
    },
  })
  @ApiBadRequestResponse({ type: ErrorBodyView, description: 'The body is not valid JSON.', example: errorExample('', 'REQUEST.MALFORMED_JSON', 'The body is not valid JSON.').value })
  @ApiConflictResponse({
    type: ErrorBodyView,
    description: 'This key exists already (shipped or operator-added); entries are never overwritten.',
    example: errorExample('', 'RATE.DUPLICATE', 'An operator already added ECB_MRO 2027-01-01 (2.15 %, …). Entries are never overwritten; see GET /v1/rates.', [
      { path: 'effectiveFrom', issue: 'ECB_MRO 2027-01-01 already exists (operator, 2.15 %)' },
    ]).value,
  })
  create(@Body() dto: CreateRateDto): Promise<RateView> {
    return this.rates.create(dto);
  }
}
