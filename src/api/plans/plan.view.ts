import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DEFAULT_FR_B2B_PLAN, type DunningPlan } from '../../domain/plan';

export class PlanStepSchema {
  @ApiProperty({ example: 'first_reminder', description: 'Unique in the plan; lowercase letters, digits, _' }) key!: string;
  @ApiProperty({ enum: ['due_date', 'registered_letter_posted', 'formal_notice_deadline'] }) anchor!: string;
  @ApiProperty({ example: 1, description: 'Calendar days from the anchor; sends move to the next business day' }) offsetDays!: number;
  @ApiProperty({ enum: ['email', 'letter', 'registered_letter', 'formal_notice', 'penalty_invoice', 'phone_task', 'escalation'] }) channel!: string;
  @ApiProperty({ example: 'first_reminder', description: 'One of the templates the product ships for the channel' }) template!: string;
  @ApiProperty({ enum: ['courteous', 'firm', 'formal'] }) tone!: string;
  @ApiPropertyOptional({ example: 7 }) payWithinDays?: number;
  @ApiPropertyOptional({ example: 2 }) completeWithinDays?: number;
}

/** The body of a new plan or plan version: a plan without its version, which the server assigns. */
export class PlanBodySchema {
  @ApiProperty({ example: 'fr-b2b-key-accounts', description: 'Required to create a plan; ignored for a new version (the path names it)' })
  name!: string;
  @ApiPropertyOptional({ example: 'Key accounts: softer tone, no courtesy reminder' }) description?: string;
  @ApiProperty({ type: [PlanStepSchema] }) steps!: PlanStepSchema[];
  @ApiProperty({ enum: [8, 15] }) formalNoticeDeadlineDays!: number;
  @ApiProperty({ example: 3 }) promiseGraceDays!: number;
  @ApiProperty({ example: 5 }) postingConfirmationDays!: number;
}

export class PlanView extends PlanBodySchema {
  @ApiProperty({ example: 1 }) version!: number;
  @ApiProperty({ enum: ['shipped', 'operator'], description: 'shipped: built into this release; operator: added over the API' })
  origin!: 'shipped' | 'operator';
  @ApiPropertyOptional({ description: 'When an operator stored this version' }) createdAt?: string;
}

export class PlanSummaryView {
  @ApiProperty({ example: 'fr-b2b-default' }) name!: string;
  @ApiProperty({ example: 2 }) latestVersion!: number;
  @ApiProperty({ example: [1, 2] }) versions!: number[];
  @ApiPropertyOptional() description?: string;
}

export const PLAN_BODY_EXAMPLE = (({ version: _version, ...body }: DunningPlan) => ({ ...body, name: 'fr-b2b-key-accounts' }))(DEFAULT_FR_B2B_PLAN);
