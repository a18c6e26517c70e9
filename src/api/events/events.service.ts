import { Inject, Injectable } from '@nestjs/common';
import type { UpdateDefinition } from '@temporalio/common';
import type { DataSource } from 'typeorm';
import type { DunningReceipt } from '../../workflows/messages';
import { validationFailed, type ErrorDetail } from '../common/api-error';
import { DATA_SOURCE } from '../tokens';
import { DunningCommands, type CommandIdentity } from './dunning-commands';
import type { DunningReceiptView } from './dunning-receipt.view';
import { findInvoiceOrFail } from './invoice-lookup';

/** A workflow payload without the optional fields left out (JSON drops them anyway; the update id hashes what is sent). */
export function payload<T extends object>(fields: T): T {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as T;
}

/** The update id's identity: the Idempotency-Key when sent, else the event's natural key if it has one. */
export function identityOf(idempotencyKey: string | undefined, natural?: { name: string; value: string }): CommandIdentity {
  if (idempotencyKey !== undefined) return { by: 'idempotency-key', key: idempotencyKey };
  return natural ? { by: 'natural-key', ...natural } : { by: 'none' };
}

@Injectable()
export class EventsService {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly commands: DunningCommands,
  ) {}

  /**
   * Records one event on the invoice's dunning. `scope`: the invoice, and the creditor an integrator
   * key is confined to. `problems` are the body's cross-field problems (checked before anything is
   * looked up, like every validation).
   */
  async record<A extends object>(
    scope: { invoiceId: string; creditorId?: string },
    update: UpdateDefinition<DunningReceipt, [A]>,
    arg: A,
    identity: CommandIdentity,
    fields: readonly string[],
    problems: ErrorDetail[] = [],
  ): Promise<DunningReceiptView> {
    if (problems.length > 0) throw validationFailed(problems);
    const invoice = await findInvoiceOrFail(this.dataSource, scope.invoiceId, scope.creditorId);
    return this.commands.run(invoice, update, arg, identity, fields);
  }
}
