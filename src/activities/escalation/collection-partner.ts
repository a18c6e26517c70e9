/**
 * Tells the collection partner an escalation file is ready: a signed JSON webhook, recorded in
 * collection_partner_notifications (one row per file). A 2xx is recorded 'delivered' and never sent
 * again; no partner configured is recorded 'skipped'; a 4xx (but 408/429) fails for good (the
 * workflow's failure path opens an operator task); a 5xx, 408, 429 or network error is thrown for
 * Temporal to retry, with the same Idempotency-Key.
 *
 * X-Relance-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>" with the secret>.
 */
import { createHmac } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/activity';
import type { DataSource } from 'typeorm';

export interface CollectionPartnerSettings {
  webhookUrl: string;
  webhookSecret: string;
}

export interface EscalationFileReady {
  event: 'escalation_file.ready';
  invoiceId: string;
  invoiceNumber: string;
  documentId: string;
  sha256: string;
  downloadUrl: string;
}

export type NotificationOutcome = { status: 'delivered' | 'skipped'; alreadyDone: boolean };

const TIMEOUT_MS = 15_000;

export function signatureHeader(secret: string, body: string, unixSeconds: number): string {
  const v1 = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${v1}`;
}

export async function notifyCollectionPartnerOnce(
  dataSource: DataSource,
  partner: CollectionPartnerSettings | null,
  keys: { idempotencyKey: string; dunningId: string; invoiceId: string },
  payload: EscalationFileReady,
): Promise<NotificationOutcome> {
  const [existing] = await dataSource.query(`SELECT status FROM collection_partner_notifications WHERE document_id = $1`, [payload.documentId]);
  if (existing && (existing.status === 'delivered' || existing.status === 'skipped')) return { status: existing.status, alreadyDone: true };

  if (!partner) {
    await dataSource.query(
      `INSERT INTO collection_partner_notifications (document_id, idempotency_key, dunning_id, invoice_id, status)
       VALUES ($1, $2, $3, $4, 'skipped') ON CONFLICT (document_id) DO UPDATE SET status = 'skipped', updated_at = now()`,
      [payload.documentId, keys.idempotencyKey, keys.dunningId, keys.invoiceId],
    );
    return { status: 'skipped', alreadyDone: false };
  }

  await dataSource.query(
    `INSERT INTO collection_partner_notifications (document_id, idempotency_key, dunning_id, invoice_id, status, webhook_url, attempts)
     VALUES ($1, $2, $3, $4, 'pending', $5, 1)
     ON CONFLICT (document_id) DO UPDATE SET status = 'pending', webhook_url = $5, attempts = collection_partner_notifications.attempts + 1, updated_at = now()`,
    [payload.documentId, keys.idempotencyKey, keys.dunningId, keys.invoiceId, partner.webhookUrl],
  );
  const record = (status: 'pending' | 'delivered' | 'rejected', httpStatus: number | null, error: string | null) =>
    dataSource.query(
      `UPDATE collection_partner_notifications SET status = $2, last_http_status = $3, last_error = $4, updated_at = now(),
         delivered_at = CASE WHEN $2 = 'delivered' THEN now() ELSE delivered_at END
       WHERE document_id = $1`,
      [payload.documentId, status, httpStatus, error],
    );

  const body = JSON.stringify(payload);
  let response: Response;
  try {
    response = await fetch(partner.webhookUrl, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'User-Agent': 'Relance escalation webhook',
        'Idempotency-Key': keys.idempotencyKey,
        'X-Relance-Signature': signatureHeader(partner.webhookSecret, body, Math.floor(Date.now() / 1000)),
      },
      body,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    const message = `Collection partner webhook unreachable: ${error instanceof Error ? `${error.message}${error.cause instanceof Error ? ` (${error.cause.message})` : ''}` : String(error)}`;
    await record('pending', null, message);
    throw ApplicationFailure.retryable(message, 'COLLECTION_PARTNER.UNREACHABLE');
  }
  const answer = (await response.text().catch(() => '')).slice(0, 500);
  if (response.ok) {
    await record('delivered', response.status, null);
    return { status: 'delivered', alreadyDone: false };
  }
  const message = `Collection partner answered ${response.status} to escalation_file.ready for invoice ${payload.invoiceNumber}${answer ? `: ${answer}` : ''}`;
  if (response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429) {
    await record('rejected', response.status, message);
    throw ApplicationFailure.nonRetryable(
      `${message}. Check COLLECTION_PARTNER_WEBHOOK_URL and _SECRET with the partner, then send them the file by hand (document ${payload.documentId})`,
      'COLLECTION_PARTNER.REJECTED',
    );
  }
  await record('pending', response.status, message);
  throw ApplicationFailure.retryable(message, 'COLLECTION_PARTNER.UNAVAILABLE');
}
