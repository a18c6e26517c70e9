import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
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
    const [creditor, customer, operatorRates] = await Promise.all([
      this.dataSource.getRepository(CreditorEntity).findOneBy({ id: invoice.creditorId }),
      this.dataSource.getRepository(CustomerEntity).findOneBy({ creditorId: invoice.creditorId, externalId: invoice.customerId }),
      loadOperatorRates(this.dataSource),
    ]);
    const planName = customer?.planOverride ?? creditor?.defaultPlanName ?? DEFAULT_PLAN_NAME;
    const { origin: _origin, createdAt: _createdAt, ...plan } = await this.plans.get(planName);
    return {
      plan: plan as DunningPlan,
      penaltyTerms: { jurisdiction: creditor?.jurisdiction ?? 'FR', debtorType: customer?.type ?? 'business', operatorRates },
    };
  }
}
