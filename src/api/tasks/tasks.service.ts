import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { In, type DataSource } from 'typeorm';
import { DunningTaskEntity } from '../../db/entities/dunning-task.entity';
import { InvoiceEntity } from '../../db/entities/invoice.entity';
import { PHONE_CALL_OUTCOMES, recordPhoneCallOutcomeUpdate, type PhoneCallOutcome } from '../../workflows/messages';
import { ApiError, validationFailed, type ErrorDetail } from '../common/api-error';
import { CURSOR_TIMESTAMP_SQL, decodeCursor, encodeCursor } from '../common/cursor';
import { DunningCommands } from '../events/dunning-commands';
import { phoneCallProblems } from '../events/event.dto';
import { payload } from '../events/events.service';
import { findInvoiceOrFail } from '../events/invoice-lookup';
import { DATA_SOURCE } from '../tokens';
import { DEFAULT_PAGE_SIZE, type CompleteTaskDto, type ListTasksQueryDto } from './task.dto';
import { toTaskView, type TaskPageView, type TaskView } from './task.view';

/** Tasks completed by an event of the dunning rather than here: posting needs the tracking number and date. */
const COMPLETED_BY_POSTING = ['post_registered_letter', 'confirm_registered_letter_posting'];

export const taskNotFound = (id: string) => new ApiError(HttpStatus.NOT_FOUND, 'TASK.NOT_FOUND', `No task with id ${id}.`);

/** What is wrong with a completion for this kind of task (422), before anything is done. */
function completionProblems(task: DunningTaskEntity, dto: CompleteTaskDto): ErrorDetail[] {
  if (task.kind === 'phone_call') {
    if (!(PHONE_CALL_OUTCOMES as readonly string[]).includes(dto.outcome)) {
      return [{ path: 'outcome', issue: `outcome of a phone call must be one of ${PHONE_CALL_OUTCOMES.join(', ')}` }];
    }
    return phoneCallProblems({ outcome: dto.outcome as PhoneCallOutcome['outcome'], promisedDate: dto.promisedDate, disputeReason: dto.disputeReason });
  }
  return (['note', 'promisedDate', 'disputeReason'] as const)
    .filter((field) => dto[field] !== undefined)
    .map((path) => ({ path, issue: `${path} applies only to phone_call tasks; write what was done in outcome` }));
}

/** The operators' work queue: tasks the dunnings create, and their completion. */
@Injectable()
export class TasksService {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly commands: DunningCommands,
  ) {}

  /** One page, oldest first, by (created_at, id): a stable order that tasks added meanwhile only extend. */
  async list(query: ListTasksQueryDto): Promise<TaskPageView> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    const qb = this.dataSource
      .getRepository(DunningTaskEntity)
      .createQueryBuilder('t')
      .addSelect(CURSOR_TIMESTAMP_SQL('t.created_at'), 'cursor_created_at');
    if (query.status !== undefined) qb.andWhere('t.status = :status', { status: query.status });
    if (query.kind !== undefined) qb.andWhere('t.kind = :kind', { kind: query.kind });
    if (query.invoiceId !== undefined) qb.andWhere('t.invoice_id = :invoiceId', { invoiceId: query.invoiceId });
    if (after) {
      qb.andWhere('(t.created_at, t.id) > (CAST(:afterCreatedAt AS timestamptz), CAST(:afterId AS uuid))', { afterCreatedAt: after.createdAt, afterId: after.id });
    }
    const { entities, raw } = await qb.orderBy('t.created_at', 'ASC').addOrderBy('t.id', 'ASC').limit(limit + 1).getRawAndEntities<{ cursor_created_at: string }>();
    const items = entities.slice(0, limit);
    const last = items.at(-1);
    const nextCursor = entities.length > limit && last ? encodeCursor({ createdAt: raw[limit - 1].cursor_created_at, id: last.id }) : null;
    return { items: await this.views(items), nextCursor };
  }

  async get(id: string): Promise<TaskView> {
    const task = await this.dataSource.getRepository(DunningTaskEntity).findOneBy({ id });
    if (!task) throw taskNotFound(id);
    return (await this.views([task]))[0];
  }

  /**
   * Completes a task once. A phone call's outcome is recorded on the dunning first (a promise pauses
   * it, a dispute opens), as the Temporal update of this task: a retry never records it twice. The
   * same outcome again answers the task as it is; another outcome is refused (409).
   */
  async complete(id: string, dto: CompleteTaskDto): Promise<TaskView> {
    const repo = this.dataSource.getRepository(DunningTaskEntity);
    const task = await repo.findOneBy({ id });
    if (!task) throw taskNotFound(id);
    const problems = completionProblems(task, dto);
    if (problems.length > 0) throw validationFailed(problems);
    if (COMPLETED_BY_POSTING.includes(task.kind)) {
      throw new ApiError(
        HttpStatus.CONFLICT,
        'TASK.COMPLETED_BY_POSTING',
        `A ${task.kind} task is completed by confirming the posting: POST /v1/invoices/${task.invoiceId}/registered-letters with the tracking number and posting date.`,
      );
    }
    if (task.status !== 'open') return this.settled(task, dto);

    if (task.kind === 'phone_call') {
      const invoice = await findInvoiceOrFail(this.dataSource, task.invoiceId);
      const call: PhoneCallOutcome = payload({
        outcome: dto.outcome as PhoneCallOutcome['outcome'],
        by: dto.by,
        note: dto.note,
        promisedDate: dto.promisedDate,
        disputeReason: dto.disputeReason,
      });
      // The workflow closes the plan's phone task itself once the outcome is recorded; the update below is then a no-op.
      await this.commands.run(invoice, recordPhoneCallOutcomeUpdate, call, { by: 'task', taskId: task.id }, ['outcome', 'by', 'note', 'promisedDate', 'disputeReason']);
    }
    await repo
      .createQueryBuilder()
      .update()
      .set({ status: 'done', outcome: dto.outcome, closedBy: dto.by, closedAt: () => 'now()' })
      .where('id = :id AND status = :open', { id, open: 'open' })
      .execute();
    return this.settled(await repo.findOneByOrFail({ id }), dto);
  }

  /** A task no longer open: the same outcome again is answered with the task; anything else is refused. */
  private async settled(task: DunningTaskEntity, dto: CompleteTaskDto): Promise<TaskView> {
    if (task.status === 'done' && task.outcome === dto.outcome) return (await this.views([task]))[0];
    if (task.status === 'cancelled') {
      throw new ApiError(HttpStatus.CONFLICT, 'TASK.CANCELLED', `Task ${task.id} was cancelled (${task.outcome ?? 'the dunning ended'}); there is nothing left to do.`);
    }
    const when = task.closedAt ? ` on ${task.closedAt.toISOString()}` : '';
    const who = task.closedBy ? ` by ${task.closedBy}` : '';
    throw new ApiError(HttpStatus.CONFLICT, 'TASK.ALREADY_COMPLETED', `Task ${task.id} was already completed${who}${when} with outcome ${task.outcome}.`, [
      { path: 'outcome', issue: `the task was completed with outcome ${task.outcome}, not ${dto.outcome}` },
    ]);
  }

  private async views(tasks: DunningTaskEntity[]): Promise<TaskView[]> {
    const ids = [...new Set(tasks.map((task) => task.invoiceId))];
    const invoices = ids.length === 0 ? [] : await this.dataSource.getRepository(InvoiceEntity).find({ where: { id: In(ids) }, select: { id: true, invoiceNumber: true } });
    const numbers = new Map(invoices.map((invoice) => [invoice.id, invoice.invoiceNumber]));
    return tasks.map((task) => toTaskView(task, numbers.get(task.invoiceId) ?? ''));
  }
}
