import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent } from 'supertest';
import { demoRealm } from '@session-desk/keycloak-local';
import {
  concernCountResponseSchema,
  concernListResponseSchema,
  concernSettingsResponseSchema,
  type ConcernItem,
  type ConcernRuleId,
  type ConcernSettingsInput,
} from '@session-desk/contracts';
import { createTestApp } from '../testing/test-app.js';
import { signInThroughKeycloak } from '../testing/keycloak-browser.js';
import { sessionIdOf } from '../testing/end-user-sessions.js';
import { ThrowawayRealm } from '../testing/throwaway-named-realm.js';
import { ConcernsService } from './concerns-service.js';

const operator = (role: 'admin' | 'helpdesk' | 'auditor') => demoRealm.operators.find((o) => o.role === role)!;
const APP = 'concern-app';
const NL = '193.0.0.1';
const US = '8.8.8.8';
const HOUR = 3_600_000;
/** The realm defaults this BFF is configured with (CONCERN_DEFAULTS), unlike the built-in 30 and 7 days. */
const CONFIGURED = { 'idle-offline': { enabled: true, idleMinutes: 90 * 1_440 }, 'old-session': { enabled: true, maxAgeMinutes: 14 * 1_440 } };

/** Waits until the wall clock is in a later second than now: Keycloak stamps sessions in whole seconds. */
async function nextSecond(): Promise<number> {
  const second = Math.floor(Date.now() / 1000);
  while (Math.floor(Date.now() / 1000) <= second) await sleep(20);
  return Math.floor(Date.now() / 1000) * 1000;
}

/**
 * Sessions of concern against the real Keycloak: a throwaway realm with one user per rule, signed
 * in "from" public addresses (X-Forwarded-For), and users who must trip nothing. Each rule flags
 * its user and nobody else; the time-based rules are measured with the service's clock moved on
 * (Keycloak cannot backdate a session), over the same live sessions.
 */
describe('sessions of concern against the real Keycloak', () => {
  let realm: ThrowawayRealm;
  let test: ReturnType<typeof createTestApp>;
  const browsers = new Map<'admin' | 'helpdesk' | 'auditor', Agent>();
  let base: string;
  /** The first instant of the second after the old session started, and after the idle offline session started. */
  let afterOld = 0;
  let afterIdle = 0;
  const ids = { old: '', idle: '', hoarderOffline: '', travellerNl: '', travellerUs: '', newcomerUs: '' };

  const put = (settings: ConcernSettingsInput, reason = 'integration test settings', as: Agent = browsers.get('admin')!) =>
    as.put(`${base}/concerns/settings`).set('X-CSRF', '1').send({ reason, settings });

  const flaggedBy = async (as: Agent = browsers.get('admin')!): Promise<Record<ConcernRuleId, string[]>> => {
    await test.snapshots.refresh(realm.name);
    const response = await as.get(`${base}/concerns`);
    expect(response.status, response.text).toBe(200);
    return byRule(concernListResponseSchema.parse(response.body).items);
  };

  const byRule = (items: ConcernItem[]): Record<ConcernRuleId, string[]> => {
    const result: Record<ConcernRuleId, string[]> = { 'many-countries': [], 'too-many-sessions': [], 'new-country': [], 'idle-offline': [], 'old-session': [] };
    for (const item of items) result[item.rule].push(item.user.username);
    return result;
  };

  beforeAll(async () => {
    realm = await ThrowawayRealm.create({
      name: `i15-concerns-${Date.now()}`,
      clients: [APP],
      sslRequired: 'none',
      users: ['old.timer', 'idle.offline', 'hoarder', 'traveller', 'newcomer', 'calm', 'leaver', 'victim'].map((username) => ({ username, email: `${username}@concern.example` })),
    });
    // Snapshots are rebuilt only when a test asks (refresh), never in the background behind its back.
    test = createTestApp({ MANAGED_REALMS: `demo,${realm.name}`, SNAPSHOT_TTL_SECONDS: '3600', IP_LOCATION: 'on', CONCERN_DEFAULTS: JSON.stringify(CONFIGURED) });
    for (const role of ['admin', 'helpdesk', 'auditor'] as const) {
      const agent = test.agent();
      await signInThroughKeycloak(agent, operator(role).username, operator(role).password);
      browsers.set(role, agent);
    }
    base = `/api/realms/${encodeURIComponent(realm.name)}`;

    // Oldest first: the old session, then (a second later) the idle offline one, then everything else.
    ids.old = sessionIdOf(await realm.login('old.timer', APP, false, NL));
    afterOld = await nextSecond();
    ids.idle = sessionIdOf(await realm.login('idle.offline', APP, true, NL));
    afterIdle = await nextSecond();

    // The traveller has worked from both countries before (seen once by the console, then ended).
    const earlier = [await realm.login('traveller', APP, false, NL), await realm.login('traveller', APP, false, US)];
    // The newcomer has only ever been seen in NL.
    const newcomerNl = await realm.login('newcomer', APP, false, NL);
    await test.snapshots.refresh(realm.name);
    await test.concerns.list(realm.name, {});
    for (const tokens of [...earlier, newcomerNl]) await realm.send('DELETE', `sessions/${sessionIdOf(tokens)}`);

    ids.travellerNl = sessionIdOf(await realm.login('traveller', APP, false, NL));
    ids.travellerUs = sessionIdOf(await realm.login('traveller', APP, false, US));
    // "New" means no session from another country started strictly before it; Keycloak stamps whole
    // seconds, and on a quiet machine the NL session above can share the US one's second.
    await nextSecond();
    ids.newcomerUs = sessionIdOf(await realm.login('newcomer', APP, false, US));
    for (let i = 0; i < 3; i++) await realm.login('hoarder', APP, false, NL);
    ids.hoarderOffline = sessionIdOf(await realm.login('hoarder', APP, true, NL));
    await realm.login('calm', APP);
    await realm.login('calm', APP, false, NL);
  });

  afterAll(async () => {
    await realm?.delete();
  });

  it('flags each seeded case under its rule and nothing else, naming the evidence', async () => {
    expect((await put({ 'too-many-sessions': { enabled: true, maxSessions: 3 } })).status).toBe(200);
    await test.snapshots.refresh(realm.name);
    const response = await browsers.get('helpdesk')!.get(`${base}/concerns`);
    expect(response.status, response.text).toBe(200);
    const list = concernListResponseSchema.parse(response.body);
    expect(byRule(list.items)).toEqual({
      'many-countries': ['traveller'],
      'too-many-sessions': ['hoarder'],
      'new-country': ['newcomer'],
      'idle-offline': [],
      'old-session': [],
    });
    const item = (rule: ConcernRuleId) => list.items.find((entry) => entry.rule === rule)!;
    expect(item('many-countries').reason).toBe('2 countries within 24 h: NL, US');
    expect([...item('many-countries').sessionIds].sort()).toEqual([ids.travellerNl, ids.travellerUs].sort());
    expect(item('many-countries').sessions.map((row) => row.location?.country?.code).sort()).toEqual(['NL', 'US']);
    expect(item('too-many-sessions').reason).toBe('4 live sessions (limit 3)');
    expect(item('too-many-sessions').sessionIds).toContain(ids.hoarderOffline);
    expect(item('new-country').reason).toBe('First session from US (United States); seen before: NL');
    expect(item('new-country').sessionIds).toEqual([ids.newcomerUs]);
    expect(item('new-country').user).toEqual({ id: await realm.userId('newcomer'), username: 'newcomer' });
    expect(list.byRule).toEqual({ 'many-countries': 1, 'too-many-sessions': 1, 'new-country': 1, 'idle-offline': 0, 'old-session': 0 });

    const count = concernCountResponseSchema.parse((await browsers.get('auditor')!.get(`${base}/concerns/count`)).body);
    expect(count).toEqual({ realm: realm.name, count: 3, byRule: list.byRule });
    const onlyOne = concernListResponseSchema.parse((await browsers.get('auditor')!.get(`${base}/concerns?rule=new-country`)).body);
    expect(onlyOne.items.map((entry) => entry.id)).toEqual([`new-country:${await realm.userId('newcomer')}`]);
  });

  it('measures the time-based rules over the same sessions: old and idle offline sessions, strictly past the limit', async () => {
    expect((await put({ 'old-session': { enabled: true, maxAgeMinutes: 60 }, 'idle-offline': { enabled: true, idleMinutes: 60 } })).status).toBe(200);
    await test.snapshots.refresh(realm.name);
    const later = (at: number) =>
      new ConcernsService({ keycloak: test.sessions, snapshots: test.snapshots, actions: test.actions }, { store: test.concernStore, trail: test.auditStore, defaults: test.config.concernDefaults, now: () => at });

    // An hour after the second the idle offline session started: only the session before it is older than an hour.
    const old = await later(afterOld + HOUR).list(realm.name, { rule: 'old-session' });
    expect(old.items.map((entry) => [entry.user.username, entry.sessionIds])).toEqual([['old.timer', [ids.old]]]);
    expect(old.items[0]?.reason).toBe('Session started 60 min ago (limit 1 h)');

    // An hour after the others started: only the idle offline session is unused for longer; the hoarder's offline one is not.
    const idle = await later(afterIdle + HOUR).list(realm.name, { rule: 'idle-offline' });
    expect(idle.items.map((entry) => [entry.user.username, entry.sessionIds])).toEqual([['idle.offline', [ids.idle]]]);
    expect(idle.items[0]?.reason).toBe('Offline session unused for 60 min (limit 1 h)');
    expect(idle.items[0]?.sessions[0]?.type).toBe('offline');
  });

  it('takes a settings change at once and records who, what, why and the result', async () => {
    expect((await put({})).status).toBe(200);
    expect((await flaggedBy())['too-many-sessions']).toEqual([]);

    const response = await put({ 'too-many-sessions': { enabled: true, maxSessions: 1 }, 'many-countries': { enabled: false } }, 'travel season: fewer sessions allowed');
    expect(response.status, response.text).toBe(200);
    const saved = concernSettingsResponseSchema.parse(response.body);
    expect(saved.settings['too-many-sessions']).toEqual({ enabled: true, maxSessions: 1 });
    expect(saved.settings['many-countries'].enabled).toBe(false);
    expect(saved.updatedBy?.username).toBe(operator('admin').username);
    expect(concernSettingsResponseSchema.parse((await browsers.get('auditor')!.get(`${base}/concerns/settings`)).body).settings).toEqual(saved.settings);

    const flagged = await flaggedBy();
    expect(flagged['too-many-sessions']).toEqual(['calm', 'hoarder', 'traveller']);
    expect(flagged['many-countries']).toEqual([]);

    const { items } = await test.auditStore.query({ action: 'concerns.configure', realm: realm.name, outcome: 'succeeded', limit: 50 });
    const record = items.find((entry) => entry.reason === 'travel season: fewer sessions allowed');
    expect(record).toMatchObject({ operator: { username: operator('admin').username, role: 'admin' }, realm: realm.name, outcome: 'succeeded' });
    expect(record?.details).toMatchObject({
      before: { 'too-many-sessions': { enabled: true, maxSessions: 5 } },
      after: { 'too-many-sessions': { enabled: true, maxSessions: 1 }, 'many-countries': { enabled: false } },
    });
  });

  it('gives the fields a change leaves out the defaults the API reports (the configured ones), not the built-in ones', async () => {
    const response = await put({ 'too-many-sessions': { maxSessions: 4 } }, 'one rule tuned by an API client');
    expect(response.status, response.text).toBe(200);
    const saved = concernSettingsResponseSchema.parse(response.body);
    expect(saved.defaults['old-session']).toEqual(CONFIGURED['old-session']);
    expect(saved.settings).toEqual({ ...saved.defaults, 'too-many-sessions': { enabled: true, maxSessions: 4 } });
    const reset = concernSettingsResponseSchema.parse((await put({}, 'back to the defaults')).body);
    expect(reset.settings).toEqual(reset.defaults);
    expect(reset.settings['idle-offline']).toEqual(CONFIGURED['idle-offline']);
    const { items } = await test.auditStore.query({ action: 'concerns.configure', realm: realm.name, outcome: 'succeeded', limit: 50 });
    expect(items.find((entry) => entry.reason === 'one rule tuned by an API client')?.details).toMatchObject({
      after: { 'old-session': CONFIGURED['old-session'], 'too-many-sessions': { enabled: true, maxSessions: 4 } },
    });
  });

  it('lets only admins change the settings: help-desk and auditors get 403 (recorded), signed out 401, and nothing changes', async () => {
    expect((await put({})).status).toBe(200);
    for (const role of ['helpdesk', 'auditor'] as const) {
      const response = await put({ 'new-country': { enabled: false } }, `${role} tries to switch a rule off`, browsers.get(role)!);
      expect(response.status).toBe(403);
      expect(response.body).toEqual(expect.objectContaining({ error: 'forbidden', message: expect.any(String) }));
    }
    const anonymous = await test.agent().put(`${base}/concerns/settings`).set('X-CSRF', '1').send({ reason: 'who am I', settings: {} });
    expect(anonymous.status).toBe(401);
    expect(concernSettingsResponseSchema.parse((await browsers.get('admin')!.get(`${base}/concerns/settings`)).body).settings['new-country'].enabled).toBe(true);
    const { items } = await test.auditStore.query({ action: 'concerns.configure', realm: realm.name, outcome: 'refused', limit: 50 });
    expect(items.map((entry) => entry.operator.role).sort()).toEqual(expect.arrayContaining(['auditor', 'helpdesk']));
  });

  it('ends a flagged session through the existing route, audited, and the case goes away', async () => {
    expect((await put({})).status).toBe(200);
    const nl = sessionIdOf(await realm.login('leaver', APP, false, NL));
    const us = sessionIdOf(await realm.login('leaver', APP, false, US));
    expect((await flaggedBy())['many-countries']).toContain('leaver');

    const helpdesk = browsers.get('helpdesk')!;
    const ended = await helpdesk
      .delete(`${base}/sessions/${us}`)
      .set('X-CSRF', '1')
      .send({ reason: 'flagged: two countries at once', userId: await realm.userId('leaver') });
    expect(ended.status, ended.text).toBe(200);
    const { items } = await test.auditStore.query({ action: 'session.end', realm: realm.name, outcome: 'succeeded', limit: 50 });
    expect(items.find((entry) => entry.sessionId === us)).toMatchObject({
      operator: { username: operator('helpdesk').username, role: 'helpdesk' },
      targetUser: { username: 'leaver' },
      reason: 'flagged: two countries at once',
    });
    const after = await flaggedBy();
    expect(after['many-countries']).not.toContain('leaver');
    expect(after['new-country']).not.toContain('leaver');
    await realm.send('DELETE', `sessions/${nl}`);
  });

  it('never learns a country from a session an operator ended: the attacker\'s next session from it is new again (attack finding 1)', async () => {
    expect((await put({})).status).toBe(200);
    const victim = await realm.userId('victim');
    const home = sessionIdOf(await realm.login('victim', APP, false, '84.128.225.9'));
    expect((await flaggedBy())['new-country']).not.toContain('victim');
    await nextSecond();
    const first = sessionIdOf(await realm.login('victim', APP, false, '200.160.7.77'));
    // Read while live by every role (reads write nothing the rules trust).
    for (const role of ['auditor', 'helpdesk', 'admin'] as const) expect((await flaggedBy(browsers.get(role)))['new-country']).toContain('victim');

    const ended = await browsers
      .get('helpdesk')!
      .delete(`${base}/sessions/${first}`)
      .set('X-CSRF', '1')
      .send({ reason: 'suspicious BR sign-in', userId: victim });
    expect(ended.status, ended.text).toBe(200);
    expect((await flaggedBy())['new-country']).not.toContain('victim');
    // The home session ends without an operator (Keycloak): its country stays seen.
    await realm.send('DELETE', `sessions/${home}`);

    await nextSecond();
    const again = sessionIdOf(await realm.login('victim', APP, false, '200.160.7.78'));
    await test.snapshots.refresh(realm.name);
    const list = concernListResponseSchema.parse((await browsers.get('auditor')!.get(`${base}/concerns?rule=new-country`)).body);
    const item = list.items.find((entry) => entry.user.id === victim);
    expect(item?.sessionIds).toEqual([again]);
    expect(item?.reason).toBe('First session from BR (Brazil); seen before: DE');
  });
});
