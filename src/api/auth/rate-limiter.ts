/**
 * A token bucket per API key, in this process's memory: each key may make `perMinute` requests in
 * a burst, and gets them back at perMinute / 60 per second. Several API processes each count on
 * their own (the limit is per process); keys are few, so the buckets need no eviction.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    /** 0 turns limiting off. */
    readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes one request from the key's bucket: 0 when it may go, otherwise the whole seconds to wait. */
  take(key: string): number {
    if (this.perMinute <= 0) return 0;
    const perMs = this.perMinute / 60_000;
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.perMinute, at: now };
    bucket.tokens = Math.min(this.perMinute, bucket.tokens + Math.max(0, now - bucket.at) * perMs);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000));
  }
}
