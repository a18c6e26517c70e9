/**
 * Workflows with a dunning's shape on Temporal and nothing of ours in them: what the Temporal
 * server allows at best on this machine, against which the product's figures are read ("floors").
 * Bundled by floor-worker.ts when it starts.
 */
import { condition, defineUpdate, proxyActivities, proxyLocalActivities, setHandler, sleep, upsertSearchAttributes } from '@temporalio/workflow';
import { RelanceStage } from '../../src/workflows/search-attributes';
import type { FloorActivities } from './floor-worker';

const actions = proxyActivities<FloorActivities>({ startToCloseTimeout: '2 minutes' });
const records = proxyLocalActivities<FloorActivities>({ startToCloseTimeout: '30 seconds' });

/** A first reminder's path: record, send the e-mail, record, a second activity (the phone task), record, wait. */
export async function floorFirstReminder(index: number): Promise<void> {
  await records.noop();
  await actions.sendMail(index);
  await records.noop();
  await actions.noop();
  await records.noop();
  await sleep('3 days');
}

export const floorEventUpdate = defineUpdate<string, [unknown]>('floorEvent');

/**
 * An event's path: an update whose handler records (a local activity) before it answers. With
 * `dunningCommands`, it also does what a dispute does to a dunning on the server: a search
 * attribute upserted (the stage operators filter on) and the pending timer replaced.
 */
export async function floorEvents(dunningCommands: boolean): Promise<void> {
  let revision = 0;
  setHandler(floorEventUpdate, async () => {
    if (dunningCommands) {
      revision++;
      upsertSearchAttributes([{ key: RelanceStage, value: revision % 2 ? 'disputed' : 'overdue' }]);
    }
    await records.noop();
    return 'applied';
  });
  for (;;) {
    const seen = revision;
    await condition(() => revision !== seen, dunningCommands ? '30 days' : undefined);
  }
}
