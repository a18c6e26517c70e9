import { DataSource } from 'typeorm';
import { InvoiceEntity } from './entities/invoice.entity';
import { SentEmailEntity } from './entities/sent-email.entity';
import { InitialSchema1764100000000 } from './migrations/1764100000000-initial-schema';
import { OperatorRateEntity } from './entities/operator-rate.entity';
import { OperatorRates1764300000000 } from './migrations/1764300000000-operator-rates';

export const entities = [InvoiceEntity, SentEmailEntity, OperatorRateEntity];
export const migrations = [InitialSchema1764100000000, OperatorRates1764300000000];

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
