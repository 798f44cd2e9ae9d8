import { describe, expect, it } from 'vitest';
import { demoRealm } from './demo-realm.ts';
import { listEndUsernames } from './end-users.ts';
import { planDemoLogins } from './seed-plan.ts';

describe('planDemoLogins', () => {
  const plan = planDemoLogins();

  it('is deterministic', () => {
    expect(planDemoLogins()).toEqual(plan);
  });

  it('gives every user 1–3 regular sessions on different demo apps', () => {
    for (const username of listEndUsernames()) {
      const regular = plan.filter((l) => l.username === username && !l.offline).map((l) => l.clientId);
      expect(regular.length).toBeGreaterThanOrEqual(1);
      expect(regular.length).toBeLessThanOrEqual(3);
      expect(new Set(regular).size).toBe(regular.length);
      for (const clientId of regular) expect(demoRealm.apps).toContain(clientId);
    }
  });

  it('gives every 4th user one offline session on yet another app', () => {
    const usernames = listEndUsernames();
    const offline = plan.filter((l) => l.offline);
    expect(offline.map((l) => l.username)).toEqual(usernames.filter((_, i) => i % 4 === 0));
    for (const login of offline) {
      const regularApps = plan.filter((l) => l.username === login.username && !l.offline).map((l) => l.clientId);
      expect(regularApps).not.toContain(login.clientId);
    }
  });

  it('spreads sessions over all demo apps', () => {
    expect(new Set(plan.map((l) => l.clientId))).toEqual(new Set(demoRealm.apps));
  });
});
