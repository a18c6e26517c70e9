import { isStale, matchingSignature, presentedSignatures, signatureOf, timestampOf } from './webhook-signature';

describe('webhook signatures', () => {
  const secret = 'whsec_test-secret-0123456789abcdefghijklmnop';
  const body = '{"payments":[]}';

  it('signs "<timestamp>.<raw body>" with HMAC-SHA256, as openssl does', () => {
    // printf '%s.%s' 1764111600 '{"payments":[]}' | openssl dgst -sha256 -hmac "$secret"
    expect(signatureOf(secret, '1764111600', body)).toMatch(/^[0-9a-f]{64}$/);
    expect(signatureOf(secret, '1764111600', Buffer.from(body))).toBe(signatureOf(secret, '1764111600', body));
    expect(signatureOf(secret, '1764111601', body)).not.toBe(signatureOf(secret, '1764111600', body));
  });

  it('reads v1 signatures, several during a rotation, and ignores anything else', () => {
    const sig = signatureOf(secret, '1', body);
    expect(presentedSignatures(`v1=${sig.toUpperCase()}`)).toEqual([sig]);
    expect(presentedSignatures(`v0=abc, v1=${sig}`)).toEqual([sig]);
    expect(presentedSignatures('v1=abc')).toEqual([]);
    expect(presentedSignatures(undefined)).toEqual([]);
    expect(presentedSignatures([`v1=${sig}`])).toEqual([]);
  });

  it('matches the expected signature among those presented', () => {
    const sig = signatureOf(secret, '1', body);
    const other = signatureOf('whsec_other', '1', body);
    expect(matchingSignature(sig, [other, sig])).toBe(sig);
    expect(matchingSignature(sig, [other])).toBeUndefined();
  });

  it('takes whole unix seconds within 5 minutes of now, either way', () => {
    expect(timestampOf('1764111600')).toBe(1764111600);
    expect(timestampOf('1764111600.5')).toBeUndefined();
    expect(timestampOf('-1')).toBeUndefined();
    const now = 1764111600_000;
    expect(isStale(1764111600 - 300, now)).toBe(false);
    expect(isStale(1764111600 + 300, now)).toBe(false);
    expect(isStale(1764111600 - 301, now)).toBe(true);
    expect(isStale(1764111600 + 301, now)).toBe(true);
  });
});
