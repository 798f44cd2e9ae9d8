import { describe, expect, it } from 'vitest';
import { sessionListQuerySchema, type SessionRow } from '@session-desk/contracts';
import { SessionIndex } from './session-index.js';

function row(id: string, over: Partial<SessionRow> = {}): SessionRow {
  return {
    id,
    type: 'regular',
    userId: `u-${id}`,
    username: `user-${id}`,
    email: `user-${id}@Example.org`,
    ipAddress: '10.0.0.1',
    started: '2026-11-25T10:00:00.000Z',
    lastAccess: '2026-11-25T11:00:00.000Z',
    rememberMe: false,
    clients: [{ id: 'c1', clientId: 'demo-portal' }],
    ...over,
  };
}

const query = (input: Record<string, unknown>) => sessionListQuerySchema.parse(input);

describe('SessionIndex', () => {
  const rows = [
    row('a', { username: 'Alice', lastAccess: '2026-11-25T12:00:00.000Z', ipAddress: '192.168.1.20' }),
    row('b', { username: 'bob', started: '2026-11-25T09:00:00.000Z', type: 'offline', clients: [{ id: 'c2', clientId: 'demo-mail' }] }),
    row('c', { username: 'carol', lastAccess: '2026-11-25T08:00:00.000Z', email: null }),
  ];
  const index = new SessionIndex(rows);

  it('searches username, email and IP case-insensitively, with a total', () => {
    expect(index.query(query({ q: 'ALICE' })).items.map((r) => r.id)).toEqual(['a']);
    expect(index.query(query({ q: 'example.ORG' })).total).toBe(2);
    expect(index.query(query({ q: '192.168.1' })).items.map((r) => r.id)).toEqual(['a']);
    expect(index.query(query({ q: 'nobody' }))).toEqual({ items: [], total: 0, revokedTotal: 0 });
  });

  it('matches an address search on the address alone, by its start or a CIDR range', () => {
    const byAddress = new SessionIndex([
      row('near', { ipAddress: '1.12.3.4' }),
      row('inside', { ipAddress: '181.48.231.123' }),
      row('v6', { ipAddress: '2001:db8::7' }),
      // A username with the same digits is not an address.
      row('named', { username: 'user-1.12', ipAddress: '10.0.0.9' }),
    ]);
    const ids = (q: string) => byAddress.query(query({ q })).items.map((r) => r.id).sort();
    expect(ids('1.12')).toEqual(['near']);
    expect(ids('181.48.0.0/16')).toEqual(['inside']);
    expect(ids('2001:db8::/32')).toEqual(['v6']);
    expect(ids(' 1.12.3.4 ')).toEqual(['near']);
    expect(ids('user-1.12')).toEqual(['named']);
  });

  it('gives each page as JSON text equal to the page it queries, for every filter, sort and slice', () => {
    const queries = [{}, { q: 'example' }, { q: 'ALICE' }, { type: 'offline' }, { sort: 'username:asc', first: 1, max: 1 }, { client: 'demo-mail' }, { q: 'nobody' }];
    for (const input of queries) {
      const asked = query(input);
      const { items, total, revokedTotal } = index.query(asked);
      const text = index.queryText(asked);
      expect(JSON.parse(text.itemsJson)).toEqual(items);
      expect({ total: text.total, revokedTotal: text.revokedTotal }).toEqual({ total, revokedTotal });
      // Asked again (and after 40 other pages pushed it out of the cache): the same text.
      expect(index.queryText(asked).itemsJson).toBe(text.itemsJson);
    }
    for (let first = 0; first < 40; first += 1) index.queryText(query({ first, max: 1 }));
    expect(JSON.parse(index.queryText(query({ q: 'example' })).itemsJson)).toEqual(index.query(query({ q: 'example' })).items);
  });

  it('searches what help-desk staff have at hand: first and last name, client id, session id', () => {
    const named = new SessionIndex(
      [
        row('5_-ZhIVByehDc9XoI4NYN7-q', { userId: 'u1', username: 'alejandro.b', clients: [{ id: 'c9', clientId: 'https://apps.example.com/crm' }] }),
        row('6f086ffd-f309-45a7-9df2-2e5afa0fc392', { userId: 'u2', username: 'zoe' }),
      ],
      new Map([['u1', 'Alejandro Brennan'], ['u2', 'Zoë Ortega']]),
    );
    const ids = (q: string) => named.query(query({ q })).items.map((r) => r.username);
    expect(ids('brennan')).toEqual(['alejandro.b']);
    expect(ids('Alejandro Brennan')).toEqual(['alejandro.b']);
    expect(ids('zoë')).toEqual(['zoe']);
    expect(ids('apps.example.com/crm')).toEqual(['alejandro.b']);
    expect(ids('5_-ZhIVByehDc9XoI4NYN7-q')).toEqual(['alejandro.b']);
    expect(ids('6f086ffd-f309')).toEqual(['zoe']);
    // Names survive a rebuild without ended sessions.
    expect(named.without((r) => r.username === 'zoe').query(query({ q: 'brennan' })).total).toBe(1);
  });

  it('filters by type and client', () => {
    expect(index.query(query({ type: 'offline' })).items.map((r) => r.id)).toEqual(['b']);
    expect(index.query(query({ client: 'demo-portal' })).items.map((r) => r.id).sort()).toEqual(['a', 'c']);
  });

  it('searches and filters by country code or name, network name or AS number, private networks and unknown places', () => {
    const located = new SessionIndex([
      row('de', { location: { scope: 'public', country: { code: 'DE', name: 'Germany' }, network: { asn: 3320, name: 'Deutsche Telekom AG' } } }),
      row('us', { location: { scope: 'public', country: { code: 'US', name: 'United States' }, network: { asn: 15169, name: 'Google LLC' } } }),
      row('lan', { location: { scope: 'private', country: null, network: null } }),
      row('odd', { ipAddress: '134744072', location: { scope: 'unknown', country: null, network: null } }),
      row('nowhere', { location: { scope: 'public', country: null, network: { asn: 64500, name: 'Somewhere Net' } } }),
      row('none'),
    ]);
    const ids = (input: Record<string, unknown>) => located.query(query(input)).items.map((r) => r.id).sort();
    expect(ids({ country: 'de' })).toEqual(['de']);
    expect(ids({ country: 'Germany' })).toEqual(['de']);
    expect(ids({ country: 'germ' })).toEqual([]);
    // A country is matched whole: never a key's end with the next one's start, nor the empty key.
    expect(ids({ country: 'de\ngermany' })).toEqual([]);
    expect(ids({ country: 'private\nprivate network' })).toEqual([]);
    expect(ids({ country: 'ermany' })).toEqual([]);
    expect(ids({ country: 'private' })).toEqual(['lan']);
    // The label the console shows, in any case.
    expect(ids({ country: 'Private network' })).toEqual(['lan']);
    expect(ids({ network: 'telekom' })).toEqual(['de']);
    expect(ids({ network: 'AS15169' })).toEqual(['us']);
    expect(ids({ network: 'AS1516' })).toEqual([]);
    expect(ids({ q: 'united states' })).toEqual(['us']);
    expect(ids({ q: 'google' })).toEqual(['us']);
    expect(ids({ q: 'private network' })).toEqual(['lan']);
    expect(ids({ country: 'US', network: 'telekom' })).toEqual([]);
    // Addresses Keycloak stores as given (not located) and addresses without a country in the database.
    expect(ids({ country: 'unknown' })).toEqual(['nowhere', 'odd']);
    expect(ids({ country: 'Unknown address' })).toEqual(['odd']);
    expect(ids({ q: 'unknown' })).toEqual(['nowhere', 'odd']);
    expect(ids({ q: 'unknown address' })).toEqual(['odd']);
  });

  it('sorts by last access, start and username', () => {
    expect(index.query(query({})).items.map((r) => r.id)).toEqual(['a', 'b', 'c']);
    expect(index.query(query({ sort: 'lastAccess:asc' })).items.map((r) => r.id)).toEqual(['c', 'b', 'a']);
    expect(index.query(query({ sort: 'started:asc' })).items[0]?.id).toBe('b');
    expect(index.query(query({ sort: 'username:desc' })).items.map((r) => r.username)).toEqual(['carol', 'bob', 'Alice']);
  });

  it('pages with a stable total', () => {
    const page = index.query(query({ first: 1, max: 1 }));
    expect(page.items.map((r) => r.id)).toEqual(['b']);
    expect(page.total).toBe(3);
    expect(index.query(query({ first: 5 })).items).toEqual([]);
  });

  it('finds sessions by id and type and forgets ended ones without touching the original', () => {
    expect(index.find('b')?.type).toBe('offline');
    expect(index.find('b', 'regular')).toBeUndefined();
    const after = index.without((r) => r.id === 'a');
    expect(after.size).toBe(2);
    expect(after.find('a')).toBeUndefined();
    expect(index.find('a')).toBeDefined();
  });
});

describe('SessionIndex search memory', () => {
  it('answers a repeated search from memory with the same result, and pages within it', () => {
    const rows = Array.from({ length: 120 }, (_, i) => row(`s${i}`, { username: i % 2 ? `odd-${i}` : `even-${i}` }));
    const index = new SessionIndex(rows);
    const first = index.query(query({ q: 'odd', max: 10 }));
    const again = index.query(query({ q: 'ODD', max: 10 }));
    expect(again).toEqual(first);
    expect(first.total).toBe(60);
    const second = index.query(query({ q: 'odd', max: 10, first: 10 }));
    expect(second.items.map((r) => r.id)).not.toEqual(first.items.map((r) => r.id));
    expect(index.query(query({ q: 'even', type: 'offline' })).total).toBe(0);
  });

  it('keeps answering correctly after many different searches', () => {
    const index = new SessionIndex(Array.from({ length: 30 }, (_, i) => row(`s${i}`, { username: `user-${i}` })));
    for (let i = 0; i < 200; i += 1) index.query(query({ q: `user-${i % 30}` }));
    expect(index.query(query({ q: 'user-1' })).total).toBe(11);
  });

  it('counts the revoked sessions among all that match, not only the page', () => {
    const revoked = { by: 'user' as const, at: '2026-11-25T13:00:00.000Z' };
    const marked = new SessionIndex([row('r1', { type: 'offline', revoked }), row('r2', { type: 'offline', revoked }), row('l1'), row('l2', { type: 'offline' })]);
    expect(marked.query(query({ max: 1 }))).toMatchObject({ total: 4, revokedTotal: 2 });
    expect(marked.query(query({ type: 'regular' }))).toMatchObject({ total: 1, revokedTotal: 0 });
    expect(marked.query(query({ q: 'user-r1' }))).toMatchObject({ total: 1, revokedTotal: 1 });
    expect(marked.map((changed) => ({ ...changed, revoked: null })).query(query({}))).toMatchObject({ total: 4, revokedTotal: 0 });
  });
});

describe('SessionIndex copies (without, map)', () => {
  // 60 rows with times, names, addresses and types that differ, so every sort order is a different order.
  const many = Array.from({ length: 60 }, (_, i) =>
    row(`s${String(i).padStart(2, '0')}`, {
      username: `user-${(i * 37) % 60}`,
      type: i % 4 === 0 ? 'offline' : 'regular',
      ipAddress: `10.0.${i % 7}.${i}`,
      started: new Date(Date.UTC(2026, 10, 25, 0, (i * 13) % 60)).toISOString(),
      lastAccess: new Date(Date.UTC(2026, 10, 25, 12, (i * 29) % 60, i % 3)).toISOString(),
    }),
  );
  const sorts = ['lastAccess:desc', 'lastAccess:asc', 'started:desc', 'started:asc', 'username:asc', 'username:desc'] as const;
  const answers = (index: SessionIndex) =>
    sorts.flatMap((sort) => [index.query(query({ sort, max: 100 })), index.query(query({ sort, q: '10.0.3', max: 100 })), index.query(query({ sort, type: 'offline', max: 100 }))]);

  it('answers after `without` exactly as an index built from the rows left, whatever sort orders were made before', () => {
    const original = new SessionIndex(many);
    // Two sort orders made before the copy (kept, filtered), the others after (made on the copy).
    original.query(query({ sort: 'username:asc' }));
    original.query(query({ sort: 'started:desc' }));
    const ended = new Set(['s03', 's10', 's17', 's40', 's59']);
    const copy = original.without((r) => ended.has(r.id));
    expect(copy.size).toBe(55);
    expect(answers(copy)).toEqual(answers(new SessionIndex(many.filter((r) => !ended.has(r.id)))));
    expect(copy.find('s10')).toBeUndefined();
    expect(copy.find('s11')?.id).toBe('s11');
    // A copy of a copy forgets its own rows and keeps the first copy's lookup as it was.
    const second = copy.without((r) => r.id === 's11');
    expect(second.find('s11')).toBeUndefined();
    expect(second.find('s12')?.id).toBe('s12');
    expect(second.find('s10')).toBeUndefined();
    expect(copy.find('s11')?.id).toBe('s11');
    // The original is unchanged.
    expect(original.size).toBe(60);
    expect(original.find('s10')?.id).toBe('s10');
  });

  it('answers after `map` as an index built from the changed rows: changed rows are searched and sorted by their new values', () => {
    const original = new SessionIndex(many);
    original.query(query({ sort: 'lastAccess:desc' }));
    const change = (r: SessionRow): SessionRow =>
      r.id === 's05' ? { ...r, username: 'renamed', lastAccess: '2026-11-26T00:00:00.000Z', revoked: { at: '2026-11-26T00:00:00.000Z', by: 'user' } } : r;
    const copy = original.map(change);
    expect(answers(copy)).toEqual(answers(new SessionIndex(many.map(change))));
    expect(copy.query(query({ q: 'renamed' })).items.map((r) => r.id)).toEqual(['s05']);
    expect(copy.query(query({ sort: 'lastAccess:desc', max: 1 })).items.map((r) => r.id)).toEqual(['s05']);
  });
});
