import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { DunningActivities, StepEmailRequest } from '../../src/activities';
import { addDays, parisDateOf, parisInstant } from '../../src/domain/calendar';
import type { DunningInput } from '../../src/workflows/dunning-input';
import { dunningStateQuery } from '../../src/workflows/messages';
import { startTimeSkippingServer } from '../support/temporal-servers';

// The first slice of the dunning on the real time-skipping server: nothing before the due date,
// one reminder on it. Activities are replaced at the edge, to count and date their calls.
describe('dunning workflow: due-date reminder', () => {
  let env: TestWorkflowEnvironment;

  beforeAll(async () => {
    env = await startTimeSkippingServer();
  });
  afterAll(async () => {
    await env?.teardown();
  });

  it('waits until the due date, then sends the reminder exactly once', async () => {
    const emails: { request: StepEmailRequest; at: number }[] = [];
    const stages: string[] = [];
    const activities: DunningActivities = {
      async sendDueDateReminderEmail(request) {
        emails.push({ request, at: await env.currentTimeMs() });
        return { messageId: '<test@relance>', alreadySent: false };
      },
      async recordDunningStage(update) {
        stages.push(update.stage);
      },
    };
    const taskQueue = 'due-date-reminder';
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowsPath: require.resolve('../../src/workflows'),
      activities,
    });

    await worker.runUntil(async () => {
      const today = parisDateOf(await env.currentTimeMs());
      const input: DunningInput = {
        invoiceId: '00000000-0000-4000-8000-000000000001',
        creditorId: 'default',
        invoiceNumber: 'F-TEST-1',
        customerId: 'CUST-1',
        amountDueCents: 120_000,
        currency: 'EUR',
        dueDate: addDays(today, 10),
        sendHour: 9,
      };
      const handle = await env.client.workflow.start('dunningWorkflow', {
        taskQueue,
        workflowId: 'invoice:default:F-TEST-1',
        args: [input],
      });

      await env.sleep('9 days');
      const before = await handle.query(dunningStateQuery);
      expect(emails).toHaveLength(0);
      expect(before.stage).toBe('awaiting_due_date');
      expect(before.nextAction?.at).toBe(parisInstant(input.dueDate, 9).toISOString());

      await env.sleep('2 days');
      const final = await handle.result();
      expect(emails).toHaveLength(1);
      expect(emails[0].request).toEqual({ dunningId: 'invoice:default:F-TEST-1', invoiceId: input.invoiceId, step: 'due_date_reminder' });
      expect(emails[0].at).toBeGreaterThanOrEqual(parisInstant(input.dueDate, 9).getTime());
      expect(parisDateOf(emails[0].at)).toBe(input.dueDate);
      expect(final.stage).toBe('due_date_reminder_sent');
      expect(stages).toEqual(['due_date_reminder_sent']);
    });
  });
});
