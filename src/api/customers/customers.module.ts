import { Module } from '@nestjs/common';
import { PlansModule } from '../plans/plans.module';
import { CustomersController } from './customers.controller';
import { CustomersService } from './customers.service';

/** Customers (debtors). */
@Module({ imports: [PlansModule], controllers: [CustomersController], providers: [CustomersService] })
export class CustomersModule {}
