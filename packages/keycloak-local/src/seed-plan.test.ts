import { describe, expect, it } from 'vitest';
import { demoRealm } from './demo-realm.ts';
import { listEndUsernames } from './end-users.ts';
import { planConcernLogins, planDemoLogins } from './seed-plan.ts';
import { isIP } from 'node:net';

describe('planDemoLogins', () => {
  const plan = planDemoLogins();

  it('signs each login in from an address: public networks of several operators, some office (private) networks, some users from two countries', () => {
    expect(plan.every((login) => isIP(login.forwardedFor) !== 0)).toBe(true);
    const network = (address: string) => (address.includes(':') ? address.split('::')[0] : address.split('.').slice(0, 2).join('.'));
    expect(new Set(plan.map((login) => network(login.forwardedFor))).size).toBeGreaterThanOrEqual(14);
    expect(plan.some((login) => login.forwardedFor.includes(':'))).toBe(true);
    const offices = new Set(plan.filter((login) => login.forwardedFor.startsWith('10.')).map((login) => login.username));
    expect(offices.size).toBeGreaterThan(5);
    const byUser = Map.groupBy(plan, (login) => login.username);
    const travellers = [...byUser.values()].filter((logins) => new Set(logins.map((login) => network(login.forwardedFor))).size > 1);
    expect(travellers.length).toBeGreaterThan(3);
  });

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

describe('planConcernLogins', () => {
  const plan = planDemoLogins();
  const concerns = planConcernLogins(plan);
  /** The two networks the later login may come from: BR (NIC.br), or AU (Telstra) for a user at home in BR. */
  const foreign = (address: string) => (address.startsWith('200.160.') ? 'BR' : address.startsWith('1.128.') ? 'AU' : null);

  it('gives one user more live sessions than the default limit of 5, from their home address', () => {
    const user = concerns.users.tooManySessions;
    const all = [...plan, ...concerns.now, ...concerns.later].filter((login) => login.username === user);
    expect(all.length).toBeGreaterThan(5);
    expect(new Set(all.map((login) => login.forwardedFor)).size).toBeLessThanOrEqual(3);
    expect(all.every((login) => !login.offline && !login.forwardedFor.startsWith('10.'))).toBe(true);
  });

  it('signs another user in later from a country none of their sessions came from', () => {
    const user = concerns.users.newCountry;
    expect(user).not.toBe(concerns.users.tooManySessions);
    expect(concerns.later).toHaveLength(1);
    expect(concerns.later[0]?.username).toBe(user);
    const home = plan.filter((login) => login.username === user);
    expect(home.length).toBeGreaterThan(0);
    const later = foreign(concerns.later[0]!.forwardedFor);
    expect(later).not.toBeNull();
    expect(home.map((login) => foreign(login.forwardedFor))).not.toContain(later);
  });

  it('is deterministic and names users of the demo realm', () => {
    expect(planConcernLogins(planDemoLogins())).toEqual(concerns);
    expect(listEndUsernames()).toEqual(expect.arrayContaining([concerns.users.tooManySessions, concerns.users.newCountry]));
  });
});
