import { performance } from 'node:perf_hooks';

export interface Outcome {
  /** From the planned send moment to the answer, ms. */
  latencyMs: number;
  /** How late the request actually left (the load generator's own lag), ms. */
  sendLagMs: number;
  ok: boolean;
  /** The HTTP status and error code, or the failure, when not ok; the kind of event otherwise. */
  label: string;
}

/**
 * Fires `total` requests at `rate` per second, open loop: request k leaves at t0 + k/rate whatever
 * the earlier ones are doing, and its latency counts from that planned moment, so a slow answer
 * cannot hide the requests queued behind it. Returns every outcome, in order, and the wall time.
 */
export async function runOpenLoop(
  total: number,
  rate: number,
  send: (k: number) => Promise<{ ok: boolean; label: string }>,
): Promise<{ outcomes: Outcome[]; wallMs: number }> {
  const t0 = performance.now() + 50;
  const pending: Promise<Outcome>[] = [];
  for (let k = 0; k < total; k++) {
    const plannedAt = t0 + (k * 1000) / rate;
    const wait = plannedAt - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait)); // pacing, not waiting for answers
    const sentAt = performance.now();
    pending.push(
      send(k).then(
        (answer) => ({ ...answer, latencyMs: performance.now() - plannedAt, sendLagMs: sentAt - plannedAt }),
        (error: unknown) => ({ ok: false, label: error instanceof Error ? error.name : String(error), latencyMs: performance.now() - plannedAt, sendLagMs: sentAt - plannedAt }),
      ),
    );
  }
  const outcomes = await Promise.all(pending);
  return { outcomes, wallMs: performance.now() - t0 };
}

/** How many outcomes failed, by label. */
export function failuresByLabel(outcomes: readonly Outcome[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const o of outcomes.filter((x) => !x.ok)) counts[o.label] = (counts[o.label] ?? 0) + 1;
  return counts;
}
