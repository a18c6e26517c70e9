import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { recordPaymentUpdate, type PaymentReceived } from '../../workflows/messages';
import { ApiError, type ErrorBody } from '../common/api-error';
import type { CommandIdentity } from '../events/dunning-commands';
import { EventsService, payload } from '../events/events.service';
import { findInvoiceOrFail } from '../events/invoice-lookup';
import { DATA_SOURCE } from '../tokens';
import type { AssignPaymentDto, WebhookPaymentDto } from './webhook.dto';
import { WebhookStore, type WebhookIntegration } from './webhook-store';
import type { AssignedPaymentView, PaymentOutcomeView, UnmatchedPaymentView } from './webhook.views';

const PAYMENT_FIELDS = ['reference', 'amountCents', 'currency', 'valueDate', 'by'] as const;

/** A payment counts once per reference, as on POST /v1/invoices/:id/payments without an Idempotency-Key. */
const byReference = (reference: string): CommandIdentity => ({ by: 'natural-key', name: 'reference', value: reference });

/** Remittance text as banks carry it: spaces dropped, case ignored. */
const compact = (text: string) => text.replace(/\s+/g, '').toLowerCase();

const unmatchedNotFound = (id: string) => new ApiError(HttpStatus.NOT_FOUND, 'UNMATCHED_PAYMENT.NOT_FOUND', `No unmatched payment with id ${id}.`);

const alreadyAssigned = (payment: UnmatchedPaymentView) =>
  new ApiError(
    HttpStatus.CONFLICT,
    'UNMATCHED_PAYMENT.ALREADY_ASSIGNED',
    `Payment ${payment.reference} was assigned to invoice ${payment.assignedInvoiceId} by ${payment.assignedBy} on ${payment.assignedAt}.`,
  );

const sameContent = (a: UnmatchedPaymentView, b: WebhookPaymentDto) => a.amountCents === b.amountCents && a.currency === b.currency && a.valueDate === b.valueDate;

/**
 * Payments reported by an integrator: each is matched to an invoice of the integration's creditor
 * and recorded on its dunning through the events service (the workflow's recordPayment update, one
 * update id per reference), or kept for an operator when no invoice matches.
 *
 * Matching, first that finds one invoice:
 * 1. invoiceNumber, exactly, within the creditor;
 * 2. paymentReference against the invoices' payment reference. Relance issues no payment reference
 *    of its own: an invoice's payment reference is its invoice number. Spaces and case are ignored
 *    (bank remittance text), and a reference matching several invoices matches none.
 */
@Injectable()
export class PaymentWebhookService {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly events: EventsService,
    private readonly store: WebhookStore,
  ) {}

  /** Answers each payment in order. An outage (503) or a bug aborts the request: what was recorded stays, and counts once when sent again. */
  async receive(integration: WebhookIntegration, payments: WebhookPaymentDto[]): Promise<PaymentOutcomeView[]> {
    const outcomes: PaymentOutcomeView[] = [];
    for (const payment of payments) outcomes.push(await this.receiveOne(integration, payment));
    return outcomes;
  }

  /** Forgets a request's signature, so that an aborted request may be sent again as it was. */
  forgetSignature(integrationId: string, signature: string): Promise<void> {
    return this.store.forgetSeen(integrationId, signature);
  }

  private async receiveOne(integration: WebhookIntegration, payment: WebhookPaymentDto): Promise<PaymentOutcomeView> {
    const { reference } = payment;
    const kept = await this.store.keptUnmatched(integration.creditorId, reference);
    if (kept) {
      // Received before without a match: counted once, whether an operator has assigned it yet or not.
      if (!sameContent(kept, payment)) {
        return {
          reference,
          status: 'refused',
          error: { code: 'PAYMENT.REFERENCE_CONFLICT', message: `Payment ${reference} was already received with ${kept.amountCents} ${kept.currency} cents on ${kept.valueDate}` },
        };
      }
      return { reference, status: 'duplicate', ...(kept.assignedInvoiceId ? { invoiceId: kept.assignedInvoiceId } : {}) };
    }

    const invoiceId = await this.match(integration.creditorId, payment);
    if (invoiceId === undefined) {
      const { created } = await this.store.keepUnmatched(integration, payment);
      return { reference, status: created ? 'unmatched' : 'duplicate' };
    }
    try {
      const receipt = await this.record(invoiceId, integration.creditorId, payment, `webhook:${integration.name}`);
      return { reference, status: receipt.result === 'applied' ? 'recorded' : 'duplicate', invoiceId };
    } catch (error) {
      if (error instanceof ApiError && error.getStatus() < 500) {
        const { code, message } = (error.getResponse() as ErrorBody).error;
        return { reference, status: 'refused', invoiceId, error: { code, message } };
      }
      throw error;
    }
  }

  private async match(creditorId: string, payment: WebhookPaymentDto): Promise<string | undefined> {
    if (payment.invoiceNumber !== undefined) {
      const [row] = (await this.dataSource.query(`SELECT id FROM invoices WHERE creditor_id = $1 AND invoice_number = $2`, [creditorId, payment.invoiceNumber])) as {
        id: string;
      }[];
      if (row) return row.id;
    }
    if (payment.paymentReference !== undefined) {
      const rows = (await this.dataSource.query(
        `SELECT id FROM invoices WHERE creditor_id = $1 AND lower(regexp_replace(invoice_number, '\\s+', '', 'g')) = $2 LIMIT 2`,
        [creditorId, compact(payment.paymentReference)],
      )) as { id: string }[];
      if (rows.length === 1) return rows[0]!.id;
    }
    return undefined;
  }

  private record(invoiceId: string, creditorId: string, payment: Pick<PaymentReceived, 'reference' | 'amountCents' | 'currency' | 'valueDate'>, by: string) {
    const arg = payload<PaymentReceived>({ reference: payment.reference, amountCents: payment.amountCents, currency: payment.currency, valueDate: payment.valueDate, by });
    return this.events.record({ invoiceId, creditorId }, recordPaymentUpdate, arg, byReference(payment.reference), PAYMENT_FIELDS);
  }

  /**
   * Records an unmatched payment on the invoice an operator names (of the payment's creditor: 404
   * otherwise) and marks it assigned. A repeat for the same invoice answers the same (the payment is
   * counted once); another invoice once assigned: 409. If the invoice refuses the payment, the
   * assignment is undone and the refusal answered.
   */
  async assign(id: string, dto: AssignPaymentDto): Promise<AssignedPaymentView> {
    const payment = await this.store.findUnmatched(id);
    if (!payment) throw unmatchedNotFound(id);
    if (payment.assignedInvoiceId !== null && payment.assignedInvoiceId !== dto.invoiceId) throw alreadyAssigned(payment);
    await findInvoiceOrFail(this.dataSource, dto.invoiceId, payment.creditorId);
    const claim = await this.store.claim(id, dto.invoiceId, dto.by);
    if (!claim) throw alreadyAssigned((await this.store.findUnmatched(id))!);
    try {
      // The first assigner's name, so that a repeat is the very same command.
      const receipt = await this.record(dto.invoiceId, payment.creditorId, payment, claim.row.assignedBy ?? dto.by);
      return { payment: claim.row, receipt };
    } catch (error) {
      if (claim.claimed) await this.store.release(id, dto.invoiceId);
      throw error;
    }
  }
}
