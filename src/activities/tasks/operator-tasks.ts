import type { DataSource } from 'typeorm';
import { DunningTaskEntity } from '../../db/entities/dunning-task.entity';
import type { CloseOperatorTasksRequest, OperatorTaskRequest } from '../dunning-activity-types';

/** Creates the task unless one with the same key exists (a retried activity creates nothing twice). */
export async function createTaskOnce(dataSource: DataSource, request: OperatorTaskRequest): Promise<{ id: string; alreadyDone: boolean }> {
  const repo = dataSource.getRepository(DunningTaskEntity);
  const inserted = await repo
    .createQueryBuilder()
    .insert()
    .values({
      taskKey: request.key,
      dunningId: request.dunningId,
      invoiceId: request.invoiceId,
      kind: request.kind,
      title: request.title,
      instructions: request.instructions,
      dueOn: request.dueOn,
      status: 'open',
    })
    .orIgnore()
    .returning(['id'])
    .execute();
  const [created] = inserted.raw as { id: string }[];
  if (created) return { id: created.id, alreadyDone: false };
  const task = await repo.findOneByOrFail({ taskKey: request.key });
  return { id: task.id, alreadyDone: true };
}

/**
 * Closes one open task (done, with its outcome), or, when `key` is null, every task of the dunning
 * still open (cancelled: the dunning ended, nobody should call a debtor who has paid).
 */
export async function closeTasks(dataSource: DataSource, request: CloseOperatorTasksRequest): Promise<number> {
  const repo = dataSource.getRepository(DunningTaskEntity);
  const where = request.key === null ? { dunningId: request.dunningId, status: 'open' as const } : { taskKey: request.key, status: 'open' as const };
  const result = await repo.update(where, {
    status: request.key === null ? 'cancelled' : 'done',
    outcome: request.outcome,
    closedBy: request.by,
    closedAt: new Date(),
  });
  return result.affected ?? 0;
}
