import { createHash, randomUUID } from 'node:crypto';
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import {
  ApplicationFailure,
  isGrpcServiceError,
  ServiceError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
  type Client,
  type WorkflowHandle,
} from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import type { InvoiceEntity } from '../../db/entities/invoice.entity';
import { FINAL_STAGES } from '../../workflows/dunning-input';
import { dunningStateQuery, type DunningReceipt } from '../../workflows/messages';
import { ApiError, OUTAGE_RETRY_AFTER_SECONDS } from '../common/api-error';
import { canonicalJson } from '../common/same-json';
import { TEMPORAL_CLIENT } from '../tokens';
import { toReceiptView, type DunningReceiptView } from './dunning-receipt.view';
import { isRefusalCode, refusalToApiError } from './refusals';

/**
 * How long a command may take, from the first call to Temporal to the workflow's answer. The update
 * handler writes the timeline (a local activity) before answering: normally well under a second.
 * Past this, Temporal or the worker is taken as unavailable (503): the command may still be applied
 * later, which is why a retry must carry the same Idempotency-Key.
 */
export const COMMAND_DEADLINE_MS = 10_000;

/**
 * What makes two requests the same command, and so the same Temporal update id (Temporal applies an
 * update id once per dunning and answers its outcome to every repeat):
 * - `idempotency-key`: the client's Idempotency-Key header;
 * - `natural-key`: what names the event in the world (a payment's reference, a letter's tracking
 *   number), when the client sent no key;
 * - `task`: the operator task it completes (one outcome per task);
 * - `none`: each request is a command of its own (holds, disputes, promises: the workflow answers
 *   `unchanged` to what is already so).
 * Except for tasks, the body's hash is part of the id: a key reused for a different body is a
 * different command and is judged on its own, never answered with another command's outcome.
 */
export type CommandIdentity =
  | { by: 'idempotency-key'; key: string }
  | { by: 'natural-key'; name: string; value: string }
  | { by: 'task'; taskId: string }
  | { by: 'none' };

export function updateIdOf(updateName: string, identity: CommandIdentity, arg: unknown): string {
  const body = createHash('sha256').update(canonicalJson(arg)).digest('hex').slice(0, 32);
  switch (identity.by) {
    case 'idempotency-key':
      return `${updateName}:idempotency-key:${identity.key}:${body}`;
    case 'natural-key':
      return `${updateName}:${identity.name}:${identity.value}:${body}`;
    case 'task':
      return `${updateName}:task:${identity.taskId}`;
    case 'none':
      return `${updateName}:request:${randomUUID()}`;
  }
}

const unavailable = () =>
  new ApiError(
    HttpStatus.SERVICE_UNAVAILABLE,
    'SERVICE.UNAVAILABLE',
    'The dunning engine (Temporal or its worker) did not answer in time. The event may still be applied: retry with the same Idempotency-Key.',
    [],
    OUTAGE_RETRY_AFTER_SECONDS,
  );

function isUnavailable(error: unknown): boolean {
  return error instanceof WorkflowUpdateRPCTimeoutOrCancelledError || error instanceof ServiceError || isGrpcServiceError(error);
}

/** Sends events to an invoice's dunning workflow as Temporal updates and answers what the workflow answers. */
@Injectable()
export class DunningCommands {
  constructor(@Inject(TEMPORAL_CLIENT) private readonly client: Client) {}

  /**
   * Runs one update. `fields` are the body's fields, to name the one a refusal is about. A repeat
   * of a command already applied (same update id) answers `duplicate` with the dunning's current
   * state rather than the first answer's, which may be long out of date.
   */
  async run<A extends object>(
    invoice: InvoiceEntity,
    update: UpdateDefinition<DunningReceipt, [A]>,
    arg: A,
    identity: CommandIdentity,
    fields: readonly string[],
  ): Promise<DunningReceiptView> {
    const updateId = updateIdOf(update.name, identity, arg);
    const handle = this.client.workflow.getHandle(invoice.workflowId);
    try {
      const receipt = await this.client.withDeadline(Date.now() + COMMAND_DEADLINE_MS, async (): Promise<DunningReceipt> => {
        if (identity.by !== 'none' && (await this.alreadyApplied(handle, updateId))) {
          const state = await handle.query(dunningStateQuery);
          return { result: 'duplicate', stage: state.stage, amountDueCents: state.amountDueCents, paused: state.paused, nextAction: state.nextAction };
        }
        return handle.executeUpdate(update, { args: [arg], updateId });
      });
      return toReceiptView(invoice.id, receipt);
    } catch (error) {
      throw await this.toApiError(error, invoice, handle, fields);
    }
  }

  /** Whether an update with this id was accepted already (a refused one leaves no trace and may be sent again). */
  private async alreadyApplied(handle: WorkflowHandle, updateId: string): Promise<boolean> {
    try {
      await handle.getUpdateHandle<DunningReceipt>(updateId).result();
      return true;
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return false; // no such update (or no such workflow: executeUpdate says which)
      throw error;
    }
  }

  private async toApiError(error: unknown, invoice: InvoiceEntity, handle: WorkflowHandle, fields: readonly string[]): Promise<unknown> {
    if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure && isRefusalCode(error.cause.type ?? undefined)) {
      return refusalToApiError(error.cause.type as Parameters<typeof refusalToApiError>[0], error.cause.message, fields);
    }
    if (error instanceof WorkflowNotFoundError) return this.notRunning(invoice, handle);
    if (isUnavailable(error)) return unavailable();
    return error; // anything else is a bug: the error filter logs it and answers 500
  }

  /** The workflow is not there to take the event: ended (and closed), or never started. */
  private async notRunning(invoice: InvoiceEntity, handle: WorkflowHandle): Promise<ApiError> {
    const finished = (status: string) =>
      new ApiError(HttpStatus.CONFLICT, 'DUNNING.FINISHED', `The dunning of invoice ${invoice.invoiceNumber} is over (${status}): nothing more can be recorded on it.`);
    if ((FINAL_STAGES as readonly string[]).includes(invoice.stage)) return finished(invoice.stage);
    try {
      const description = await this.client.withDeadline(Date.now() + COMMAND_DEADLINE_MS, () => handle.describe());
      return finished(`its workflow is ${description.status.name.toLowerCase()}`);
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) {
        return new ApiError(
          HttpStatus.CONFLICT,
          'DUNNING.NOT_STARTED',
          `Invoice ${invoice.invoiceNumber} has no dunning yet (Temporal could not be reached when it was stored): send the same POST /v1/invoices again to start it.`,
        );
      }
      if (isUnavailable(error)) return unavailable();
      throw error;
    }
  }
}
