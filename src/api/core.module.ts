import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../config/config';
import { APP_CONFIG, DATA_SOURCE, TEMPORAL_CLIENT } from './tokens';

export interface ApiDependencies {
  config: AppConfig;
  dataSource: DataSource;
  temporalClient: Client;
}

/**
 * What the API gets from outside Nest — configuration, the database, the Temporal client — opened
 * in src/api/create-api.ts (tests open their own) and offered to every feature module.
 */
@Global()
@Module({})
export class CoreModule {
  static register({ config, dataSource, temporalClient }: ApiDependencies): DynamicModule {
    const providers = [
      { provide: APP_CONFIG, useValue: config },
      { provide: DATA_SOURCE, useValue: dataSource },
      { provide: TEMPORAL_CLIENT, useValue: temporalClient },
    ];
    return { module: CoreModule, providers, exports: providers.map((p) => p.provide) };
  }
}
