import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query, Req, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiQuery,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnauthorizedResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Public, Roles } from '../auth/access';
import { validationFailed } from '../common/api-error';
import { ErrorBodyView } from '../common/error-body.view';
import { uuidPipe } from '../common/uuid-pipe';
import { PaymentWebhookService } from './payment-webhook.service';
import { AssignPaymentDto, CreateWebhookIntegrationDto, PaymentWebhookDto } from './webhook.dto';
import { WebhookSignatureGuard, type SignedWebhookRequest } from './webhook-signature.guard';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER } from './webhook-signature';
import { WebhookStore } from './webhook-store';
import { AssignedPaymentView, CreatedWebhookIntegrationView, PaymentWebhookAnswerView, UnmatchedPaymentView, WebhookIntegrationView } from './webhook.views';

const SIGNING =
  `Sign each request with the integration's secret: ${TIMESTAMP_HEADER}: <unix seconds>, and ${SIGNATURE_HEADER}: v1=<hex HMAC-SHA256 of "<timestamp>.<raw body>">, ` +
  'the key being the whole secret string. Example: `ts=$(date +%s); sig=$(printf "%s.%s" "$ts" "$body" | openssl dgst -sha256 -hmac "$secret" -r | cut -d" " -f1)`.';

/** Integrators' signed webhook endpoints (back office only: they hold secrets). */
@ApiTags('webhooks')
@Controller('v1/webhook-integrations')
export class WebhookIntegrationsController {
  constructor(private readonly store: WebhookStore) {}

  @Post()
  @ApiOperation({
    summary: 'Create a payment webhook endpoint for an integrator',
    description:
      `Answers the endpoint's URL and its signing secret, shown this once (Relance stores it, since it verifies signatures with it, but never shows or logs it again). ${SIGNING}`,
  })
  @ApiCreatedResponse({ type: CreatedWebhookIntegrationView })
  @ApiUnprocessableEntityResponse({ type: ErrorBodyView, description: 'A field is invalid or missing' })
  create(@Body() dto: CreateWebhookIntegrationDto): Promise<CreatedWebhookIntegrationView> {
    return this.store.createIntegration(dto.name, dto.creditorId);
  }

  @Get()
  @ApiOperation({ summary: 'List the payment webhook endpoints (without their secrets)' })
  @ApiOkResponse({ type: [WebhookIntegrationView] })
  list(): Promise<WebhookIntegrationView[]> {
    return this.store.listIntegrations();
  }
}

/** Where integrators (bank feeds, payment providers) report payments: authenticated by signature, not by API key. */
@ApiTags('webhooks')
@Controller('v1/webhooks/payments')
export class PaymentWebhookController {
  constructor(private readonly payments: PaymentWebhookService) {}

  @Post(':integrationId')
  @Public()
  @UseGuards(WebhookSignatureGuard)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Report payments received (signed webhook)',
    description:
      `${SIGNING} Timestamps more than 5 minutes from now are refused, and a signature is accepted once. ` +
      "Each payment is matched to an invoice of the integration's creditor — by invoiceNumber, else by paymentReference against the invoices' " +
      'payment reference, which is the invoice number — and recorded on its dunning (the same reference twice counts once), or kept for an operator ' +
      '(GET /v1/unmatched-payments). Each payment is answered on its own: recorded, duplicate, unmatched or refused (with the refusal).',
  })
  @ApiParam({ name: 'integrationId', format: 'uuid' })
  @ApiHeader({ name: TIMESTAMP_HEADER, required: true, description: 'Unix time in seconds when the request was signed', example: '1764111600' })
  @ApiHeader({ name: SIGNATURE_HEADER, required: true, description: 'v1=<hex HMAC-SHA256 of "<timestamp>.<raw body>">', example: 'v1=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd' })
  @ApiBody({
    type: PaymentWebhookDto,
    examples: {
      'Two transfers': {
        value: {
          payments: [
            { reference: 'VIR-2026-11-25-004217', amountCents: 60000, currency: 'EUR', valueDate: '2026-11-24', invoiceNumber: 'F-2026-0042' },
            { reference: 'VIR-2026-11-25-004218', amountCents: 12000, currency: 'EUR', valueDate: '2026-11-24', paymentReference: 'F 2026 0051' },
          ],
        },
      },
    },
  })
  @ApiOkResponse({ type: PaymentWebhookAnswerView })
  @ApiUnauthorizedResponse({ type: ErrorBodyView, description: 'WEBHOOK.BAD_SIGNATURE (missing, malformed or wrong signature, or unknown integration) or WEBHOOK.STALE' })
  @ApiConflictResponse({ type: ErrorBodyView, description: 'WEBHOOK.REPLAYED: this signature was received already' })
  @ApiUnprocessableEntityResponse({ type: ErrorBodyView, description: 'A field is invalid, missing or unknown (details name it: payments.0.amountCents); nothing was recorded' })
  @ApiBadRequestResponse({ type: ErrorBodyView, description: 'The body is not valid JSON' })
  @ApiServiceUnavailableResponse({ type: ErrorBodyView, description: 'Temporal did not answer: sign again and resend; payments already recorded count once' })
  async receive(@Req() request: SignedWebhookRequest, @Body() dto: PaymentWebhookDto): Promise<PaymentWebhookAnswerView> {
    const { integration, signature } = request.webhook!;
    try {
      return { payments: await this.payments.receive(integration, dto.payments) };
    } catch (error) {
      // Aborted (an outage, a bug): the same signed request may be sent again as it was.
      await this.payments.forgetSignature(integration.id, signature);
      throw error;
    }
  }
}

const STATUSES = ['unmatched', 'assigned', 'all'] as const;

/** Payments a webhook could not match to an invoice, for an operator to assign. */
@ApiTags('webhooks')
@Roles('operator')
@Controller('v1/unmatched-payments')
export class UnmatchedPaymentsController {
  constructor(
    private readonly store: WebhookStore,
    private readonly payments: PaymentWebhookService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'List the payments no invoice was found for', description: 'Oldest first, at most 500.' })
  @ApiQuery({ name: 'status', required: false, enum: STATUSES, description: 'Default: unmatched (not assigned yet)' })
  @ApiOkResponse({ type: [UnmatchedPaymentView] })
  list(@Query('status') status?: string): Promise<UnmatchedPaymentView[]> {
    const wanted = status ?? 'unmatched';
    if (!(STATUSES as readonly string[]).includes(wanted)) throw validationFailed([{ path: 'status', issue: `status must be one of ${STATUSES.join(', ')}` }]);
    return this.store.listUnmatched(wanted as (typeof STATUSES)[number]);
  }

  @Post(':id/assign')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Assign an unmatched payment to an invoice',
    description:
      "Records the payment on the invoice's dunning (as POST /v1/invoices/:id/payments would, counted once by its reference) and marks it assigned. " +
      'The same assignment again answers the same; another invoice once assigned: 409. A payment the invoice refuses stays unmatched.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: AssignedPaymentView })
  @ApiNotFoundResponse({ type: ErrorBodyView, description: "No such unmatched payment, or no such invoice of the payment's creditor" })
  @ApiConflictResponse({ type: ErrorBodyView, description: 'Assigned to another invoice already, or the dunning refused the payment (over, reference conflict)' })
  @ApiUnprocessableEntityResponse({ type: ErrorBodyView, description: 'A field is invalid, or the invoice refused the payment (currency, date)' })
  assign(@Param('id', uuidPipe()) id: string, @Body() dto: AssignPaymentDto): Promise<AssignedPaymentView> {
    return this.payments.assign(id, dto);
  }
}
