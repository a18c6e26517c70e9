import { Module, type DynamicModule } from '@nestjs/common';
import type { ApiDependencies } from '../app.module';
import { APP_CONFIG, DATA_SOURCE } from '../tokens';
import { CustomersController } from './customers.controller';
import { CustomersService } from './customers.service';

/** Customers (debtors); handed the configuration and database like AppModule (see app.module.ts). */
@Module({})
export class CustomersModule {
  static register({ config, dataSource }: Pick<ApiDependencies, 'config' | 'dataSource'>): DynamicModule {
    return {
      module: CustomersModule,
      controllers: [CustomersController],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: DATA_SOURCE, useValue: dataSource },
        CustomersService,
      ],
    };
  }
}
