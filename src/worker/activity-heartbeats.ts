import type { Context } from '@temporalio/activity';
import type { ActivityInterceptorsFactory } from '@temporalio/worker';

/** How often a running activity tells the server it is alive; well under the heartbeat timeout of the step activities. */
export const ACTIVITY_HEARTBEAT_INTERVAL_MS = 5_000;

/**
 * Heartbeats every activity that has a heartbeat timeout while it runs. A worker that dies (a
 * crash, SIGKILL, a lost machine) stops heartbeating, so the server retries its activities after
 * the heartbeat timeout instead of the much longer start-to-close timeout. The activities need not
 * know: a step that takes longer (a letter, an escalation file) is still bounded by start-to-close.
 */
export const heartbeatWhileRunning =
  (intervalMs = ACTIVITY_HEARTBEAT_INTERVAL_MS): ActivityInterceptorsFactory =>
  (ctx: Context) => ({
    inbound: {
      async execute(input, next) {
        if (ctx.info.isLocal || !ctx.info.heartbeatTimeoutMs) return next(input);
        // None at once: the server counts the heartbeat timeout from the start, and most steps end
        // well within the interval (an immediate heartbeat cost the server ≈ 11 ms of CPU per step).
        const timer = setInterval(() => ctx.heartbeat(), Math.min(intervalMs, ctx.info.heartbeatTimeoutMs / 3));
        try {
          return await next(input);
        } finally {
          clearInterval(timer);
        }
      },
    },
  });
