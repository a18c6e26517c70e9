/**
 * Waiting for the stack to reach a state: poll with a deadline, never a fixed sleep. On timeout the
 * error says what was awaited and the last state seen, so a failure explains itself.
 */

export const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface PollOptions {
  /** What is awaited, for the error message. */
  what: string;
  timeoutMs: number;
  /** Default 500 ms. */
  intervalMs?: number;
}

/**
 * Calls `probe` until `done(value)` holds, and returns that value. A probe that throws (a server
 * being down mid-scenario) counts as "not yet"; its last error is reported if the deadline passes.
 */
export async function pollUntil<T>(probe: () => Promise<T>, done: (value: T) => boolean, options: PollOptions): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  let last: { value: T } | { error: unknown } | undefined;
  for (;;) {
    try {
      const value = await probe();
      last = { value };
      if (done(value)) return value;
    } catch (error) {
      last = { error };
    }
    if (Date.now() >= deadline) {
      const seen =
        last === undefined ? 'nothing' : 'value' in last ? JSON.stringify(last.value) : `an error: ${last.error instanceof Error ? last.error.message : String(last.error)}`;
      throw new Error(`Timed out after ${options.timeoutMs} ms waiting for ${options.what}; last seen ${seen}`);
    }
    await delay(options.intervalMs ?? 500);
  }
}

/** Seconds since `startMs`, one decimal, for the printed reports. */
export const secondsSince = (startMs: number) => Math.round((Date.now() - startMs) / 100) / 10;
