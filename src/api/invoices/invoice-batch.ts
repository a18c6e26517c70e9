import { Logger, type ValidationError } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { DataSource } from 'typeorm';
import { InvoiceEntity } from '../../db/entities/invoice.entity';
import type { ErrorDetail } from '../common/api-error';
import { outageOf } from '../common/outage';
import { CreateInvoiceDto } from './create-invoice.dto';
import type { DunningStarter } from './dunning-starter';
import type { BatchLineView, BatchResultView } from './invoice.view';
import { differingIdentityFields, invoiceCandidate, invoiceProblems, markDunningsStarted } from './invoice-rules';

/** Rows per INSERT: 14 columns each, well under PostgreSQL's 65,535 parameters. */
const INSERT_CHUNK = 1000;
/** Dunnings started at once. */
export const START_CONCURRENCY = 32;

const logger = new Logger('InvoiceBatch');

function flatten(errors: ValidationError[], parent = ''): ErrorDetail[] {
  return errors.flatMap((error) => {
    const path = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((issue) => ({ path, issue }));
    return [...own, ...flatten(error.children ?? [], path)];
  });
}

/** A line checked as POST /v1/invoices checks its body: the DTO, or what is wrong with it. */
async function checkLine(item: unknown): Promise<{ dto: CreateInvoiceDto } | { errors: ErrorDetail[] }> {
  if (item === null || typeof item !== 'object' || Array.isArray(item)) return { errors: [{ path: '', issue: 'each invoice must be a JSON object' }] };
  const dto = plainToInstance(CreateInvoiceDto, item);
  const errors = flatten(await validate(dto, { whitelist: true, forbidNonWhitelisted: true, validationError: { target: false, value: false } }));
  if (errors.length > 0) return { errors };
  const problems = invoiceProblems(dto);
  return problems.length > 0 ? { errors: problems } : { dto };
}

const chunks = <T>(items: readonly T[], size: number): T[][] => Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

/**
 * Imports up to 10,000 invoices: each line validated on its own, rows inserted in chunks (an
 * invoice number already stored is left as it is), then the dunnings not yet known to be started
 * started a few at a time. When Temporal fails midway the rows stay stored and their lines say
 * dunning 'pending': the same batch again starts them (and creates nothing twice).
 */
export async function importInvoices(dataSource: DataSource, dunnings: DunningStarter, creditorId: string, items: readonly unknown[]): Promise<BatchResultView> {
  const lines: BatchLineView[] = new Array(items.length);
  const valid: { index: number; candidate: Partial<InvoiceEntity> }[] = [];
  for (const batch of chunks(items.map((item, index) => ({ item, index })), 500)) {
    const checked = await Promise.all(batch.map(({ item }) => checkLine(item)));
    checked.forEach((result, i) => {
      const index = batch[i].index;
      if ('errors' in result) lines[index] = { index, status: 'refused', errors: result.errors };
      else valid.push({ index, candidate: invoiceCandidate(result.dto, creditorId) });
    });
  }

  // Insert; the first line of a number inserted in this request is 'created'.
  const repo = dataSource.getRepository(InvoiceEntity);
  const createdIds = new Map<string, string>();
  for (const chunk of chunks(valid, INSERT_CHUNK)) {
    // updateEntity(false): TypeORM would merge the RETURNING rows into the values by position, and
    // with rows skipped by ON CONFLICT the positions no longer match.
    const inserted = await repo
      .createQueryBuilder()
      .insert()
      .values(chunk.map((line) => ({ ...line.candidate })))
      .orIgnore()
      .returning('id, invoice_number')
      .updateEntity(false)
      .execute();
    for (const row of inserted.raw as { id: string; invoice_number: string }[]) createdIds.set(row.invoice_number, row.id);
  }

  // Every stored invoice these lines name, and which dunnings are known to be started.
  const numbers = [...new Set(valid.map((line) => line.candidate.invoiceNumber as string))];
  const stored = new Map<string, InvoiceEntity>();
  const started = new Set<string>();
  for (const chunk of chunks(numbers, INSERT_CHUNK)) {
    const rows = await repo.createQueryBuilder('i').where('i.creditor_id = :creditorId AND i.invoice_number = ANY(:numbers)', { creditorId, numbers: chunk }).getMany();
    for (const row of rows) stored.set(row.invoiceNumber, row);
    const marked: { id: string }[] = await dataSource.query(
      'SELECT id FROM invoices WHERE creditor_id = $1 AND invoice_number = ANY($2) AND dunning_started_at IS NOT NULL',
      [creditorId, chunk],
    );
    for (const { id } of marked) started.add(id);
  }

  const claimed = new Set<string>();
  const toStart = new Map<string, InvoiceEntity>();
  for (const { index, candidate } of valid) {
    const number = candidate.invoiceNumber as string;
    const invoice = stored.get(number) as InvoiceEntity;
    const differing = differingIdentityFields(invoice, candidate);
    if (differing.length > 0) {
      lines[index] = {
        index,
        status: 'refused',
        errors: differing.map((path) => ({ path, issue: `invoice ${number} already exists with a different ${path}` })),
      };
      continue;
    }
    const created = createdIds.get(number) === invoice.id && !claimed.has(number);
    if (created) claimed.add(number);
    lines[index] = { index, status: created ? 'created' : 'exists', invoiceId: invoice.id };
    if (!started.has(invoice.id)) toStart.set(invoice.id, invoice);
  }

  // Start what is not known to be started, START_CONCURRENCY at a time; an outage stops the rest.
  // Plans and penalty terms are read once for the batch, not once per line.
  const queue = [...toStart.values()];
  const termsOf = await dunnings.termsFor(queue);
  const nowStarted: string[] = [];
  let outage = false;
  const run = async () => {
    for (let invoice = queue.shift(); invoice && !outage; invoice = queue.shift()) {
      try {
        await dunnings.ensureStarted(invoice, termsOf(invoice));
        nowStarted.push(invoice.id);
        started.add(invoice.id);
      } catch (error) {
        if (outageOf(error)) outage = true;
        else logger.error(`Dunning of invoice ${invoice.id} not started: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(START_CONCURRENCY, queue.length) }, run));
  for (const ids of chunks(nowStarted, 5000)) await markDunningsStarted(dataSource, ids);
  if (outage) logger.warn(`Temporal unavailable: ${toStart.size - nowStarted.length} dunnings left pending; the same batch again starts them`);

  const counts = { created: 0, exists: 0, refused: 0, dunningPending: 0 };
  for (const line of lines) {
    counts[line.status] += 1;
    if (line.invoiceId !== undefined) {
      line.dunning = started.has(line.invoiceId) ? 'started' : 'pending';
      if (line.dunning === 'pending') counts.dunningPending += 1;
    }
  }
  return { counts, lines };
}
