import { API_KEY_PATTERN, generateApiKey, hashSecret, parseApiKey, secretMatches } from './api-key-format';

describe('API key format', () => {
  it('makes keys rlk_<8 lower-case letters or digits>_<43 letters or digits>, each different', () => {
    const keys = Array.from({ length: 200 }, () => generateApiKey());
    for (const { key, prefix, secretSha256 } of keys) {
      expect(key).toMatch(API_KEY_PATTERN);
      expect(parseApiKey(key)).toEqual({ prefix, secret: key.slice(13) });
      expect(secretSha256).toEqual(hashSecret(key.slice(13)));
    }
    expect(new Set(keys.map((k) => k.key)).size).toBe(200);
    expect(new Set(keys.map((k) => k.prefix)).size).toBe(200);
  });

  it('uses the whole base-62 alphabet in secrets (no padding-only keys)', () => {
    const text = Array.from({ length: 50 }, () => generateApiKey().key.slice(13)).join('');
    expect(new Set(text).size).toBeGreaterThan(55);
  });

  it('refuses anything else', () => {
    const { key } = generateApiKey();
    for (const bad of ['', 'rlk_', key.toUpperCase(), `${key} `, key.replace('rlk_', 'rlx_'), key.slice(0, -1), `${key}a`, key.replace(/_([^_]+)$/, '-$1')]) {
      expect(parseApiKey(bad)).toBeNull();
    }
  });

  it('matches the secret against its stored hash only', () => {
    const { key, secretSha256 } = generateApiKey();
    const { secret } = parseApiKey(key)!;
    expect(secretMatches(secret, secretSha256)).toBe(true);
    expect(secretMatches(secret.replace(/.$/, (c) => (c === 'a' ? 'b' : 'a')), secretSha256)).toBe(false);
    expect(secretMatches(secret, Buffer.alloc(16))).toBe(false);
  });
});
