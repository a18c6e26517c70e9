import { ApiProperty } from '@nestjs/swagger';
import type { OperatorTaskKind } from '../../activities/dunning-activity-types';
import type { DunningTaskEntity } from '../../db/entities/dunning-task.entity';
import { TASK_KIND_DESCRIPTION, TASK_KINDS, TASK_STATUSES, type TaskStatus } from './task.dto';

export class TaskView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: TASK_KINDS, example: 'phone_call', description: TASK_KIND_DESCRIPTION }) kind!: OperatorTaskKind;
  @ApiProperty({ enum: TASK_STATUSES, example: 'open', description: 'open; done (with its outcome); cancelled (the dunning ended: paid, cancelled, written off)' })
  status!: TaskStatus;
  @ApiProperty({ example: 'Call Boulangerie Martin SARL about invoice F-2026-0042' }) title!: string;
  @ApiProperty({ example: 'Call Boulangerie Martin SARL about invoice F-2026-0042 (issued 2026-10-25, due 2026-11-24): €1,200.00 unpaid.\n1. Say who is calling and why.\n…' })
  instructions!: string;
  @ApiProperty({
    type: [String],
    nullable: true,
    example: [
      'Call Boulangerie Martin SARL about invoice F-2026-0042 (issued 2026-10-25, due 2026-11-24): €1,200.00 unpaid.',
      '1. Say who is calling and why.',
      '2. Get the name and contact of the person who releases the payment.',
    ],
    description: 'phone_call tasks: the call script stored with the task, line by line; null for other kinds',
  })
  script!: string[] | null;
  @ApiProperty({ format: 'uuid' }) invoiceId!: string;
  @ApiProperty({ example: 'F-2026-0042' }) invoiceNumber!: string;
  @ApiProperty({ example: 'invoice:default:F-2026-0042', description: 'The dunning (Temporal workflow id)' }) dunningId!: string;
  @ApiProperty({ example: '2026-11-27', description: 'To do by this day' }) dueOn!: string;
  @ApiProperty({ example: null, nullable: true, description: 'How it was completed (done), or why it was cancelled' }) outcome!: string | null;
  @ApiProperty({ example: null, nullable: true }) closedBy!: string | null;
  @ApiProperty({ example: null, nullable: true }) closedAt!: string | null;
  @ApiProperty({ example: '2026-11-25T09:12:01.180Z' }) createdAt!: string;
}

export class TaskPageView {
  @ApiProperty({ type: [TaskView] }) items!: TaskView[];
  @ApiProperty({ nullable: true, example: null, description: 'Pass as cursor for the next page; null on the last' }) nextCursor!: string | null;
}

export function toTaskView(task: DunningTaskEntity, invoiceNumber: string): TaskView {
  return {
    id: task.id,
    kind: task.kind as OperatorTaskKind,
    status: task.status,
    title: task.title,
    instructions: task.instructions,
    script: task.kind === 'phone_call' ? task.instructions.split('\n') : null,
    invoiceId: task.invoiceId,
    invoiceNumber,
    dunningId: task.dunningId,
    dueOn: task.dueOn,
    outcome: task.outcome,
    closedBy: task.closedBy,
    closedAt: task.closedAt ? task.closedAt.toISOString() : null,
    createdAt: task.createdAt.toISOString(),
  };
}
