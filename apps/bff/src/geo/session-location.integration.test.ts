import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent } from 'supertest';
import { demoRealm } from '@session-desk/keycloak-local';
import { ipLocationInfoSchema, sessionListResponseSchema, userDetailResponseSchema, type SessionRow } from '@session-desk/contracts';
import { createTestApp } from '../testing/test-app.js';
import { signedInAs, signInThroughKeycloak } from '../testing/keycloak-browser.js';
import { sessionIdOf } from '../testing/end-user-sessions.js';
import { ThrowawayRealm } from '../testing/throwaway-named-realm.js';

const admin = demoRealm.operators.find((o) => o.role === 'admin')!;
const helpdesk = demoRealm.operators.find((o) => o.role === 'helpdesk')!;
const APP = 'geo-app';

/**
 * Sessions made at the real Keycloak "from" public addresses (X-Forwarded-For, which the local
 * instances trust from loopback) show the country and network of those addresses, in the realm
 * list and on the user page, and can be searched and filtered by them.
 */
describe('session location against the real Keycloak', () => {
  let realm: ThrowawayRealm;
  let browser: Agent;
  let app: ReturnType<typeof createTestApp>;
  let base: string;
  const sessions: Record<'us' | 'ie' | 'nl' | 'local', string> = { us: '', ie: '', nl: '', local: '' };

  beforeAll(async () => {
    realm = await ThrowawayRealm.create({
      name: `i15-geo-${Date.now()}`,
      clients: [APP],
      sslRequired: 'none',
      users: [
        { username: 'ada.geo', firstName: 'Ada', lastName: 'Geo', email: 'ada@geo.example' },
        { username: 'bo.geo', firstName: 'Bo', lastName: 'Geo', email: 'bo@geo.example' },
        { username: 'cy.geo', firstName: 'Cy', lastName: 'Geo', email: 'cy@geo.example' },
        { username: 'dee.geo', firstName: 'Dee', lastName: 'Geo', email: 'dee@geo.example' },
      ],
    });
    sessions.us = sessionIdOf(await realm.login('ada.geo', APP, false, '8.8.8.8'));
    sessions.ie = sessionIdOf(await realm.login('ada.geo', APP, false, '2a00:1450:4001::1'));
    sessions.nl = sessionIdOf(await realm.login('bo.geo', APP, true, '193.0.0.1'));
    sessions.local = sessionIdOf(await realm.login('bo.geo', APP));
    const recorded = (await realm.get(`users/${await realm.userId('ada.geo')}/sessions`)) as Array<{ ipAddress?: string }>;
    if (!recorded.some((session) => session.ipAddress === '8.8.8.8')) {
      throw new Error(
        `Keycloak at ${realm.url} ignored X-Forwarded-For (it recorded ${recorded.map((session) => session.ipAddress).join(', ')}): it was started before --proxy-headers=xforwarded was added to packages/keycloak-local/src/start-command.ts. Restart it: node packages/keycloak-local/src/cli.ts stop --instance test && … start --instance test.`,
      );
    }
    app = createTestApp({ MANAGED_REALMS: `demo,${realm.name}`, SNAPSHOT_TTL_SECONDS: '0', IP_LOCATION: 'on' });
    browser = app.agent();
    await signInThroughKeycloak(browser, admin.username, admin.password);
    base = `/api/realms/${encodeURIComponent(realm.name)}`;
  });

  afterAll(async () => {
    await realm?.delete();
  });

  const list = async (query: Record<string, string> = {}): Promise<SessionRow[]> => {
    const response = await browser.get(`${base}/sessions`).query({ max: '500', ...query });
    expect(response.status, response.text).toBe(200);
    return sessionListResponseSchema.parse(response.body).items;
  };

  it('Keycloak recorded the forwarded addresses (it trusts X-Forwarded-For from loopback)', async () => {
    const byId = new Map((await list()).map((row) => [row.id, row.ipAddress]));
    expect(byId.get(sessions.us), 'Keycloak must trust X-Forwarded-For from loopback: restart the test Keycloak so it runs with --proxy-headers=xforwarded (packages/keycloak-local/src/start-command.ts)').toBe('8.8.8.8');
    expect(byId.get(sessions.ie)?.toLowerCase()).toMatch(/^2a00:1450:4001:0?:0?:0?:0?:0?:?0?:?1$|^2a00:1450:4001::1$/);
    expect(byId.get(sessions.nl)).toBe('193.0.0.1');
  });

  it('lists each session with the country and network of its address, IPv6 and offline ones too, and loopback as a private network', async () => {
    const byId = new Map((await list()).map((row) => [row.id, row.location]));
    expect(byId.get(sessions.us)).toEqual({ scope: 'public', country: { code: 'US', name: 'United States' }, network: { asn: 15169, name: 'Google LLC' } });
    expect(byId.get(sessions.ie)).toEqual({ scope: 'public', country: { code: 'IE', name: 'Ireland' }, network: { asn: 15169, name: 'Google LLC' } });
    expect(byId.get(sessions.nl)).toMatchObject({ scope: 'public', country: { code: 'NL', name: 'Netherlands' }, network: { asn: 3333 } });
    expect(byId.get(sessions.local)).toEqual({ scope: 'private', country: null, network: null });
  });

  it('searches and filters by country code or name and by network name or AS number', async () => {
    const ids = async (query: Record<string, string>) => (await list(query)).map((row) => row.id).sort();
    expect(await ids({ country: 'us' })).toEqual([sessions.us]);
    expect(await ids({ country: 'Ireland' })).toEqual([sessions.ie]);
    expect(await ids({ country: 'private' })).toEqual([sessions.local]);
    expect(await ids({ network: 'google' })).toEqual([sessions.us, sessions.ie].sort());
    expect(await ids({ network: 'AS3333' })).toEqual([sessions.nl]);
    expect(await ids({ q: 'netherlands' })).toEqual([sessions.nl]);
    expect(await ids({ country: 'NL', type: 'offline' })).toEqual([sessions.nl]);
    expect(await ids({ country: 'NL', type: 'regular' })).toEqual([]);
  });

  it("shows the countries and networks of all the user's sessions, offline ones included, on their page, read live from Keycloak", async () => {
    const response = await browser.get(`${base}/users/${await realm.userId('ada.geo')}`);
    expect(response.status, response.text).toBe(200);
    const detail = userDetailResponseSchema.parse(response.body);
    expect(detail.sessions.map((row) => row.location?.country?.code).sort()).toEqual(['IE', 'US']);
    expect(detail.locations).toEqual({
      countries: [
        { code: 'IE', name: 'Ireland', sessions: 1 },
        { code: 'US', name: 'United States', sessions: 1 },
      ],
      networks: [{ asn: 15169, name: 'Google LLC', sessions: 2 }],
      privateNetwork: 0,
    });
    const bo = userDetailResponseSchema.parse((await browser.get(`${base}/users/${await realm.userId('bo.geo')}`)).body);
    expect(bo.locations?.countries.map((country) => country.code)).toEqual(['NL']);
    expect(bo.locations?.privateNetwork).toBe(1);
  });

  it("shows where the user's ended sessions came from, read from the trail's records of sessions ended from the console", async () => {
    const cy = await realm.userId('cy.geo');
    const german = sessionIdOf(await realm.login('cy.geo', APP, false, '81.169.145.1'));
    await realm.login('cy.geo', APP, false, '212.58.244.1');
    const page = async () => {
      const response = await browser.get(`${base}/users/${cy}`);
      expect(response.status, response.text).toBe(200);
      return userDetailResponseSchema.parse(response.body);
    };
    expect((await page()).endedLocations).toEqual({ countries: [], networks: [], privateNetwork: 0, records: 0, withoutAddress: 0 });

    const ended = await browser.delete(`${base}/sessions/${german}`).set('X-CSRF', '1').send({ reason: 'ended-location test', userId: cy });
    expect(ended.status, ended.text).toBe(200);
    const afterEnd = await page();
    expect(afterEnd.locations?.countries.map((country) => country.code)).toEqual(['GB']);
    expect(afterEnd.endedLocations).toEqual({
      countries: [{ code: 'DE', name: 'Germany', sessions: 1 }],
      networks: [{ asn: 6724, name: 'Strato AG', sessions: 1 }],
      privateNetwork: 0,
      records: 1,
      withoutAddress: 0,
    });

    const logout = await browser.post(`${base}/users/${cy}/logout`).set('X-CSRF', '1').send({ reason: 'ended-location test' });
    expect(logout.status, logout.text).toBe(200);
    const afterLogout = await page();
    expect(afterLogout.sessionsTotal).toBe(0);
    expect(afterLogout.endedLocations?.countries.map((country) => country.code).sort()).toEqual(['DE', 'GB']);
    expect(afterLogout.endedLocations?.records).toBe(2);

    // Help desk may read only its own audit entries: the administrator's two records are not theirs to learn from.
    const helpdesk = await signedInAs(app, 'helpdesk');
    const asHelpdesk = await helpdesk.get(`${base}/users/${cy}`);
    expect(asHelpdesk.status, asHelpdesk.text).toBe(200);
    expect(userDetailResponseSchema.parse(asHelpdesk.body).endedLocations).toEqual({ countries: [], networks: [], privateNetwork: 0, records: 0, withoutAddress: 0 });
  });

  it('locates NAT64 and 6to4 addresses by the IPv4 they carry, and lists the forms Keycloak stores as given under country "unknown"', async () => {
    const dee = async (forwardedFor: string) => sessionIdOf(await realm.login('dee.geo', APP, false, forwardedFor));
    const nat64 = await dee('64:ff9b::808:808');
    const sixToFour = await dee('2002:0808:0808::1');
    const decimal = await dee('134744072');
    const bracketed = await dee('[2001:4860:4860::8888]');
    await app.snapshots.refresh(realm.name);
    const byId = new Map((await list({ q: 'dee.geo' })).map((row) => [row.id, row]));
    expect(byId.get(decimal)?.ipAddress).toBe('134744072');
    for (const id of [nat64, sixToFour]) expect(byId.get(id)?.location).toEqual({ scope: 'public', country: { code: 'US', name: 'United States' }, network: { asn: 15169, name: 'Google LLC' } });
    for (const id of [decimal, bracketed]) expect(byId.get(id)?.location).toEqual({ scope: 'unknown', country: null, network: null });
    const ids = async (query: Record<string, string>) => (await list(query)).map((row) => row.id).sort();
    expect(await ids({ country: 'unknown' })).toEqual([decimal, bracketed].sort());
    expect(await ids({ q: 'unknown address' })).toEqual([decimal, bracketed].sort());
    expect(await ids({ q: 'dee.geo', country: 'US' })).toEqual([nat64, sixToFour].sort());
  });

  it('tells admins which databases are used, with versions and dates, and nobody else', async () => {
    const response = await browser.get('/api/admin/ip-location');
    expect(response.status, response.text).toBe(200);
    const info = ipLocationInfoSchema.parse(response.body);
    expect(info.enabled).toBe(true);
    expect(info.country?.package).toBe('@ip-location-db/geo-whois-asn-country-mmdb');
    expect(info.network?.package).toBe('@ip-location-db/asn');
    const other = createTestApp({ MANAGED_REALMS: realm.name }).agent();
    await signInThroughKeycloak(other, helpdesk.username, helpdesk.password);
    expect((await other.get('/api/admin/ip-location')).status).toBe(403);
  });
});
