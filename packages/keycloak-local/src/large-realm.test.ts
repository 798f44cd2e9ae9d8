import { describe, expect, it } from 'vitest';
import { LARGE_CLIENT_IDS, largeIdleUsers, largeTargets, largeUserCountFor, largeUsername, largeUsers, planLargeLogins } from './large-realm.ts';
import { missingLogins } from './large-seed.ts';
import { parseCliArgs } from './cli-args.ts';

describe('planLargeLogins', () => {
  const plan = planLargeLogins();

  it('plans 8,500 regular and 1,500 offline sessions of 1,000 users on 20 clients', () => {
    expect(largeTargets(plan)).toEqual({ regular: 8_500, offline: 1_500, users: 1_000, clients: 20 });
    expect(new Set(plan.map((l) => l.username)).size).toBe(1_000);
    expect(new Set(plan.map((l) => l.clientId))).toEqual(new Set(LARGE_CLIENT_IDS));
  });

  it('puts each user on ten different clients', () => {
    const clients = plan.filter((l) => l.username === largeUsername(0)).map((l) => l.clientId);
    expect(clients).toHaveLength(10);
    expect(new Set(clients).size).toBe(10);
  });

  it('spreads sessions evenly: 425 regular and 75 offline per client', () => {
    for (const clientId of LARGE_CLIENT_IDS) {
      expect(plan.filter((l) => l.clientId === clientId && !l.offline)).toHaveLength(425);
      expect(plan.filter((l) => l.clientId === clientId && l.offline)).toHaveLength(75);
    }
  });

  it('names users large-user-0001 … large-user-1000 with emails at large.example', () => {
    const users = largeUsers();
    expect(users[0]).toMatchObject({ username: 'large-user-0001', email: 'large-user-0001@large.example' });
    expect(users[999]).toMatchObject({ username: 'large-user-1000' });
  });
});

describe('seed-large --sessions and --users', () => {
  it('scales the realm at 10 sessions per user, with the same shape per user', () => {
    expect(largeUserCountFor(100_000)).toBe(10_000);
    const plan = planLargeLogins(largeUserCountFor(100_000));
    expect(largeTargets(plan)).toEqual({ regular: 85_000, offline: 15_000, users: 10_000, clients: 20 });
    expect(() => largeUserCountFor(100_005)).toThrow(RangeError);
    expect(() => largeUserCountFor(0)).toThrow(RangeError);
  });

  it('names users without sessions large-idle-000001 … and gives them no password', () => {
    const idle = largeIdleUsers(0, 3);
    expect(idle.map((u) => u['username'])).toEqual(['large-idle-000001', 'large-idle-000002', 'large-idle-000003']);
    expect(idle[0]).not.toHaveProperty('credentials');
    expect(largeIdleUsers(5, 3)).toEqual([]);
  });
});

describe('missingLogins', () => {
  const plan = planLargeLogins();
  const totals = (perClient: Array<{ clientId: string; active: number; offline: number }>) => ({ active: 0, offline: 0, perClient });

  it('plans everything for an empty realm and nothing for a full one', () => {
    expect(missingLogins(plan, totals([]))).toHaveLength(10_000);
    const full = LARGE_CLIENT_IDS.map((clientId) => ({ clientId, active: 425, offline: 75 }));
    expect(missingLogins(plan, totals(full))).toHaveLength(0);
  });

  it('tops up per client and type', () => {
    const missing = missingLogins(plan, totals([{ clientId: 'large-app-01', active: 400, offline: 75 }]));
    expect(missing.filter((l) => l.clientId === 'large-app-01')).toHaveLength(25);
    expect(missing.filter((l) => l.clientId === 'large-app-01').every((l) => !l.offline)).toBe(true);
    expect(missing).toHaveLength(10_000 - 475);
  });
});

describe('the seed-large command', () => {
  it('parses with either instance', () => {
    expect(parseCliArgs(['seed-large'])).toEqual({ command: 'seed-large', instance: 'demo' });
    expect(parseCliArgs(['seed-large', '--instance', 'test'])).toEqual({ command: 'seed-large', instance: 'test' });
  });
});
