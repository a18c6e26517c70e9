import { createHash } from 'node:crypto';
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../../config/config';
import { addDays, daysBetween, parisDateOf } from '../../domain/calendar';
import { InvoiceEntity } from '../../db/entities/invoice.entity';
import { ApiError, validationFailed, type ErrorDetail } from '../common/api-error';
import { DEFAULT_PAGE_SIZE } from '../common/page-query.dto';
import { canonicalJson } from '../common/same-json';
import { APP_CONFIG, DATA_SOURCE } from '../tokens';
import type { CreateInvoiceDto } from './create-invoice.dto';
import { DunningStarter } from './dunning-starter';
import { importInvoices } from './invoice-batch';
import { decodeInvoiceCursor, encodeInvoiceCursor } from './invoice-cursor';
import { differingIdentityFields, invoiceCandidate, invoiceProblems, markDunningsStarted } from './invoice-rules';
import { toInvoiceSummaryView, toInvoiceView, type BatchResultView, type InvoicePageView, type InvoiceView } from './invoice.view';
import type { ListInvoicesQueryDto } from './list-invoices-query.dto';

/** Idempotency keys: 1 to 255 printable ASCII characters (a UUID, a ULID, "import-42/F-0001"). */
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

@Injectable()
export class InvoicesService {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dunnings: DunningStarter,
  ) {}

  /**
   * Stores the invoice and starts its dunning. The same invoice number again returns the existing
   * invoice (and starts its dunning if an earlier attempt stored it but could not reach Temporal).
   * With an idempotency key, the same key again answers the invoice it created; with another body, 409.
   */
  async create(dto: CreateInvoiceDto, idempotencyKey?: string): Promise<{ invoice: InvoiceView; created: boolean }> {
    const problems: ErrorDetail[] = invoiceProblems(dto);
    if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
      problems.unshift({ path: 'Idempotency-Key', issue: 'Idempotency-Key must be 1 to 255 printable ASCII characters without spaces' });
    }
    if (problems.length > 0) throw validationFailed(problems);

    const creditorId = this.config.dunning.creditorId;
    const repo = this.dataSource.getRepository(InvoiceEntity);
    const bodyHash = idempotencyKey === undefined ? undefined : createHash('sha256').update(canonicalJson(dto)).digest();
    if (idempotencyKey !== undefined && bodyHash) {
      const replayed = await this.replay(creditorId, idempotencyKey, bodyHash);
      if (replayed) return { invoice: replayed, created: false };
    }

    const candidate = invoiceCandidate(dto, creditorId);
    const inserted = await repo.createQueryBuilder().insert().values(candidate).orIgnore().returning(['id']).execute();
    const created = inserted.raw.length > 0;
    const invoice = await repo.findOneByOrFail({ creditorId, invoiceNumber: dto.invoiceNumber });
    if (!created) {
      const differing = differingIdentityFields(invoice, candidate);
      if (differing.length > 0) {
        throw new ApiError(
          HttpStatus.CONFLICT,
          'INVOICE.NUMBER_CONFLICT',
          `Invoice ${dto.invoiceNumber} already exists with different ${differing.join(', ')}.`,
          differing.map((path) => ({ path, issue: 'differs from the stored invoice' })),
        );
      }
    }
    await this.dunnings.ensureStarted(invoice);
    await markDunningsStarted(this.dataSource, [invoice.id]);
    if (idempotencyKey !== undefined && bodyHash) {
      const stored: { invoice_id: string }[] = await this.dataSource.query(
        `INSERT INTO invoice_idempotency_keys (creditor_id, key, body_sha256, invoice_id) VALUES ($1, $2, $3, $4)
         ON CONFLICT (creditor_id, key) DO NOTHING RETURNING invoice_id`,
        [creditorId, idempotencyKey, bodyHash, invoice.id],
      );
      // A concurrent request with the same key stored it first: same body, same answer; else 409.
      if (stored.length === 0) {
        const replayed = await this.replay(creditorId, idempotencyKey, bodyHash);
        if (replayed) return { invoice: replayed, created: false };
      }
    }
    return { invoice: toInvoiceView(invoice, await this.dunnings.liveState(invoice.workflowId)), created };
  }

  /** The invoice an idempotency key created, null for a new key; 409 when the key came with another body. */
  private async replay(creditorId: string, key: string, bodyHash: Buffer): Promise<InvoiceView | null> {
    const rows: { body_sha256: Buffer; invoice_id: string }[] = await this.dataSource.query(
      'SELECT body_sha256, invoice_id FROM invoice_idempotency_keys WHERE creditor_id = $1 AND key = $2',
      [creditorId, key],
    );
    if (rows.length === 0) return null;
    if (!Buffer.from(rows[0].body_sha256).equals(bodyHash)) {
      throw new ApiError(HttpStatus.CONFLICT, 'IDEMPOTENCY.KEY_REUSED', `Idempotency-Key ${key} was already used with a different body; use a new key for a new invoice.`, [
        { path: 'Idempotency-Key', issue: 'already used with a different body' },
      ]);
    }
    const invoice = await this.dataSource.getRepository(InvoiceEntity).findOneByOrFail({ id: rows[0].invoice_id });
    return toInvoiceView(invoice, await this.dunnings.liveState(invoice.workflowId));
  }

  /** The invoice; with a creditor scope (integrator keys), another creditor's invoice is not found, as if it did not exist. */
  async get(id: string, creditorId?: string): Promise<InvoiceView> {
    const invoice = await this.dataSource.getRepository(InvoiceEntity).findOneBy({ id, ...(creditorId === undefined ? {} : { creditorId }) });
    if (!invoice) throw new ApiError(HttpStatus.NOT_FOUND, 'INVOICE.NOT_FOUND', `No invoice with id ${id}.`);
    return toInvoiceView(invoice, await this.dunnings.liveState(invoice.workflowId));
  }

  /**
   * One page by (due_date, id), from PostgreSQL only. overdue days are counted from today in
   * Europe/Paris; amounts compare the balance once the dunning recorded one, else the total.
   */
  async list(query: ListInvoicesQueryDto, scope?: string): Promise<InvoicePageView> {
    const problems: ErrorDetail[] = [];
    const ordered = (min: keyof ListInvoicesQueryDto, max: keyof ListInvoicesQueryDto) => {
      const [low, high] = [query[min], query[max]];
      if (low !== undefined && high !== undefined && low > high) problems.push({ path: max, issue: `${max} must not be less than ${min}` });
    };
    ordered('overdueDaysMin', 'overdueDaysMax');
    ordered('amountMinCents', 'amountMaxCents');
    ordered('dueFrom', 'dueTo');
    if (problems.length > 0) throw validationFailed(problems);

    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = query.cursor === undefined ? undefined : decodeInvoiceCursor(query.cursor);
    const today = parisDateOf(Date.now());
    const qb = this.dataSource.getRepository(InvoiceEntity).createQueryBuilder('i');
    if (scope !== undefined) qb.andWhere('i.creditor_id = :scope', { scope });
    if (query.stage !== undefined) qb.andWhere('i.stage = :stage', { stage: query.stage });
    if (query.customerId !== undefined) qb.andWhere('i.customer_id = :customerId', { customerId: query.customerId });
    // overdue days = today - due date, so a minimum is a latest due date and a maximum an earliest one.
    if (query.overdueDaysMin !== undefined) qb.andWhere('i.due_date <= CAST(:dueAtLatest AS date)', { dueAtLatest: addDays(today, -query.overdueDaysMin) });
    if (query.overdueDaysMax !== undefined) qb.andWhere('i.due_date >= CAST(:dueAtEarliest AS date)', { dueAtEarliest: addDays(today, -query.overdueDaysMax) });
    if (query.amountMinCents !== undefined) qb.andWhere('COALESCE(i.balance_cents, i.total_cents) >= :amountMin', { amountMin: query.amountMinCents });
    if (query.amountMaxCents !== undefined) qb.andWhere('COALESCE(i.balance_cents, i.total_cents) <= :amountMax', { amountMax: query.amountMaxCents });
    if (query.dueFrom !== undefined) qb.andWhere('i.due_date >= CAST(:dueFrom AS date)', { dueFrom: query.dueFrom });
    if (query.dueTo !== undefined) qb.andWhere('i.due_date <= CAST(:dueTo AS date)', { dueTo: query.dueTo });
    if (after) qb.andWhere('(i.due_date, i.id) > (CAST(:afterDue AS date), CAST(:afterId AS uuid))', { afterDue: after.dueDate, afterId: after.id });
    const rows = await qb.orderBy('i.due_date', 'ASC').addOrderBy('i.id', 'ASC').limit(limit + 1).getMany();
    const items = rows.slice(0, limit);
    const last = items.at(-1);
    const nextCursor = rows.length > limit && last ? encodeInvoiceCursor({ dueDate: last.dueDate, id: last.id }) : null;
    return { items: items.map((invoice) => toInvoiceSummaryView(invoice, daysBetween(invoice.dueDate, today))), nextCursor };
  }

  /** POST /v1/invoices/batch: see importInvoices. */
  importBatch(items: readonly unknown[]): Promise<BatchResultView> {
    return importInvoices(this.dataSource, this.dunnings, this.config.dunning.creditorId, items);
  }
}
