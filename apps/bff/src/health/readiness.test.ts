import { describe, expect, it, vi } from 'vitest';
import type { ReadinessResponse } from '@session-desk/contracts';
import { sharedReadiness } from './health-routes.js';

const ready: ReadinessResponse = { status: 'ready', checks: { keycloak: { ok: true, message: 'up' }, serviceAccount: { ok: true, message: 'up' } } };

describe('sharedReadiness', () => {
  it('answers not ready once the deadline passes while Keycloak hangs, and the next probe shares the same check', async () => {
    let answer = (_value: ReadinessResponse) => undefined as void;
    const keycloak = { readiness: vi.fn(() => new Promise<ReadinessResponse>((resolve) => (answer = resolve))) };
    const readiness = sharedReadiness(keycloak, 50);
    const started = performance.now();
    const first = await readiness();
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(first).toMatchObject({ status: 'not_ready', checks: { keycloak: { ok: false, message: expect.stringContaining('did not answer within 50 ms') } } });
    const second = readiness();
    answer(ready);
    expect(await second).toEqual(ready);
    expect(keycloak.readiness).toHaveBeenCalledTimes(1);
  });

  it("gives Keycloak's own answer when it comes in time, and asks again after it", async () => {
    const keycloak = { readiness: vi.fn(async () => ready) };
    const readiness = sharedReadiness(keycloak, 1_000);
    expect(await readiness()).toEqual(ready);
    expect(await readiness()).toEqual(ready);
    expect(keycloak.readiness).toHaveBeenCalledTimes(2);
  });
});
