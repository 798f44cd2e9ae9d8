import { describe, expect, it } from 'vitest';
import { concernSettingsSchema, type ConcernRuleId, type ConcernSettingsInput, type SessionRow } from '@session-desk/contracts';
import { countByRule, elapsedText, evaluateConcerns, historyOf, limitText, sessionSightings, type CountryHistory } from './concern-rules.js';

const NOW = Date.parse('2026-06-01T12:00:00Z');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const iso = (ms: number) => new Date(ms).toISOString();

const names: Record<string, string> = { DE: 'Germany', US: 'United States', FR: 'France', BR: 'Brazil' };
let sequence = 0;

/** A live session of `user` from `country` (null: a private network), started and last used `ago` ms before NOW. */
function session(user: string, country: string | null, options: { started?: number; lastAccess?: number; type?: 'regular' | 'offline'; revoked?: boolean } = {}): SessionRow {
  sequence += 1;
  const started = options.started ?? NOW - HOUR;
  return {
    id: `s${String(sequence).padStart(8, '0')}`,
    type: options.type ?? 'regular',
    userId: `id-${user}`,
    username: user,
    email: null,
    ipAddress: country ? `198.51.100.${sequence % 250}` : '10.0.0.1',
    started: iso(started),
    lastAccess: iso(options.lastAccess ?? started),
    rememberMe: false,
    clients: [{ id: 'c1', clientId: 'app' }],
    revoked: options.revoked ? { at: iso(NOW - MINUTE), by: 'user' } : null,
    location: country
      ? { scope: 'public', country: { code: country, name: names[country] ?? country }, network: null }
      : { scope: 'private', country: null, network: null },
  };
}

/** Only the given rule on (with the given tunables), every other rule off. */
function only(rule: ConcernRuleId, tunables: Record<string, number> = {}) {
  const input: ConcernSettingsInput = {
    'many-countries': { enabled: false },
    'too-many-sessions': { enabled: false },
    'new-country': { enabled: false },
    'idle-offline': { enabled: false },
    'old-session': { enabled: false },
  };
  return concernSettingsSchema.parse({ ...input, [rule]: { enabled: true, ...tunables } });
}

const run = (rows: SessionRow[], settings = concernSettingsSchema.parse({}), history: CountryHistory = new Map()) => evaluateConcerns({ rows, history, settings, now: NOW });
const flagged = (items: ReturnType<typeof run>) => items.map((item) => [item.rule, item.user.username, [...item.sessionIds].sort()]);

describe('many countries within the window', () => {
  it('flags the sessions of a user from two countries started within the window, naming the countries', () => {
    const de = session('ana', 'DE', { started: NOW - 3 * HOUR });
    const us = session('ana', 'US', { started: NOW - HOUR });
    const other = session('ben', 'DE');
    const items = run([de, us, other], only('many-countries'));
    expect(flagged(items)).toEqual([['many-countries', 'ana', [de.id, us.id].sort()]]);
    expect(items[0]?.reason).toBe('2 countries within 24 h: DE, US');
    expect(items[0]?.sessions.map((row) => row.id)).toEqual([us.id, de.id]);
  });

  it('counts starts exactly the window apart together, and one minute more apart not', () => {
    const at = (user: string, gap: number) => [session(user, 'DE', { started: NOW - gap - HOUR }), session(user, 'US', { started: NOW - HOUR })];
    const items = run([...at('edge', 60 * MINUTE), ...at('past', 61 * MINUTE)], only('many-countries', { windowMinutes: 60 }));
    expect(items.map((item) => item.user.username)).toEqual(['edge']);
    expect(items[0]?.reason).toBe('2 countries within 1 h: DE, US');
  });

  it('flags only the sessions that have another country within the window', () => {
    const old = session('cy', 'DE', { started: NOW - 5 * DAY });
    const de = session('cy', 'DE', { started: NOW - 2 * HOUR });
    const fr = session('cy', 'FR', { started: NOW - HOUR });
    expect(flagged(run([old, de, fr], only('many-countries')))).toEqual([['many-countries', 'cy', [de.id, fr.id].sort()]]);
  });

  it('never counts private networks, unknown addresses or revoked sessions as a country', () => {
    const rows = [
      session('dee', 'DE'),
      session('dee', null),
      { ...session('dee', 'US'), location: { scope: 'unknown' as const, country: null, network: null } },
      session('dee', 'FR', { revoked: true }),
      { ...session('dee', 'BR'), location: null },
    ];
    expect(run(rows, only('many-countries'))).toEqual([]);
  });
});

describe('too many live sessions', () => {
  it('flags a user with more live sessions than the limit (regular and offline), not one at the limit', () => {
    const over = [...Array.from({ length: 3 }, () => session('many', 'DE')), session('many', null, { type: 'offline' })];
    const atLimit = Array.from({ length: 3 }, () => session('enough', 'DE'));
    const withRevoked = [...Array.from({ length: 3 }, () => session('revoked', 'DE')), session('revoked', 'DE', { revoked: true })];
    const items = run([...over, ...atLimit, ...withRevoked], only('too-many-sessions', { maxSessions: 3 }));
    expect(flagged(items)).toEqual([['too-many-sessions', 'many', over.map((row) => row.id).sort()]]);
    expect(items[0]?.reason).toBe('4 live sessions (limit 3)');
  });

  it('uses the default limit of 5', () => {
    const six = Array.from({ length: 6 }, () => session('six', 'DE'));
    const five = Array.from({ length: 5 }, () => session('five', 'DE'));
    expect(run([...six, ...five], only('too-many-sessions')).map((item) => item.user.username)).toEqual(['six']);
  });
});

describe('a country the user never had a session from before', () => {
  it('flags a session from a country first seen after another one, per the history', () => {
    const history: CountryHistory = new Map([['id-eve', new Map([['DE', NOW - 40 * DAY]])]]);
    const us = session('eve', 'US', { started: NOW - HOUR });
    const items = run([us], only('new-country'), history);
    expect(flagged(items)).toEqual([['new-country', 'eve', [us.id]]]);
    expect(items[0]?.reason).toBe('First session from US (United States); seen before: DE');
  });

  it('does not flag the first country a user is seen with, nor a country seen before', () => {
    const history: CountryHistory = new Map([['id-fay', new Map([['DE', NOW - 40 * DAY], ['US', NOW - 20 * DAY]])]]);
    const rows = [session('fay', 'US'), session('fay', 'DE'), session('gus', 'FR'), session('gus', 'FR', { started: NOW - 2 * HOUR })];
    expect(run(rows, only('new-country'), history)).toEqual([]);
  });

  it('learns from the live sessions too: the later of two countries seen at once is new, and only its first session', () => {
    const de = session('hal', 'DE', { started: NOW - 3 * HOUR });
    const br = session('hal', 'BR', { started: NOW - 2 * HOUR });
    const brAgain = session('hal', 'BR', { started: NOW - HOUR });
    expect(flagged(run([de, br, brAgain], only('new-country')))).toEqual([['new-country', 'hal', [br.id]]]);
  });

  it('ignores private networks and revoked sessions', () => {
    const history: CountryHistory = new Map([['id-ida', new Map([['DE', NOW - 40 * DAY]])]]);
    expect(run([session('ida', null), session('ida', 'US', { revoked: true })], only('new-country'), history)).toEqual([]);
  });
});

describe('offline sessions unused for the limit', () => {
  it('flags offline sessions last used longer ago than the limit; not regular ones, not one exactly at it', () => {
    const idle = session('jo', 'DE', { type: 'offline', started: NOW - 40 * DAY, lastAccess: NOW - 31 * DAY });
    const exactly = session('kim', 'DE', { type: 'offline', started: NOW - 40 * DAY, lastAccess: NOW - 30 * DAY });
    const regular = session('lou', 'DE', { started: NOW - 40 * DAY, lastAccess: NOW - 31 * DAY });
    const items = run([idle, exactly, regular], only('idle-offline'));
    expect(flagged(items)).toEqual([['idle-offline', 'jo', [idle.id]]]);
    expect(items[0]?.reason).toBe('Offline session unused for 31 days (limit 30 days)');
  });

  it('groups a user’s idle offline sessions in one item', () => {
    const rows = [
      session('max', 'DE', { type: 'offline', lastAccess: NOW - 3 * HOUR, started: NOW - 3 * HOUR }),
      session('max', 'DE', { type: 'offline', lastAccess: NOW - 5 * HOUR, started: NOW - 5 * HOUR }),
    ];
    const items = run(rows, only('idle-offline', { idleMinutes: 120 }));
    expect(items.map((item) => item.reason)).toEqual(['2 offline sessions unused for 3 h or more (limit 2 h)']);
  });
});

describe('sessions older than the limit', () => {
  it('flags sessions started longer ago than the limit, of any type, not one exactly at it', () => {
    const old = session('ned', 'DE', { started: NOW - 9 * DAY, lastAccess: NOW - MINUTE });
    const oldOffline = session('ned', 'DE', { type: 'offline', started: NOW - 8 * DAY, lastAccess: NOW - MINUTE });
    const exactly = session('ona', 'DE', { started: NOW - 7 * DAY });
    const items = run([old, oldOffline, exactly, session('pam', 'DE')], only('old-session'));
    expect(flagged(items)).toEqual([['old-session', 'ned', [old.id, oldOffline.id].sort()]]);
    expect(items[0]?.reason).toBe('2 sessions started 8 days or more ago (limit 7 days)');
  });

  it('says it in minutes for small limits', () => {
    const items = run([session('quin', null, { started: NOW - 12 * MINUTE })], only('old-session', { maxAgeMinutes: 5 }));
    expect(items.map((item) => item.reason)).toEqual(['Session started 12 min ago (limit 5 min)']);
  });
});

describe('all rules together', () => {
  it('orders items by rule, then username, one per rule and user, and counts them by rule', () => {
    const history: CountryHistory = new Map([['id-zed', new Map([['FR', NOW - 90 * DAY]])]]);
    const rows = [
      session('zed', 'DE', { started: NOW - 2 * HOUR }),
      session('zed', 'US', { started: NOW - HOUR }),
      session('amy', 'DE', { started: NOW - 3 * HOUR }),
      session('amy', 'US', { started: NOW - HOUR }),
      ...Array.from({ length: 6 }, () => session('bob', null)),
      session('cat', 'DE', { type: 'offline', started: NOW - 60 * DAY, lastAccess: NOW - 45 * DAY }),
    ];
    const items = run(rows, concernSettingsSchema.parse({}), history);
    expect(items.map((item) => item.id)).toEqual([
      'many-countries:id-amy',
      'many-countries:id-zed',
      'too-many-sessions:id-bob',
      'new-country:id-amy',
      'new-country:id-zed',
      'idle-offline:id-cat',
      'old-session:id-cat',
    ]);
    expect(items.find((item) => item.id === 'new-country:id-zed')?.reason).toBe('First sessions from DE (Germany), US (United States); seen before: FR');
    expect(countByRule(items)).toEqual({ 'many-countries': 2, 'too-many-sessions': 1, 'new-country': 2, 'idle-offline': 1, 'old-session': 1 });
  });

  it('flags nothing with every rule off', () => {
    const off = concernSettingsSchema.parse(Object.fromEntries(['many-countries', 'too-many-sessions', 'new-country', 'idle-offline', 'old-session'].map((rule) => [rule, { enabled: false }])));
    const rows = [session('amy', 'DE', { started: NOW - 3 * HOUR }), session('amy', 'US', { started: NOW - 40 * DAY, type: 'offline' })];
    expect(run(rows, off)).toEqual([]);
  });
});

describe('country sightings', () => {
  it('keeps the earliest live start per user and country, without private networks', () => {
    const rows = [
      session('amy', 'DE', { started: NOW - 3 * HOUR }),
      session('amy', 'DE', { started: NOW - 5 * HOUR }),
      session('amy', 'US', { started: NOW - HOUR, revoked: true }),
      session('amy', null),
    ];
    expect([...historyOf(sessionSightings(rows))]).toEqual([['id-amy', new Map([['DE', NOW - 5 * HOUR]])]]);
  });
});

describe('session sightings', () => {
  it('sights each live session from a country, with its id and start, and folds them into the earliest start per user and country', () => {
    const de = session('amy', 'DE', { started: NOW - 3 * HOUR });
    const earlierDe = session('amy', 'DE', { started: NOW - 5 * HOUR });
    const rows = [de, earlierDe, session('amy', 'US', { revoked: true }), session('amy', null), session('bo', 'FR', { started: NOW - DAY })];
    const sightings = sessionSightings(rows);
    expect(sightings).toEqual([
      { userId: 'id-amy', sessionId: de.id, country: 'DE', started: NOW - 3 * HOUR },
      { userId: 'id-amy', sessionId: earlierDe.id, country: 'DE', started: NOW - 5 * HOUR },
      { userId: 'id-bo', sessionId: rows[4]!.id, country: 'FR', started: NOW - DAY },
    ]);
    const history = historyOf(sightings);
    expect(Object.fromEntries([...history].map(([user, countries]) => [user, Object.fromEntries(countries)]))).toEqual({
      'id-amy': { DE: NOW - 5 * HOUR },
      'id-bo': { FR: NOW - DAY },
    });
  });
});

describe('durations in words', () => {
  it.each([
    [1_440, '24 h'],
    [2_880, '48 h'],
    [10_080, '7 days'],
    [43_200, '30 days'],
    [4_320 + 60, '73 h'],
    [90, '90 min'],
  ])('limit of %i minutes reads %s', (minutes, text) => {
    expect(limitText(minutes)).toBe(text);
  });

  it.each([
    [31 * DAY + HOUR, '31 days'],
    [2 * DAY - MINUTE, '47 h'],
    [2 * HOUR, '2 h'],
    [2 * HOUR - 1, '119 min'],
  ])('%i ms elapsed reads %s', (ms, text) => {
    expect(elapsedText(ms)).toBe(text);
  });
});
