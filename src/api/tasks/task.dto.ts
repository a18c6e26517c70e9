import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import type { OperatorTaskKind } from '../../activities/dunning-activity-types';
import { IsCalendarDate } from '../common/is-calendar-date';
import { PageQueryDto } from '../common/page-query.dto';
import { IsText } from '../common/text-fields';
import { IsFreeText } from '../events/event-fields';
import { PHONE_CALL_OUTCOMES } from '../../workflows/messages';

/** Every kind of operator task a dunning creates (a Record, so a new kind cannot be forgotten here). */
const KINDS: Record<OperatorTaskKind, string> = {
  phone_call: 'call the debtor (the plan\'s phone step), with the call script',
  post_registered_letter: 'post a registered letter by LRAR',
  confirm_registered_letter_posting: 'confirm the posting of a registered letter',
  letter_returned: 'a registered letter came back undelivered',
  step_failed: 'a step retrying cannot fix, to do by hand',
  escalation_handover: 'hand the file over (collection agency, injonction de payer)',
};
export const TASK_KINDS = Object.keys(KINDS) as OperatorTaskKind[];
export const TASK_KIND_DESCRIPTION = Object.entries(KINDS)
  .map(([kind, what]) => `${kind}: ${what}`)
  .join('; ');

export const TASK_STATUSES = ['open', 'done', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../common/page-query.dto';

export class ListTasksQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: TASK_STATUSES, example: 'open', description: 'Only tasks in this status; default: all' })
  @IsOptional()
  @IsIn(TASK_STATUSES)
  status?: TaskStatus;

  @ApiPropertyOptional({ enum: TASK_KINDS, example: 'phone_call', description: `Only this kind. ${TASK_KIND_DESCRIPTION}` })
  @IsOptional()
  @IsIn(TASK_KINDS)
  kind?: OperatorTaskKind;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only the tasks of this invoice' })
  @IsOptional()
  @IsUUID('all', { message: 'invoiceId must be a UUID' })
  invoiceId?: string;
}

export class CompleteTaskDto {
  @ApiProperty({
    example: 'promise_to_pay',
    description:
      `phone_call tasks: one of ${PHONE_CALL_OUTCOMES.join(', ')} (recorded on the dunning: a promise pauses it, a dispute opens). ` +
      'letter_returned, step_failed, escalation_handover: what was done, 1 to 500 characters. ' +
      'Registered-letter posting tasks are completed by POST /v1/invoices/{invoiceId}/registered-letters instead.',
  })
  @IsText(500)
  outcome!: string;

  @ApiProperty({ example: 'sophie.martin@acme.fr', description: 'Who did it, 1 to 200 characters' })
  @IsText(200)
  by!: string;

  @ApiPropertyOptional({ example: 'Spoke to Sophie Martin, accounts payable', description: 'phone_call tasks: a note on the call, up to 1000 characters' })
  @IsOptional()
  @IsFreeText(1000)
  note?: string;

  @ApiPropertyOptional({ format: 'date', example: '2026-12-05', description: 'With outcome promise_to_pay (required then, refused otherwise): today or later' })
  @IsOptional()
  @IsCalendarDate()
  promisedDate?: string;

  @ApiPropertyOptional({ example: 'Says the delivery was incomplete', description: 'With outcome dispute (required then, refused otherwise)' })
  @IsOptional()
  @IsFreeText(1000)
  disputeReason?: string;
}
