import { Module, type DynamicModule } from '@nestjs/common';
import { AuthModule } from './auth/auth.module';
import { CoreModule, type ApiDependencies } from './core.module';
import { CreditorsModule } from './creditor/creditors.module';
import { CustomersModule } from './customers/customers.module';
import { DocumentsModule } from './documents/documents.module';
import { EventsModule } from './events/events.module';
import { HealthController } from './health/health.controller';
import { DunningStarter } from './invoices/dunning-starter';
import { DunningTermsResolver } from './invoices/dunning-terms-resolver';
import { InvoicePenaltiesController } from './invoices/invoice-penalties.controller';
import { InvoicesController } from './invoices/invoices.controller';
import { InvoicesService } from './invoices/invoices.service';
import { PenaltiesController } from './penalties/penalties.controller';
import { PenaltyCalculator } from './penalties/penalty-calculator';
import { PlansModule } from './plans/plans.module';
import { RatesController } from './rates/rates.controller';
import { RatesService } from './rates/rates.service';
import { TasksModule } from './tasks/tasks.module';
import { TimelineModule } from './timeline/timeline.module';
import { WebhooksModule } from './webhooks/webhooks.module';

export type { ApiDependencies } from './core.module';

/** The API's dependencies are opened outside Nest (src/api/create-api.ts) and handed in, so tests can hand in their own. */
@Module({})
export class AppModule {
  static register(dependencies: ApiDependencies): DynamicModule {
    return {
      module: AppModule,
      imports: [CoreModule.register(dependencies), AuthModule, PlansModule, CreditorsModule, CustomersModule, EventsModule, TimelineModule, TasksModule, DocumentsModule, WebhooksModule],
      controllers: [HealthController, InvoicesController, PenaltiesController, RatesController, InvoicePenaltiesController],
      providers: [DunningStarter, DunningTermsResolver, InvoicesService, PenaltyCalculator, RatesService],
    };
  }
}
