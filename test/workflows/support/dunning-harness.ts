/**
 * The dunning workflow on the time-skipping test server, with its activities replaced at the edge
 * by fakes that record every call and the server time it was scheduled at. One harness per test
 * file (the clock is shared by everything in it); the workflow code is bundled once per file.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { Context } from '@temporalio/activity';
import { Client, type WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type { DunningActivities } from '../../../src/activities';
import type { DunningStepRequest, OperatorTaskRequest } from '../../../src/activities/dunning-activity-types';
import { addDays, isoDayOfWeek, parisDateOf, parisInstant, type CalendarDate } from '../../../src/domain';
import { DEFAULT_FR_B2B_PLAN } from '../../../src/domain/plan';
import type { dunningWorkflow } from '../../../src/workflows';
import type { DunningInput, DunningState, HistoryEntry } from '../../../src/workflows/dunning-input';
import { dunningStateQuery } from '../../../src/workflows/messages';
import { startTimeSkippingServer } from '../../support/temporal-servers';
import { HISTORIES_DIR, writeHistoryFile } from './history-files';
import { workflowBundle } from './workflow-bundle';

export const SEND_HOUR = 9;

export interface ActivityCall {
  activity: keyof DunningActivities;
  workflowId: string;
  /** Server time the activity was scheduled at (local activities: the workflow time they record). */
  at: number;
  request: DunningStepRequest | OperatorTaskRequest | Record<string, unknown>;
}

export type DunningHandle = WorkflowHandle<typeof dunningWorkflow>;

export class DunningHarness {
  readonly calls: ActivityCall[] = [];
  private readonly failures = new Map<string, Error>();
  private running: Promise<void> | undefined;
  private count = 0;

  private constructor(
    readonly env: TestWorkflowEnvironment,
    readonly bundle: WorkflowBundleWithSourceMap,
    private readonly worker: Worker,
    readonly taskQueue: string,
  ) {}

  static async start(name: string): Promise<DunningHarness> {
    const [env, bundle] = await Promise.all([startTimeSkippingServer(), workflowBundle()]);
    const taskQueue = `dunning-${name}`;
    let harness: DunningHarness | undefined;
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: bundle,
      activities: fakeActivities((call) => harness?.calls.push(call), (key) => harness?.failures.get(key)),
    });
    harness = new DunningHarness(env, bundle, worker, taskQueue);
    harness.running = worker.run();
    return harness;
  }

  async stop(): Promise<void> {
    if (this.running) {
      this.worker.shutdown();
      await this.running;
    }
    await this.env.teardown();
  }

  /** Makes the activity fail with a permanent error the next times it is called for this step key. */
  failStep(workflowId: string, step: string, error: Error): void {
    this.failures.set(`${workflowId}/${step}`, error);
  }

  async now(): Promise<number> {
    return this.env.currentTimeMs();
  }

  async today(): Promise<CalendarDate> {
    return parisDateOf(await this.now());
  }

  /** Moves the server clock to `instant` (no-op if it is already past), running whatever falls due on the way. */
  async advanceTo(instant: number): Promise<void> {
    const now = await this.now();
    if (instant > now) await this.env.sleep(instant - now);
  }

  /** Moves the clock to a Paris wall-clock time. */
  async advanceToParis(date: CalendarDate, hour: number, minute = 0): Promise<void> {
    await this.advanceTo(parisInstant(date, hour, minute).getTime());
  }

  async startDunning(input: Partial<DunningInput> & Pick<DunningInput, 'dueDate'>): Promise<DunningHandle> {
    this.count++;
    const invoiceNumber = input.invoiceNumber ?? `F-${this.taskQueue}-${this.count}`;
    const full: DunningInput = {
      invoiceId: `00000000-0000-4000-8000-${String(this.count).padStart(12, '0')}`,
      creditorId: 'default',
      invoiceNumber,
      customerId: 'CUST-1',
      amountDueCents: 120_000,
      currency: 'EUR',
      sendHour: SEND_HOUR,
      plan: DEFAULT_FR_B2B_PLAN,
      penaltyTerms: { jurisdiction: 'FR', debtorType: 'business' },
      ...input,
    };
    return this.env.client.workflow.start<typeof dunningWorkflow>('dunningWorkflow', {
      taskQueue: this.taskQueue,
      workflowId: `invoice:default:${invoiceNumber}`,
      args: [full],
    });
  }

  /**
   * The final state of a dunning that has ended: moves the clock past the week it stays open for late
   * events, then reads its result with a plain client. (The time-skipping client's result() lets the
   * server skip freely while it waits, ten years ahead here, leaving the next test in a distant calendar.)
   */
  async finish(handle: DunningHandle): Promise<DunningState> {
    await this.advanceTo((await this.now()) + 8 * 86_400_000);
    return this.result(handle);
  }

  /** The run's result (or failure) without letting the server skip time while waiting for it. */
  result(handle: DunningHandle): Promise<DunningState> {
    const plain = new Client({ connection: this.env.connection, namespace: this.env.namespace });
    return plain.workflow.getHandle<typeof dunningWorkflow>(handle.workflowId).result();
  }

  async state(handle: DunningHandle): Promise<DunningState> {
    return handle.query(dunningStateQuery);
  }

  /** The plan steps carried out for a dunning, in order: [activity, step key, Paris date, Paris hour:minute]. */
  stepCalls(handle: DunningHandle): { activity: string; step: string; date: CalendarDate; time: string; at: number; request: DunningStepRequest }[] {
    return this.calls
      .filter((call) => call.workflowId === handle.workflowId && 'template' in call.request)
      .map((call) => {
        const request = call.request as DunningStepRequest;
        const date = parisDateOf(call.at);
        const minutes = Math.round((call.at - parisInstant(date, 0).getTime()) / 60_000);
        const time = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
        return { activity: call.activity, step: request.step, date, time, at: call.at, request };
      });
  }

  callsOf(handle: DunningHandle, activity: keyof DunningActivities): ActivityCall[] {
    return this.calls.filter((call) => call.workflowId === handle.workflowId && call.activity === activity);
  }

  /** Timeline rows the workflow wrote to the read model, in order. */
  recordedEvents(handle: DunningHandle): HistoryEntry[] {
    return this.callsOf(handle, 'recordDunningEvents').flatMap((call) =>
      (call.request as { events: { entry: HistoryEntry }[] }).events.map((event) => event.entry),
    );
  }

  /**
   * With RECORD_HISTORIES set (npm run histories:record), exports the run's history to
   * test/workflows/histories/<name>.json for the replay test. An existing file is kept unless
   * RECORD_HISTORIES=overwrite: histories of released versions must stay as they were.
   */
  async recordHistory(handle: DunningHandle, name: string): Promise<void> {
    const mode = process.env.RECORD_HISTORIES;
    if (!mode) return;
    const file = path.join(HISTORIES_DIR, `${name}.json`);
    if (existsSync(file) && mode !== 'overwrite') return;
    writeHistoryFile(file, await handle.fetchHistory());
  }
}

/** A timer fires at its instant or a few milliseconds after it (the test server's clock). */
export function expectSoonAfter(actualMs: number, expectedMs: number): void {
  expect(actualMs).toBeGreaterThanOrEqual(expectedMs);
  expect(actualMs - expectedMs).toBeLessThan(60_000);
}

/** The first Friday at least `days` days after `from`: steps at D+1, D+8 and D+15 then fall on Saturdays. */
export function fridayAfter(from: CalendarDate, days: number): CalendarDate {
  let date = addDays(from, days);
  while (isoDayOfWeek(date) !== 5) date = addDays(date, 1);
  return date;
}

function fakeActivities(record: (call: ActivityCall) => void, failureFor: (key: string) => Error | undefined): DunningActivities {
  const scheduledAt = () => Context.current().info.currentAttemptScheduledTimestampMs;
  const workflowId = () => Context.current().info.workflowExecution?.workflowId ?? '';
  const step = (activity: keyof DunningActivities) => async (request: DunningStepRequest) => {
    record({ activity, workflowId: request.dunningId, at: scheduledAt(), request });
    const failure = failureFor(`${request.dunningId}/${request.step}`);
    if (failure) throw failure;
    return { reference: `${activity}:${request.step}`, alreadyDone: false };
  };
  return {
    sendCourtesyReminderEmail: step('sendCourtesyReminderEmail'),
    sendFirstReminderEmail: step('sendFirstReminderEmail'),
    sendSecondReminderEmail: step('sendSecondReminderEmail'),
    createPhoneCallTask: step('createPhoneCallTask'),
    produceWrittenReminderLetter: step('produceWrittenReminderLetter'),
    produceRegisteredWarningLetter: step('produceRegisteredWarningLetter'),
    produceFormalNotice: step('produceFormalNotice'),
    producePenaltyInvoice: step('producePenaltyInvoice'),
    handOverForEscalation: step('handOverForEscalation'),
    async createOperatorTask(request) {
      record({ activity: 'createOperatorTask', workflowId: request.dunningId, at: scheduledAt(), request });
      return { id: request.key, alreadyDone: false };
    },
    async closeOperatorTasks(request) {
      record({ activity: 'closeOperatorTasks', workflowId: request.dunningId, at: scheduledAt(), request: { ...request } });
      return 1;
    },
    async recordDunningEvents(record_) {
      const at = Date.parse(record_.events[record_.events.length - 1]?.entry.at ?? '') || scheduledAt();
      record({ activity: 'recordDunningEvents', workflowId: record_.dunningId, at, request: { ...record_ } });
    },
    async sendDueDateReminderEmail(request) {
      record({ activity: 'sendDueDateReminderEmail', workflowId: workflowId(), at: scheduledAt(), request: { ...request } });
      return { messageId: '<test@relance>', alreadySent: false };
    },
    async recordDunningStage(update) {
      record({ activity: 'recordDunningStage', workflowId: workflowId(), at: scheduledAt(), request: { ...update } });
    },
  };
}
