import { Module } from '@nestjs/common';
import { PlansModule } from '../plans/plans.module';
import { CreditorsController } from './creditors.controller';
import { CreditorsService } from './creditors.service';

/** Creditor profiles. */
@Module({ imports: [PlansModule], controllers: [CreditorsController], providers: [CreditorsService] })
export class CreditorsModule {}
