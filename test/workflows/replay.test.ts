import { Worker } from '@temporalio/worker';
import { readHistoryFiles } from './support/history-files';
import { workflowBundle } from './support/workflow-bundle';

// Every recorded history (test/workflows/histories, from real runs of each path; npm run
// histories:record) replays against the current workflow code. A change that would break the
// dunnings already running (a command added, removed or reordered without patched()) fails here.
describe('recorded dunning histories', () => {
  const histories = readHistoryFiles();

  it('cover every path of the dunning, and the first slice still running in old deployments', () => {
    expect(histories.map((h) => h.name)).toEqual(
      expect.arrayContaining([
        'complete-path-to-escalation',
        'dispute-rejected-after-30-days',
        'dispute-upheld',
        'duplicate-payment-events',
        'event-after-the-end',
        'hold-and-release',
        'imported-long-overdue',
        'paid-after-first-reminder',
        'paid-before-due-date',
        'partial-then-full-payment',
        'promise-broken',
        'promise-kept',
        'registered-letter-confirmed-late',
        'step-failed',
        'v0-first-slice-due-date-reminder',
      ]),
    );
  });

  it('replay against the current workflow code without non-determinism', async () => {
    const replays = Worker.runReplayHistories(
      { workflowBundle: await workflowBundle(), replayName: 'recorded-histories' },
      histories.map(({ name, history }) => ({ workflowId: name, history })),
    );
    const failures: string[] = [];
    let replayed = 0;
    for await (const result of replays) {
      replayed++;
      if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
    }
    expect(failures).toEqual([]);
    expect(replayed).toBe(histories.length);
  });
});
