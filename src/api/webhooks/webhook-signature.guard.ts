import { HttpStatus, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { ApiError } from '../common/api-error';
import { WebhookStore, type WebhookIntegration } from './webhook-store';
import { isStale, matchingSignature, presentedSignatures, signatureOf, SIGNATURE_HEADER, TIMESTAMP_HEADER, TOLERANCE_SECONDS, timestampOf } from './webhook-signature';

export const badSignature = () =>
  new ApiError(
    HttpStatus.UNAUTHORIZED,
    'WEBHOOK.BAD_SIGNATURE',
    `The request is not signed by this integration: send ${TIMESTAMP_HEADER} (unix seconds) and ${SIGNATURE_HEADER}: v1=<hex HMAC-SHA256 of "<timestamp>.<raw body>" with the integration's secret>.`,
  );

export const stale = () =>
  new ApiError(
    HttpStatus.UNAUTHORIZED,
    'WEBHOOK.STALE',
    `${TIMESTAMP_HEADER} is more than ${TOLERANCE_SECONDS / 60} minutes away from now: sign the request again with the current time (check the sender's clock).`,
  );

export const replayed = () =>
  new ApiError(HttpStatus.CONFLICT, 'WEBHOOK.REPLAYED', 'This signed request was received already: a new delivery needs a new timestamp and signature.');

/** What the guard leaves on the request for the route. */
export interface SignedWebhookRequest {
  webhook?: { integration: WebhookIntegration; signature: string };
  /** The body as received (NestFactory.create({ rawBody: true })): what the signature covers. */
  rawBody?: Buffer;
}

/**
 * Authenticates a webhook by its signature (the route is @Public: no API key). In order: the
 * integration and a valid v1 signature of `<timestamp>.<raw body>` (401 WEBHOOK.BAD_SIGNATURE, the
 * same answer for an unknown integration), a timestamp within 5 minutes of now (401 WEBHOOK.STALE),
 * a signature not seen before (409 WEBHOOK.REPLAYED). Runs before the body is validated, so an
 * unsigned caller learns nothing about the body's rules. Never logs the secret or the signature.
 */
@Injectable()
export class WebhookSignatureGuard implements CanActivate {
  constructor(private readonly store: WebhookStore) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request & SignedWebhookRequest>();
    const integrationId = String(request.params['integrationId'] ?? '');
    const timestampHeader = request.headers[TIMESTAMP_HEADER.toLowerCase()];
    const timestamp = timestampOf(timestampHeader);
    const presented = presentedSignatures(request.headers[SIGNATURE_HEADER.toLowerCase()]);
    const found = await this.store.secretOf(integrationId);
    if (!found || timestamp === undefined || presented.length === 0) throw badSignature();

    const rawBody = request.rawBody ?? Buffer.alloc(0);
    const expected = signatureOf(found.secret, (timestampHeader as string).trim(), rawBody);
    const signature = matchingSignature(expected, presented);
    if (signature === undefined) throw badSignature();
    const now = Date.now();
    if (isStale(timestamp, now)) throw stale();
    if (!(await this.store.markSeen(found.integration.id, signature, timestamp, now))) throw replayed();

    request.webhook = { integration: found.integration, signature };
    return true;
  }
}
