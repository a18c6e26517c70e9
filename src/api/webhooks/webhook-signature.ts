import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const TIMESTAMP_HEADER = 'X-Relance-Timestamp';
export const SIGNATURE_HEADER = 'X-Relance-Signature';

/** A timestamp is accepted within this many seconds of now, either way. */
export const TOLERANCE_SECONDS = 5 * 60;
/** Seen signatures are kept this long, then pruned: longer than any timestamp stays acceptable after it is first seen. */
export const SEEN_SIGNATURE_RETENTION_SECONDS = 10 * 60;

/** A new integration secret: `whsec_` and 32 random bytes, base64url. The HMAC key is this whole string (UTF-8). */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

/** The hex HMAC-SHA256 of `<timestamp>.<raw body>` under the secret. */
export function signatureOf(secret: string, timestamp: string, rawBody: Buffer | string): string {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest('hex');
}

/** The `v1=` signatures a header carries (several, comma-separated, during a secret rotation), lower-cased; [] when malformed. */
export function presentedSignatures(header: string | string[] | undefined): string[] {
  if (typeof header !== 'string') return [];
  return header
    .split(',')
    .map((part) => /^\s*v1=([0-9a-fA-F]{64})\s*$/.exec(part)?.[1]?.toLowerCase())
    .filter((value): value is string => value !== undefined);
}

/** The presented signature that matches the expected one (compared in constant time), or undefined. */
export function matchingSignature(expected: string, presented: readonly string[]): string | undefined {
  const want = Buffer.from(expected, 'hex');
  let found: string | undefined;
  for (const candidate of presented) {
    const got = Buffer.from(candidate, 'hex');
    // Every candidate is compared (no early exit), each in constant time; lengths are fixed by the header's syntax.
    if (got.length === want.length && timingSafeEqual(got, want) && found === undefined) found = candidate;
  }
  return found;
}

/** The timestamp header as unix seconds, or undefined when it is not a whole number. */
export function timestampOf(header: string | string[] | undefined): number | undefined {
  if (typeof header !== 'string' || !/^\d{1,12}$/.test(header.trim())) return undefined;
  return Number(header.trim());
}

/** Whether a timestamp is more than the tolerance away from now (in the past or the future). */
export function isStale(timestampSeconds: number, nowMs: number = Date.now()): boolean {
  return Math.abs(nowMs / 1000 - timestampSeconds) > TOLERANCE_SECONDS;
}
