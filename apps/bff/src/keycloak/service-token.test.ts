import { describe, expect, it } from 'vitest';
import { ServiceTokenCache, type IssuedToken } from './service-token.js';

function fakeIssuer(lifetimeMs: number, clock: { now: number }) {
  let issued = 0;
  const calls: number[] = [];
  const fetchToken = async (): Promise<IssuedToken> => {
    issued += 1;
    calls.push(clock.now);
    await new Promise((resolve) => setTimeout(resolve, 5));
    return { accessToken: `token-${issued}`, expiresAt: clock.now + lifetimeMs };
  };
  return { fetchToken, calls };
}

describe('ServiceTokenCache', () => {
  it('reuses the token until shortly before it expires', async () => {
    const clock = { now: 1_000_000 };
    const issuer = fakeIssuer(300_000, clock);
    const cache = new ServiceTokenCache(issuer.fetchToken, { now: () => clock.now, refreshMarginMs: 30_000 });
    expect(await cache.getToken()).toBe('token-1');
    clock.now += 269_000;
    expect(await cache.getToken()).toBe('token-1');
    clock.now += 2_000;
    expect(await cache.getToken()).toBe('token-2');
    expect(cache.fetchCount).toBe(2);
  });

  it('shares one fetch between concurrent callers', async () => {
    const clock = { now: 0 };
    const issuer = fakeIssuer(300_000, clock);
    const cache = new ServiceTokenCache(issuer.fetchToken, { now: () => clock.now });
    const tokens = await Promise.all(Array.from({ length: 20 }, () => cache.getToken()));
    expect(new Set(tokens)).toEqual(new Set(['token-1']));
    expect(issuer.calls).toHaveLength(1);
  });

  it('fetches a new token after the current one is invalidated', async () => {
    const clock = { now: 0 };
    const issuer = fakeIssuer(300_000, clock);
    const cache = new ServiceTokenCache(issuer.fetchToken, { now: () => clock.now });
    const first = await cache.getToken();
    cache.invalidate(first);
    expect(await cache.getToken()).toBe('token-2');
  });

  it('ignores invalidation of a token that was already replaced', async () => {
    const clock = { now: 0 };
    const issuer = fakeIssuer(300_000, clock);
    const cache = new ServiceTokenCache(issuer.fetchToken, { now: () => clock.now });
    await cache.getToken();
    cache.invalidate();
    const second = await cache.getToken();
    cache.invalidate('token-1');
    expect(await cache.getToken()).toBe(second);
    expect(cache.fetchCount).toBe(2);
  });

  it('does not cache a failed fetch', async () => {
    let attempt = 0;
    const cache = new ServiceTokenCache(async () => {
      attempt += 1;
      if (attempt === 1) throw new Error('keycloak down');
      return { accessToken: 'recovered', expiresAt: Date.now() + 60_000 };
    });
    await expect(cache.getToken()).rejects.toThrow('keycloak down');
    expect(await cache.getToken()).toBe('recovered');
  });
});
