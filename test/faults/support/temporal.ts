/** What the fault tests ask Temporal directly: activities being retried, a dunning's live state and open timers. */
import type { Client } from '@temporalio/client';

export interface PendingAttempt {
  workflowId: string;
  activityType: string;
  attempt: number;
  lastFailure: string | null;
}

/** The activities the dunnings are waiting on, with their attempt number and last failure. */
export async function pendingActivities(client: Client, workflowIds: readonly string[]): Promise<PendingAttempt[]> {
  const described = await Promise.all(workflowIds.map((id) => client.workflow.getHandle(id).describe()));
  return described.flatMap((d, i) =>
    (d.raw.pendingActivities ?? []).map((a) => ({
      workflowId: workflowIds[i],
      activityType: a.activityType?.name ?? '?',
      attempt: a.attempt ?? 0,
      lastFailure: a.lastFailure?.message ?? null,
    })),
  );
}

type ProtoDuration = { seconds?: number | { toNumber(): number } | null; nanos?: number | null } | null | undefined;

/** A protobuf Timestamp or Duration in milliseconds (seconds may come as a Long). */
function millis(value: ProtoDuration): number {
  const seconds = value?.seconds;
  const whole = seconds === null || seconds === undefined ? 0 : typeof seconds === 'object' ? seconds.toNumber() : Number(seconds);
  return whole * 1000 + Math.floor((value?.nanos ?? 0) / 1e6);
}

export interface OpenTimer {
  timerId: string;
  /** When it fires (ISO): start event time + duration. */
  firesAt: string;
  summary: string | null;
}

/** The timers a workflow started and that neither fired nor were cancelled, from its history. */
export async function openTimers(client: Client, workflowId: string): Promise<OpenTimer[]> {
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  const open = new Map<string, OpenTimer>();
  for (const event of history.events ?? []) {
    const started = event.timerStartedEventAttributes;
    if (started?.timerId) {
      const startMs = millis(event.eventTime as ProtoDuration);
      const durationMs = millis(started.startToFireTimeout as ProtoDuration);
      const summary = event.userMetadata?.summary?.data ? Buffer.from(event.userMetadata.summary.data).toString('utf8') : null;
      open.set(started.timerId, { timerId: started.timerId, firesAt: new Date(startMs + durationMs).toISOString(), summary });
    }
    const ended = event.timerFiredEventAttributes?.timerId ?? event.timerCanceledEventAttributes?.timerId;
    if (ended) open.delete(ended);
  }
  return [...open.values()];
}

/**
 * How many attempts each activity took, per activity type, from the histories: an activity's
 * started event carries the attempt that completed it, a local activity's marker the attempts it
 * took. Returns `{ activity type: { attempts: how many } }`.
 */
export async function attemptsByActivity(client: Client, workflowIds: readonly string[]): Promise<Record<string, Record<number, number>>> {
  const result: Record<string, Record<number, number>> = {};
  const count = (type: string, attempt: number) => {
    result[type] ??= {};
    result[type][attempt] = (result[type][attempt] ?? 0) + 1;
  };
  for (const workflowId of workflowIds) {
    const history = await client.workflow.getHandle(workflowId).fetchHistory();
    const scheduled = new Map<string, string>();
    for (const event of history.events ?? []) {
      const type = event.activityTaskScheduledEventAttributes?.activityType?.name;
      if (type) scheduled.set(String(event.eventId), type);
      const started = event.activityTaskStartedEventAttributes;
      if (started && scheduled.has(String(started.scheduledEventId))) count(scheduled.get(String(started.scheduledEventId))!, started.attempt ?? 1);
      const marker = event.markerRecordedEventAttributes;
      const data = marker?.markerName === 'core_local_activity' ? marker.details?.data?.payloads?.[0]?.data : undefined;
      if (data) {
        const parsed = JSON.parse(Buffer.from(data).toString('utf8')) as { attempt?: number; activity_type?: string; activityType?: string };
        count(`${parsed.activity_type ?? parsed.activityType ?? '?'} (local)`, parsed.attempt ?? 1);
      }
    }
  }
  return result;
}

/** Executions that needed more than one attempt. */
export const retriedCount = (histogram: Record<number, number> = {}) => Object.entries(histogram).reduce((sum, [attempts, n]) => sum + (Number(attempts) > 1 ? n : 0), 0);
