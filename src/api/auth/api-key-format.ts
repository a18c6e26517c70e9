import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

/**
 * API keys look like `rlk_<prefix>_<secret>`:
 * - `rlk_` says what it is (secret scanners and people can recognise a leaked one);
 * - the prefix (8 lower-case letters and digits) is public: it finds the key's row and names the
 *   key in lists, logs and `revoke`;
 * - the secret is 32 random bytes written in base 62 (43 letters and digits: no `-` or `_`, so a
 *   double click selects the whole key).
 *
 * Only SHA-256 of the secret is stored. A fast hash is the right one here: slow hashes (bcrypt,
 * scrypt, argon2) exist to make guessing low-entropy passwords expensive, but a 256-bit random
 * secret cannot be guessed at any speed, so a leaked table gives nothing away, and every request
 * is checked in microseconds instead of the ~100 ms a password hash would add.
 */
export const API_KEY_PATTERN = /^rlk_([0-9a-z]{8})_([0-9A-Za-z]{43})$/;

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const SECRET_LENGTH = 43;

function base62(bytes: Buffer, length: number): string {
  let value = BigInt(`0x${bytes.toString('hex')}`);
  let text = '';
  while (value > 0n) {
    text = ALPHABET[Number(value % 62n)] + text;
    value /= 62n;
  }
  return text.padStart(length, '0');
}

export interface GeneratedApiKey {
  /** The whole key, to hand to its holder once. */
  key: string;
  prefix: string;
  secretSha256: Buffer;
}

export function generateApiKey(): GeneratedApiKey {
  const prefix = Array.from({ length: 8 }, () => ALPHABET[randomInt(36)]).join('');
  const secret = base62(randomBytes(32), SECRET_LENGTH);
  return { key: `rlk_${prefix}_${secret}`, prefix, secretSha256: hashSecret(secret) };
}

/** The prefix and secret of a well-formed key, or null. */
export function parseApiKey(key: string): { prefix: string; secret: string } | null {
  const match = API_KEY_PATTERN.exec(key);
  return match ? { prefix: match[1], secret: match[2] } : null;
}

export function hashSecret(secret: string): Buffer {
  return createHash('sha256').update(secret, 'utf8').digest();
}

/** Constant-time comparison of the secret's hash with the stored one. */
export function secretMatches(secret: string, storedSha256: Buffer): boolean {
  const hash = hashSecret(secret);
  return storedSha256.length === hash.length && timingSafeEqual(hash, storedSha256);
}
