import { RateLimiter } from './rate-limiter';

describe('RateLimiter (token bucket per key)', () => {
  it('lets a burst of perMinute through, then says how many whole seconds to wait', () => {
    let now = 0;
    const limiter = new RateLimiter(3, () => now);
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a')]).toEqual([0, 0, 0]);
    expect(limiter.take('a')).toBe(20); // 3 a minute: one back every 20 s
    now = 10_000;
    expect(limiter.take('a')).toBe(10);
    now = 20_000;
    expect(limiter.take('a')).toBe(0);
    expect(limiter.take('a')).toBe(20);
  });

  it('counts each key on its own, and refills to the burst at most', () => {
    let now = 0;
    const limiter = new RateLimiter(2, () => now);
    limiter.take('a');
    limiter.take('a');
    expect(limiter.take('b')).toBe(0);
    now = 3_600_000;
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a')]).toEqual([0, 0, 30]);
  });

  it('never limits with 0', () => {
    const limiter = new RateLimiter(0);
    for (let i = 0; i < 1000; i++) expect(limiter.take('a')).toBe(0);
  });

  it('answers at least 1 s even when a token is a few milliseconds away', () => {
    let now = 0;
    const limiter = new RateLimiter(60_000, () => now);
    for (let i = 0; i < 60_000; i++) limiter.take('a');
    expect(limiter.take('a')).toBe(1);
  });
});
