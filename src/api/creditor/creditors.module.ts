import { Module, type DynamicModule } from '@nestjs/common';
import type { ApiDependencies } from '../app.module';
import { DATA_SOURCE } from '../tokens';
import { CreditorsController } from './creditors.controller';
import { CreditorsService } from './creditors.service';

/** Creditor profiles; handed the database like AppModule (see app.module.ts). */
@Module({})
export class CreditorsModule {
  static register({ dataSource }: Pick<ApiDependencies, 'dataSource'>): DynamicModule {
    return {
      module: CreditorsModule,
      controllers: [CreditorsController],
      providers: [{ provide: DATA_SOURCE, useValue: dataSource }, CreditorsService],
    };
  }
}
