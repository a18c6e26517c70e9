import { Inject, Injectable } from '@nestjs/common';
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import type { AppConfig } from '../../config/config';
import { parisInstant } from '../../domain/calendar';
import type { InvoiceEntity } from '../../db/entities/invoice.entity';
import type { dunningWorkflow } from '../../workflows';
import type { DunningInput, DunningState } from '../../workflows/dunning-input';
import { dunningStateQuery } from '../../workflows/messages';
import { RelanceAmountDueCents, RelanceCustomerId, RelanceDueDate, RelanceInvoiceNumber, RelanceStage } from '../../workflows/search-attributes';
import { APP_CONFIG, TEMPORAL_CLIENT } from '../tokens';
import { DunningTermsResolver, type DunningTerms, type TermsOf } from './dunning-terms-resolver';

/** How long a read waits for a workflow's live state before answering with the stored one. */
const QUERY_DEADLINE_MS = 3000;

/**
 * How long starting a dunning may take, gRPC retries included, before the API answers 503 (the
 * invoice is stored; the client's retry of the same POST starts the dunning). Without it, an
 * unreachable Temporal holds the request some 20 s, past many HTTP clients' timeouts.
 */
const START_DEADLINE_MS = 8000;

/** Starts and reads dunnings in Temporal on behalf of the API. */
@Injectable()
export class DunningStarter {
  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly terms: DunningTermsResolver,
  ) {}

  /**
   * The terms of many dunnings about to start, read once for the lot (termsOf(invoice) for each).
   * When they cannot be read, starting each of them fails with that error, as it would have alone.
   */
  async termsFor(invoices: readonly InvoiceEntity[]): Promise<TermsOf> {
    try {
      return await this.terms.resolveAll(invoices);
    } catch (error) {
      return () => {
        throw error;
      };
    }
  }

  /**
   * Starts the invoice's dunning unless it exists. Safe to call again: the id is deterministic and
   * a second start, even after the dunning ended, is refused by Temporal and ignored here.
   * `terms`: already resolved (termsFor), else read now.
   */
  async ensureStarted(invoice: InvoiceEntity, terms?: DunningTerms): Promise<void> {
    const input: DunningInput = {
      invoiceId: invoice.id,
      creditorId: invoice.creditorId,
      invoiceNumber: invoice.invoiceNumber,
      customerId: invoice.customerId,
      amountDueCents: invoice.totalCents,
      currency: invoice.currency,
      dueDate: invoice.dueDate,
      sendHour: this.config.dunning.sendHour,
      sendDays: this.config.dunning.sendDays,
      // The plan in force and the penalty terms, copied: editing them later never changes this dunning.
      ...(terms ?? (await this.terms.resolve(invoice))),
    };
    const { plan } = input;
    try {
      await this.client.withDeadline(Date.now() + START_DEADLINE_MS, () => this.client.workflow.start<typeof dunningWorkflow>('dunningWorkflow', {
        workflowId: invoice.workflowId,
        taskQueue: this.config.temporal.taskQueue,
        args: [input],
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
        workflowIdConflictPolicy: 'FAIL',
        staticSummary: `Invoice ${invoice.invoiceNumber} · ${invoice.debtorName} · ${(invoice.totalCents / 100).toFixed(2)} ${invoice.currency} · due ${invoice.dueDate}`,
        staticDetails: `Plan **${plan.name} v${plan.version}**: ${plan.steps.map((s) => `${s.key} (${s.anchor} ${s.offsetDays >= 0 ? '+' : ''}${s.offsetDays})`).join(', ')}`,
        typedSearchAttributes: [
          { key: RelanceStage, value: invoice.stage },
          { key: RelanceInvoiceNumber, value: invoice.invoiceNumber },
          { key: RelanceCustomerId, value: invoice.customerId },
          { key: RelanceAmountDueCents, value: invoice.totalCents },
          { key: RelanceDueDate, value: parisInstant(invoice.dueDate, 0) },
        ],
      }));
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    }
  }

  /** The workflow's live state, or null when it cannot be had quickly (Temporal or the worker unreachable). */
  async liveState(workflowId: string): Promise<DunningState | null> {
    try {
      return await this.client.withDeadline(Date.now() + QUERY_DEADLINE_MS, () =>
        this.client.workflow.getHandle(workflowId).query(dunningStateQuery),
      );
    } catch {
      return null;
    }
  }
}
