import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { DATA_SOURCE } from '../tokens';
import { newWebhookSecret, SEEN_SIGNATURE_RETENTION_SECONDS } from './webhook-signature';
import type { CreatedWebhookIntegrationView, UnmatchedPaymentView, WebhookIntegrationView } from './webhook.views';

export interface WebhookIntegration {
  id: string;
  name: string;
  creditorId: string;
}

interface IntegrationRow {
  id: string;
  name: string;
  creditor_id: string;
  created_at: Date;
}

interface UnmatchedRow {
  id: string;
  integration_id: string;
  creditor_id: string;
  reference: string;
  amount_cents: string;
  currency: string;
  value_date: string;
  invoice_number: string | null;
  payment_reference: string | null;
  received_at: Date;
  assigned_invoice_id: string | null;
  assigned_by: string | null;
  assigned_at: Date | null;
}

export interface UnmatchedPaymentInput {
  reference: string;
  amountCents: number;
  currency: string;
  valueDate: string;
  invoiceNumber?: string;
  paymentReference?: string;
}

const INTEGRATION_COLUMNS = 'id, name, creditor_id, created_at';
const UNMATCHED_COLUMNS =
  "id, integration_id, creditor_id, reference, amount_cents, currency, to_char(value_date, 'YYYY-MM-DD') AS value_date, invoice_number, payment_reference, received_at, assigned_invoice_id, assigned_by, assigned_at";

const integrationView = (row: IntegrationRow): WebhookIntegrationView => ({
  id: row.id,
  name: row.name,
  creditorId: row.creditor_id,
  url: `/v1/webhooks/payments/${row.id}`,
  createdAt: row.created_at.toISOString(),
});

export const unmatchedView = (row: UnmatchedRow): UnmatchedPaymentView => ({
  id: row.id,
  integrationId: row.integration_id,
  creditorId: row.creditor_id,
  reference: row.reference,
  amountCents: Number(row.amount_cents),
  currency: row.currency,
  valueDate: row.value_date,
  invoiceNumber: row.invoice_number,
  paymentReference: row.payment_reference,
  receivedAt: row.received_at.toISOString(),
  status: row.assigned_invoice_id === null ? 'unmatched' : 'assigned',
  assignedInvoiceId: row.assigned_invoice_id,
  assignedBy: row.assigned_by,
  assignedAt: row.assigned_at?.toISOString() ?? null,
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The webhook tables, in SQL. The integration secret is read in one place only (secretOf, to verify
 * a signature): every other query leaves it out, so no list, view or log line can carry it.
 */
@Injectable()
export class WebhookStore {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  async createIntegration(name: string, creditorId: string): Promise<CreatedWebhookIntegrationView> {
    const secret = newWebhookSecret();
    const [row] = (await this.dataSource.query(
      `INSERT INTO webhook_integrations (name, creditor_id, secret) VALUES ($1, $2, $3) RETURNING ${INTEGRATION_COLUMNS}`,
      [name, creditorId, secret],
    )) as IntegrationRow[];
    return { ...integrationView(row!), secret };
  }

  async listIntegrations(): Promise<WebhookIntegrationView[]> {
    const rows = (await this.dataSource.query(`SELECT ${INTEGRATION_COLUMNS} FROM webhook_integrations ORDER BY created_at, id`)) as IntegrationRow[];
    return rows.map(integrationView);
  }

  /** The integration and its secret, to verify a request; undefined for an unknown (or malformed) id. */
  async secretOf(id: string): Promise<{ integration: WebhookIntegration; secret: string } | undefined> {
    if (!UUID.test(id)) return undefined;
    const [row] = (await this.dataSource.query(`SELECT id, name, creditor_id, secret FROM webhook_integrations WHERE id = $1`, [id])) as (IntegrationRow & {
      secret: string;
    })[];
    return row ? { integration: { id: row.id, name: row.name, creditorId: row.creditor_id }, secret: row.secret } : undefined;
  }

  /**
   * Records a signature as seen; false if it was seen already (a replay). Prunes the signatures seen
   * more than 10 minutes ago first: their timestamps are stale by now, so they cannot come back.
   */
  async markSeen(integrationId: string, signature: string, timestampSeconds: number, nowMs: number = Date.now()): Promise<boolean> {
    await this.dataSource.query(`DELETE FROM webhook_signatures WHERE seen_at < $1`, [new Date(nowMs - SEEN_SIGNATURE_RETENTION_SECONDS * 1000)]);
    const inserted = (await this.dataSource.query(
      `INSERT INTO webhook_signatures (integration_id, signature, signed_at, seen_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (integration_id, signature) DO NOTHING RETURNING signature`,
      [integrationId, signature, new Date(timestampSeconds * 1000), new Date(nowMs)],
    )) as unknown[];
    return inserted.length === 1;
  }

  /** Forgets a signature, so a request that failed on an outage may be sent again as it was. */
  async forgetSeen(integrationId: string, signature: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM webhook_signatures WHERE integration_id = $1 AND signature = $2`, [integrationId, signature]);
  }

  /**
   * Keeps an unmatched payment; the same reference (per creditor) is kept once. Answers the stored
   * row and whether it is new.
   */
  async keepUnmatched(integration: WebhookIntegration, payment: UnmatchedPaymentInput): Promise<{ row: UnmatchedPaymentView; created: boolean }> {
    const inserted = (await this.dataSource.query(
      `INSERT INTO unmatched_payments (integration_id, creditor_id, reference, amount_cents, currency, value_date, invoice_number, payment_reference)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (creditor_id, reference) DO NOTHING RETURNING ${UNMATCHED_COLUMNS}`,
      [
        integration.id,
        integration.creditorId,
        payment.reference,
        payment.amountCents,
        payment.currency,
        payment.valueDate,
        payment.invoiceNumber ?? null,
        payment.paymentReference ?? null,
      ],
    )) as UnmatchedRow[];
    if (inserted[0]) return { row: unmatchedView(inserted[0]), created: true };
    const [existing] = (await this.dataSource.query(`SELECT ${UNMATCHED_COLUMNS} FROM unmatched_payments WHERE creditor_id = $1 AND reference = $2`, [
      integration.creditorId,
      payment.reference,
    ])) as UnmatchedRow[];
    return { row: unmatchedView(existing!), created: false };
  }

  /** The unmatched payment kept under this reference for the creditor, if any. */
  async keptUnmatched(creditorId: string, reference: string): Promise<UnmatchedPaymentView | undefined> {
    const [row] = (await this.dataSource.query(`SELECT ${UNMATCHED_COLUMNS} FROM unmatched_payments WHERE creditor_id = $1 AND reference = $2`, [
      creditorId,
      reference,
    ])) as UnmatchedRow[];
    return row ? unmatchedView(row) : undefined;
  }

  async listUnmatched(status: 'unmatched' | 'assigned' | 'all'): Promise<UnmatchedPaymentView[]> {
    const where = status === 'all' ? '' : status === 'unmatched' ? 'WHERE assigned_invoice_id IS NULL' : 'WHERE assigned_invoice_id IS NOT NULL';
    const rows = (await this.dataSource.query(`SELECT ${UNMATCHED_COLUMNS} FROM unmatched_payments ${where} ORDER BY received_at, id LIMIT 500`)) as UnmatchedRow[];
    return rows.map(unmatchedView);
  }

  async findUnmatched(id: string): Promise<UnmatchedPaymentView | undefined> {
    const [row] = (await this.dataSource.query(`SELECT ${UNMATCHED_COLUMNS} FROM unmatched_payments WHERE id = $1`, [id])) as UnmatchedRow[];
    return row ? unmatchedView(row) : undefined;
  }

  /**
   * Claims the payment for an invoice: succeeds when it is unassigned, or assigned to that invoice
   * already (a repeat). Answers the row after the claim and whether this call made it, or undefined
   * when it is assigned to another invoice.
   */
  async claim(id: string, invoiceId: string, by: string): Promise<{ row: UnmatchedPaymentView; claimed: boolean } | undefined> {
    // The postgres driver answers an UPDATE … RETURNING with [rows, count].
    const [rows] = (await this.dataSource.query(
      `UPDATE unmatched_payments SET assigned_invoice_id = $2, assigned_by = $3, assigned_at = now()
       WHERE id = $1 AND assigned_invoice_id IS NULL RETURNING ${UNMATCHED_COLUMNS}`,
      [id, invoiceId, by],
    )) as [UnmatchedRow[], number];
    if (rows[0]) return { row: unmatchedView(rows[0]), claimed: true };
    const current = await this.findUnmatched(id);
    return current?.assignedInvoiceId === invoiceId ? { row: current, claimed: false } : undefined;
  }

  /** Undoes a claim this request made, when the invoice refused the payment. */
  async release(id: string, invoiceId: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE unmatched_payments SET assigned_invoice_id = NULL, assigned_by = NULL, assigned_at = NULL WHERE id = $1 AND assigned_invoice_id = $2`,
      [id, invoiceId],
    );
  }
}
