import { Inject, Injectable } from '@nestjs/common';
import { In, type DataSource } from 'typeorm';
import type { DunningPlan, PenaltyTerms } from '../../domain/plan';
import { CreditorEntity } from '../../db/entities/creditor.entity';
import { CustomerEntity } from '../../db/entities/customer.entity';
import type { InvoiceEntity } from '../../db/entities/invoice.entity';
import { loadOperatorRates } from '../../db/operator-rates';
import { DEFAULT_PLAN_NAME, PlansService } from '../plans/plans.service';
import { DATA_SOURCE } from '../tokens';

export interface DunningTerms {
  plan: DunningPlan;
  penaltyTerms: PenaltyTerms;
}

/** The terms of one invoice among those resolved together; throws what made them unresolvable (an unknown plan). */
export type TermsOf = (invoice: InvoiceEntity) => DunningTerms;

const customerKey = (creditorId: string, externalId: string) => `${creditorId}\u0000${externalId}`;

/**
 * What a new dunning copies when it starts: the plan in force — the customer's override, else the
 * creditor's default, else the shipped default, each at its latest version — and the penalty terms
 * (the creditor's jurisdiction, the customer's type, the rates operators have added so far).
 */
@Injectable()
export class DunningTermsResolver {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly plans: PlansService,
  ) {}

  async resolve(invoice: InvoiceEntity): Promise<DunningTerms> {
    return (await this.resolveAll([invoice]))(invoice);
  }

  /**
   * The terms of many invoices, each creditor, customer and plan read once (a batch import names
   * a few hundred customers for thousands of invoices). A plan that cannot be had fails only the
   * invoices that use it, when their terms are asked for.
   */
  async resolveAll(invoices: readonly InvoiceEntity[]): Promise<TermsOf> {
    const notResolved = (invoice: InvoiceEntity): never => {
      throw new Error(`Invoice ${invoice.id} was not among those whose terms were resolved`);
    };
    if (invoices.length === 0) return notResolved;
    const creditorIds = [...new Set(invoices.map((invoice) => invoice.creditorId))];
    const pairs = [...new Map(invoices.map((i) => [customerKey(i.creditorId, i.customerId), [i.creditorId, i.customerId]])).values()];
    const [creditorRows, customerRows, operatorRates] = await Promise.all([
      this.dataSource.getRepository(CreditorEntity).findBy({ id: In(creditorIds) }),
      this.dataSource
        .getRepository(CustomerEntity)
        .createQueryBuilder('c')
        .where('(c.creditor_id, c.external_id) IN (SELECT * FROM unnest(CAST(:creditorIds AS text[]), CAST(:externalIds AS text[])))', {
          creditorIds: pairs.map(([creditorId]) => creditorId),
          externalIds: pairs.map(([, externalId]) => externalId),
        })
        .getMany(),
      loadOperatorRates(this.dataSource),
    ]);
    const creditors = new Map(creditorRows.map((creditor) => [creditor.id, creditor]));
    const customers = new Map(customerRows.map((customer) => [customerKey(customer.creditorId, customer.externalId), customer]));
    const planNameOf = (invoice: InvoiceEntity) =>
      customers.get(customerKey(invoice.creditorId, invoice.customerId))?.planOverride ?? creditors.get(invoice.creditorId)?.defaultPlanName ?? DEFAULT_PLAN_NAME;

    const plans = new Map<string, DunningPlan | Error>();
    for (const name of new Set(invoices.map(planNameOf))) {
      try {
        const { origin: _origin, createdAt: _createdAt, ...plan } = await this.plans.get(name);
        plans.set(name, plan as DunningPlan);
      } catch (error) {
        plans.set(name, error as Error);
      }
    }

    return (invoice) => {
      const plan = plans.get(planNameOf(invoice));
      if (plan === undefined) return notResolved(invoice);
      if (plan instanceof Error) throw plan;
      const creditor = creditors.get(invoice.creditorId);
      const customer = customers.get(customerKey(invoice.creditorId, invoice.customerId));
      return { plan, penaltyTerms: { jurisdiction: creditor?.jurisdiction ?? 'FR', debtorType: customer?.type ?? 'business', operatorRates } };
    };
  }
}
