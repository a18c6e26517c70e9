import { Module } from '@nestjs/common';
import { EventsModule } from '../events/events.module';
import { EventsService } from '../events/events.service';
import { PaymentWebhookService } from './payment-webhook.service';
import { WebhookSignatureGuard } from './webhook-signature.guard';
import { WebhookStore } from './webhook-store';
import { PaymentWebhookController, UnmatchedPaymentsController, WebhookIntegrationsController } from './webhooks.controller';

/**
 * Inbound payment webhooks (issue 5): integrators' signed endpoints, payments matched and recorded
 * through the events service (EventsService, on EventsModule's DunningCommands), unmatched ones
 * kept for operators.
 */
@Module({
  imports: [EventsModule],
  controllers: [WebhookIntegrationsController, PaymentWebhookController, UnmatchedPaymentsController],
  providers: [EventsService, WebhookStore, WebhookSignatureGuard, PaymentWebhookService],
})
export class WebhooksModule {}
