import type { DataSource } from 'typeorm';
import { InvoiceEntity } from '../../db/entities/invoice.entity';

export async function loadInvoice(dataSource: DataSource, invoiceId: string): Promise<InvoiceEntity | null> {
  return dataSource.getRepository(InvoiceEntity).findOneBy({ id: invoiceId });
}

/** Keeps the read model (what lists and filters show) in step with the workflow. */
export async function updateDunningStage(
  dataSource: DataSource,
  invoiceId: string,
  stage: string,
  nextActionAt: Date | null,
): Promise<void> {
  await dataSource.getRepository(InvoiceEntity).update({ id: invoiceId }, { stage, nextActionAt });
}
