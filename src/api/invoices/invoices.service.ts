import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../../config/config';
import { InvoiceEntity } from '../../db/entities/invoice.entity';
import { dunningWorkflowId } from '../../workflows/dunning-input';
import { ApiError, validationFailed, type ErrorDetail } from '../common/api-error';
import { APP_CONFIG, DATA_SOURCE } from '../tokens';
import type { CreateInvoiceDto } from './create-invoice.dto';
import { DunningStarter } from './dunning-starter';
import { toInvoiceView, type InvoiceView } from './invoice.view';

/** The fields that identify what was invoiced: a second POST with the same number must agree on them. */
const IDENTITY_FIELDS = ['totalCents', 'netCents', 'currency', 'issueDate', 'dueDate', 'debtorEmail'] as const;

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
   */
  async create(dto: CreateInvoiceDto): Promise<{ invoice: InvoiceView; created: boolean }> {
    const problems: ErrorDetail[] = [];
    if (dto.netCents > dto.totalCents) problems.push({ path: 'netCents', issue: 'netCents must not exceed totalCents' });
    if (dto.dueDate < dto.issueDate) problems.push({ path: 'dueDate', issue: 'dueDate must not be before issueDate' });
    if (problems.length > 0) throw validationFailed(problems);

    const creditorId = this.config.dunning.creditorId;
    const candidate: Partial<InvoiceEntity> = {
      creditorId,
      invoiceNumber: dto.invoiceNumber,
      customerId: dto.debtor.customerId ?? dto.debtor.email.toLowerCase(),
      totalCents: dto.totalCents,
      netCents: dto.netCents,
      currency: dto.currency,
      issueDate: dto.issueDate,
      dueDate: dto.dueDate,
      debtorName: dto.debtor.name,
      debtorEmail: dto.debtor.email,
      debtorLanguage: dto.debtor.language ?? 'fr',
      workflowId: dunningWorkflowId(creditorId, dto.invoiceNumber),
      stage: 'awaiting_due_date',
    };
    const repo = this.dataSource.getRepository(InvoiceEntity);
    const inserted = await repo.createQueryBuilder().insert().values(candidate).orIgnore().returning(['id']).execute();
    const created = inserted.raw.length > 0;
    const invoice = await repo.findOneByOrFail({ creditorId, invoiceNumber: dto.invoiceNumber });
    if (!created) {
      const differing = IDENTITY_FIELDS.filter((field) => invoice[field] !== candidate[field]);
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
    return { invoice: toInvoiceView(invoice, await this.dunnings.liveState(invoice.workflowId)), created };
  }

  /** The invoice; with a creditor scope (integrator keys), another creditor's invoice is not found, as if it did not exist. */
  async get(id: string, creditorId?: string): Promise<InvoiceView> {
    const invoice = await this.dataSource.getRepository(InvoiceEntity).findOneBy({ id, ...(creditorId === undefined ? {} : { creditorId }) });
    if (!invoice) throw new ApiError(HttpStatus.NOT_FOUND, 'INVOICE.NOT_FOUND', `No invoice with id ${id}.`);
    return toInvoiceView(invoice, await this.dunnings.liveState(invoice.workflowId));
  }
}
