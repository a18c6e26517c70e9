import { DataSource } from 'typeorm';
import { ApiKeyEntity } from './entities/api-key.entity';
import { CreditorEntity } from './entities/creditor.entity';
import { CustomerEntity } from './entities/customer.entity';
import { DunningDocumentEntity } from './entities/dunning-document.entity';
import { DunningEventEntity } from './entities/dunning-event.entity';
import { DunningPlanEntity } from './entities/dunning-plan.entity';
import { DunningTaskEntity } from './entities/dunning-task.entity';
import { InvoiceEntity } from './entities/invoice.entity';
import { OperatorRateEntity } from './entities/operator-rate.entity';
import { RegisteredMailingEntity } from './entities/registered-mailing.entity';
import { SentEmailEntity } from './entities/sent-email.entity';
import { InitialSchema1764100000000 } from './migrations/1764100000000-initial-schema';
import { DunningRecords1764200000000 } from './migrations/1764200000000-dunning-records';
import { OperatorRates1764300000000 } from './migrations/1764300000000-operator-rates';
import { CreditorsCustomers1764400000000 } from './migrations/1764400000000-creditors-customers';
import { DunningPlans1764500000000 } from './migrations/1764500000000-dunning-plans';
import { DocumentFiles1764600000000 } from './migrations/1764600000000-document-files';
import { ApiKeys1764700000000 } from './migrations/1764700000000-api-keys';
import { PaymentWebhooks1765000000000 } from './migrations/1765000000000-payment-webhooks';
import { EscalationFiles1764800000000 } from './migrations/1764800000000-escalation-files';
import { InvoiceListsImports1764900000000 } from './migrations/1764900000000-invoice-lists-imports';

export const entities = [
  InvoiceEntity,
  SentEmailEntity,
  OperatorRateEntity,
  DunningEventEntity,
  DunningTaskEntity,
  DunningDocumentEntity,
  CreditorEntity,
  CustomerEntity,
  DunningPlanEntity,
  RegisteredMailingEntity,
  ApiKeyEntity,
];

/** In the order they apply (TypeORM also sorts them by their timestamp). */
export const migrations = [
  InitialSchema1764100000000,
  DunningRecords1764200000000,
  OperatorRates1764300000000,
  CreditorsCustomers1764400000000,
  DunningPlans1764500000000,
  DocumentFiles1764600000000,
  ApiKeys1764700000000,
  EscalationFiles1764800000000,
  InvoiceListsImports1764900000000,
  PaymentWebhooks1765000000000,
];

/** The schema comes from migrations only; `synchronize` stays off everywhere. */
export function createDataSource(url: string, options: { poolSize?: number; applicationName?: string } = {}): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities,
    migrations,
    migrationsTableName: 'schema_migrations',
    synchronize: false,
    poolSize: options.poolSize ?? 10,
    applicationName: options.applicationName ?? 'relance',
    connectTimeoutMS: 5000,
  });
}
