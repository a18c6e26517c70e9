import { Module, type DynamicModule } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../config/config';
import { HealthController } from './health/health.controller';
import { DunningStarter } from './invoices/dunning-starter';
import { InvoicesController } from './invoices/invoices.controller';
import { InvoicesService } from './invoices/invoices.service';
import { InvoicePenaltiesController } from './invoices/invoice-penalties.controller';
import { PenaltiesController } from './penalties/penalties.controller';
import { PenaltyCalculator } from './penalties/penalty-calculator';
import { RatesController } from './rates/rates.controller';
import { RatesService } from './rates/rates.service';
import { PlansController } from './plans/plans.controller';
import { PlansService } from './plans/plans.service';
import { APP_CONFIG, DATA_SOURCE, TEMPORAL_CLIENT } from './tokens';
import { CreditorsModule } from './creditor/creditors.module';
import { CustomersModule } from './customers/customers.module';

export interface ApiDependencies {
  config: AppConfig;
  dataSource: DataSource;
  temporalClient: Client;
}

/** The API's dependencies are opened outside Nest (src/api/create-api.ts) and handed in, so tests can hand in their own. */
@Module({})
export class AppModule {
  static register({ config, dataSource, temporalClient }: ApiDependencies): DynamicModule {
    return {
      module: AppModule,
      imports: [CreditorsModule.register({ dataSource }), CustomersModule.register({ config, dataSource })],
      controllers: [HealthController, InvoicesController, PenaltiesController, RatesController, InvoicePenaltiesController, PlansController],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: DATA_SOURCE, useValue: dataSource },
        { provide: TEMPORAL_CLIENT, useValue: temporalClient },
        DunningStarter,
        InvoicesService,
        PenaltyCalculator,
        RatesService,
        PlansService,
      ],
    };
  }
}
