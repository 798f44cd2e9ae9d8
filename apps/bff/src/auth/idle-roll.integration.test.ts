import { describe, expect, it } from 'vitest';
import { meResponseSchema } from '@session-desk/contracts';
import { demoRealm } from '@session-desk/keycloak-local';
import { createTestApp } from '../testing/test-app.js';
import { signInThroughKeycloak } from '../testing/keycloak-browser.js';
import { MemorySessionStore } from './memory-session-store.js';
import { idleRollEveryMs } from './session-middleware.js';

const helpdesk = demoRealm.operators.find((o) => o.role === 'helpdesk')!;
/** SESSION_IDLE_MINUTES=1: the idle expiry moves at most every 6 s. */
const IDLE_MS = 60_000;

describe('reads write nothing to the session store; the idle expiry still moves with use', () => {
  it('a request within the roll interval sends no cookie and writes nothing; the next one after it moves the expiry', async () => {
    const store = new MemorySessionStore(IDLE_MS);
    let writes = 0;
    const set = store.set.bind(store);
    store.set = (...args: Parameters<typeof store.set>) => {
      writes += 1;
      set(...args);
    };
    const test = createTestApp({ SESSION_IDLE_MINUTES: '1' }, undefined, store);
    const browser = test.agent();
    await signInThroughKeycloak(browser, helpdesk.username, helpdesk.password);
    const me = async () => {
      const response = await browser.get('/api/me');
      expect(response.status).toBe(200);
      return { cookie: response.headers['set-cookie'] !== undefined, expiresAt: Date.parse(meResponseSchema.parse(response.body).sessionExpiresAt) };
    };

    // The first request after sign-in starts the idle clock.
    const first = await me();
    const writesAfterFirst = writes;
    const again = await me();
    const third = await me();
    expect({ again: again.cookie, third: third.cookie, writes: writes - writesAfterFirst }).toEqual({ again: false, third: false, writes: 0 });
    // The console tells the SPA the expiry the cookie really has: it did not move.
    expect(third.expiresAt).toBe(again.expiresAt);
    expect(Math.abs(again.expiresAt - first.expiresAt)).toBeLessThan(1_000);

    await new Promise((resolve) => setTimeout(resolve, idleRollEveryMs(IDLE_MS) + 200));
    const rolled = await me();
    expect(rolled.cookie).toBe(true);
    expect(writes - writesAfterFirst).toBe(1);
    expect(rolled.expiresAt).toBeGreaterThanOrEqual(first.expiresAt + idleRollEveryMs(IDLE_MS));
  });
});
