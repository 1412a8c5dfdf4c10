/**
 * The gateway remembers verified bearer tokens: one signature check per token, but never past the
 * token's expiry nor past the cache's trust period, and refusals are never remembered.
 */
import { describe, expect, it } from 'vitest';
import { DEVELOPMENT_JWT_SECRET } from '../../gateway/identity/development-secret.js';
import { mintDevelopmentToken } from '../../gateway/identity/mint-token.js';
import { withVerifiedTokenCache } from '../../gateway/identity/verified-token-cache.js';
import { createTokenVerifier, type TokenVerifier } from '../../gateway/identity/verify-token.js';

const ISSUER = 'omnichannel-dev';
const AUDIENCE = 'omnichannel-graph';
const verifier = createTokenVerifier({ keys: { kind: 'secret', secret: DEVELOPMENT_JWT_SECRET }, issuer: ISSUER, audience: AUDIENCE, clockSkewSeconds: 0 });

function counted(verify: TokenVerifier): { verify: TokenVerifier; calls: () => number } {
  let calls = 0;
  return {
    verify: (token) => {
      calls += 1;
      return verify(token);
    },
    calls: () => calls,
  };
}

const mint = (expiresIn: string, secret = DEVELOPMENT_JWT_SECRET) =>
  mintDevelopmentToken({ secret, issuer: ISSUER, audience: AUDIENCE, subject: 'agent-1', scopes: ['callcenter'], expiresIn });

describe('withVerifiedTokenCache', () => {
  it('checks a token once, then answers it from memory with the same principal', async () => {
    const inner = counted(verifier);
    const verify = withVerifiedTokenCache(inner.verify, { clockSkewSeconds: 0 });
    const token = await mint('1h');
    const first = await verify(token);
    expect(await verify(token)).toEqual(first);
    expect(first).toMatchObject({ subject: 'agent-1', scopes: ['callcenter'] });
    expect(inner.calls()).toBe(1);
  });

  it('checks again once the token has expired (plus the clock skew), or the trust period is over', async () => {
    let now = Date.now();
    const inner = counted(verifier);
    const verify = withVerifiedTokenCache(inner.verify, { clockSkewSeconds: 30, ttlMs: 10 * 60_000, now: () => now });
    const shortLived = await mint('60s');
    await verify(shortLived);
    now += 80_000;
    await verify(shortLived);
    expect(inner.calls()).toBe(1);
    now += 20_000;
    await verify(shortLived).catch(() => undefined);
    expect(inner.calls()).toBe(2);

    const longLived = await mint('1h');
    await verify(longLived);
    now += 11 * 60_000;
    await verify(longLived);
    expect(inner.calls()).toBe(4);
  });

  it('never remembers a refusal', async () => {
    const inner = counted(verifier);
    const verify = withVerifiedTokenCache(inner.verify, { clockSkewSeconds: 0 });
    const forged = await mint('1h', 'another-secret-of-at-least-thirty-two-chars');
    await expect(verify(forged)).rejects.toMatchObject({ reason: 'bad-signature' });
    await expect(verify(forged)).rejects.toMatchObject({ reason: 'bad-signature' });
    expect(inner.calls()).toBe(2);
  });
});
