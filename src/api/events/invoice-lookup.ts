import { HttpStatus } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { InvoiceEntity } from '../../db/entities/invoice.entity';
import { ApiError } from '../common/api-error';
import { errorExample } from '../common/error-body.view';

export const invoiceNotFound = (id: string) => new ApiError(HttpStatus.NOT_FOUND, 'INVOICE.NOT_FOUND', `No invoice with id ${id}.`);

export const INVOICE_NOT_FOUND_EXAMPLE = errorExample('', 'INVOICE.NOT_FOUND', 'No invoice with id 00000000-0000-4000-8000-000000000000.').value;

/**
 * The stored invoice, or 404 INVOICE.NOT_FOUND. With a creditor scope (an integrator key), another
 * creditor's invoice is not found, as if it did not exist.
 */
export async function findInvoiceOrFail(dataSource: DataSource, id: string, creditorId?: string): Promise<InvoiceEntity> {
  const invoice = await dataSource.getRepository(InvoiceEntity).findOneBy({ id, ...(creditorId === undefined ? {} : { creditorId }) });
  if (!invoice) throw invoiceNotFound(id);
  return invoice;
}
