import { describe, expect, it } from 'vitest';
import { clientIdSchema, realmNameSchema, reasonSchema, sessionIdSchema, userIdSchema } from './ids.js';
import { SEARCH_TEXT_MAX_LENGTH, visibleCharacterCount } from './rules.js';
import { sessionJobRequestSchema } from './session-jobs.js';
import { endSessionBodySchema, endSessionQuerySchema, sessionListQuerySchema } from './sessions.js';
import { logoutUserBodySchema, userDetailQuerySchema, userSearchQuerySchema } from './users.js';
import { adminEventsQuerySchema, loginEventsQuerySchema } from './events.js';
import { auditExportQuerySchema, auditQuerySchema } from './audit.js';

describe('identifiers', () => {
  // Names Keycloak 26.7.3 itself accepts (checked by creating each realm): dots, spaces, %, ~, quotes, any script.
  it.each(['demo', 'acme-prod', 'realm_2', 'acme.prod.eu', 'de mo', '%2e%2e', '-demo', "o'brien~team", 'café', 'a'.repeat(255)])(
    'accepts the realm name %j',
    (name) => {
      expect(realmNameSchema.safeParse(name).success).toBe(true);
    },
  );

  // Keycloak refuses its reserved characters; `.` and `..` it creates but can never address again.
  it.each(['../master', '..', '.', 'demo/../master', 'demo:x', 'a@b', 'a#b', 'a\\b', '', 'a'.repeat(256), 'demo\u0000', 'demo\n', 'demo\u0085'])(
    'rejects the realm name %j',
    (name) => {
      expect(realmNameSchema.safeParse(name).success).toBe(false);
    },
  );

  it('accepts Keycloak 26 session ids and UUIDs, rejects traversal', () => {
    expect(sessionIdSchema.safeParse('5_-ZhIVByehDc9XoI4NYN7-q').success).toBe(true);
    expect(sessionIdSchema.safeParse('6f086ffd-f309-45a7-9df2-2e5afa0fc392').success).toBe(true);
    expect(sessionIdSchema.safeParse('../../users').success).toBe(false);
    expect(sessionIdSchema.safeParse('x'.repeat(65)).success).toBe(false);
  });

  it.each([
    '6f086ffd-f309-45a7-9df2-2e5afa0fc392',
    'f:ldap:1234',
    // Keycloak's StorageId: f:<component id>:<external id>, the external id as the directory gives it.
    'f:0b6c3c1e-4b3a-4f6e-9d67-2f1c8e5a9b10:uid=john.smith,ou=People,dc=example,dc=org',
    'f:0b6c3c1e-4b3a-4f6e-9d67-2f1c8e5a9b10:CORP\\john',
    'f:0b6c3c1e-4b3a-4f6e-9d67-2f1c8e5a9b10:../../master/users',
    'f:0b6c3c1e-4b3a-4f6e-9d67-2f1c8e5a9b10:50% off #1 ?x=y&z',
    'f:0b6c3c1e-4b3a-4f6e-9d67-2f1c8e5a9b10:иван.петров',
    '../admin',
  ])('accepts the user id %j (traversal is prevented by encoding, not by refusing)', (id) => {
    expect(userIdSchema.safeParse(id).success).toBe(true);
  });

  it.each(['', '.', '..', 'f:7ca31fd0-840b-42ba-8fac-6fcc5e9998e0', 'f:', 'f::x', 'f:abc:', 'f:x:a\u0000', 'f:x:a\nb', 'f:x:\u007f', 'u'.repeat(1025)])('refuses the user id %j', (id) => {
    expect(userIdSchema.safeParse(id).success).toBe(false);
  });

  it.each(['https://app.example.com/saml/metadata', 'urn:example:app', 'my app (test)', 'account-console'])('accepts the client id %j', (id) => {
    expect(clientIdSchema.safeParse(id).success).toBe(true);
    expect(sessionListQuerySchema.parse({ client: id }).client).toBe(id);
  });

  it('requires a reason of 3 to 500 characters, trimmed', () => {
    expect(reasonSchema.safeParse('  ok ').success).toBe(false);
    expect(reasonSchema.parse('  lost laptop  ')).toBe('lost laptop');
    expect(reasonSchema.safeParse('x'.repeat(501)).success).toBe(false);
  });

  it.each([
    ['Hangul fillers', '\u3164\u3164\u3164'],
    ['Hangul choseong/jungseong fillers and halfwidth filler', '\u115F\u1160\uFFA0'],
    ['Braille blanks', '\u2800\u2800\u2800'],
    ['one letter and combining marks', 'a\u0301\u0301\u0301'],
    ['zero-width characters around one letter', '\u200Bx\u200C\u200D\u2060\uFEFF'],
    ['line and paragraph separators around two letters', 'a\u2028\u2029b'],
    ['variation selectors and tags', 'ab\uFE0F\u{E0041}\u{E0042}'],
    ['two letters and a Mongolian vowel separator', 'ab\u180E'],
  ])('refuses a reason with fewer than 3 visible characters: %s', (_, reason) => {
    const result = reasonSchema.safeParse(reason);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message)).toContain('the reason needs at least 3 visible characters');
  });

  it.each([
    ['accented letters', 'e\u0301e\u0301e\u0301', 3],
    ['emoji with skin tone and ZWJ', '\u{1F469}\u200D\u{1F4BB}\u{1F44D}\u{1F3FD}!', 3],
    ['Hangul syllables', '\uD55C\uAD6D\uC5B4', 3],
    ['CJK', '紛失した', 4],
    ['a sentence with spaces', 'lost laptop', 10],
  ])('counts visible characters as graphemes: %s', (_, reason, count) => {
    expect(visibleCharacterCount(reason)).toBe(count);
    expect(reasonSchema.safeParse(reason).success).toBe(true);
  });
});

describe('session list query', () => {
  it('applies defaults', () => {
    expect(sessionListQuerySchema.parse({})).toEqual({ first: 0, max: 50, sort: 'lastAccess:desc' });
  });

  it.each([{ first: '-1' }, { max: '0' }, { max: '501' }, { first: 'abc' }, { type: 'weird' }, { sort: 'id:asc' }, { first: '1e400' }])(
    'rejects %j',
    (query) => {
      expect(sessionListQuerySchema.safeParse(query).success).toBe(false);
    },
  );

  it('coerces numbers from the query string', () => {
    expect(sessionListQuerySchema.parse({ first: '100', max: '25', type: 'offline' })).toMatchObject({ first: 100, max: 25, type: 'offline' });
  });

  // Attack finding 7: loosely read numbers and silently ignored parameters.
  it.each(['1e3', '0x10', ' 1', '  1', '1 ', '+1', '1.0', '1,000', '', 'Infinity'])('refuses the page start %j: only plain digits are numbers', (first) => {
    const result = sessionListQuerySchema.safeParse({ first });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['first']);
  });

  it.each(['country[a]', 'cursor', 'limit', 'realm', 'Q'])('refuses the unknown parameter %j, naming it', (name) => {
    const result = sessionListQuerySchema.safeParse({ [name]: 'AAAA' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain(`"${name}"`);
  });
});

describe('searches refuse control characters, which Keycloak answers with 400 (it was passed on as a Keycloak error)', () => {
  it.each([
    ['user search', userSearchQuerySchema, 'q'],
    ['session list', sessionListQuerySchema, 'q'],
    ['audit', auditQuerySchema, 'user'],
  ] as const)('%s', (_name, schema, field) => {
    for (const text of ['\u0000', 'ali\u0001ce', 'a\u007fb', 'a\u0085b']) {
      const result = schema.safeParse({ [field]: text });
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toMatch(/control characters/);
    }
    expect(schema.safeParse({ [field]: 'alice smith' }).success).toBe(true);
  });
});

describe('every other list query: unknown parameters and loose numbers are refused', () => {
  const lists = [
    ['user search', userSearchQuerySchema, { q: 'alice' }, 'max'],
    ['user detail', userDetailQuerySchema, {}, 'offlineMax'],
    ['login events', loginEventsQuerySchema, {}, 'first'],
    ['admin events', adminEventsQuerySchema, {}, 'max'],
    ['audit', auditQuerySchema, {}, 'limit'],
  ] as const;

  it.each(lists)('%s: reads plain digits, refuses 1e3, 0x10 and " 1"', (_name, schema, base, field) => {
    expect(schema.safeParse({ ...base, [field]: '10' }).data).toMatchObject({ [field]: 10 });
    for (const loose of ['1e3', '0x10', ' 1']) expect(schema.safeParse({ ...base, [field]: loose }).success).toBe(false);
  });

  it.each([...lists.map(([name, schema, base]) => [name, schema, base] as const), ['audit export', auditExportQuerySchema, {}] as const])(
    '%s: refuses an unknown parameter, naming it',
    (_name, schema, base) => {
      const result = schema.safeParse({ ...base, 'country[a]': 'b' });
      expect(result.success).toBe(false);
      expect(result.error?.issues.map((issue) => issue.message).join(' ')).toContain('"country[a]"');
    },
  );
});

describe('destructive bodies', () => {
  it('needs a reason to end a session', () => {
    expect(endSessionBodySchema.safeParse({}).success).toBe(false);
    expect(endSessionBodySchema.safeParse({ reason: 42 }).success).toBe(false);
    expect(endSessionBodySchema.parse({ reason: 'stolen laptop' })).toEqual({ reason: 'stolen laptop' });
  });

  it('reads the offline flag strictly', () => {
    expect(endSessionQuerySchema.parse({ offline: 'true' }).offline).toBe(true);
    expect(endSessionQuerySchema.parse({}).offline).toBe(false);
    expect(endSessionQuerySchema.safeParse({ offline: 'yes' }).success).toBe(false);
  });

  it('defaults logout to regular sessions only', () => {
    expect(logoutUserBodySchema.parse({ reason: 'compromised' })).toEqual({ reason: 'compromised', includeOffline: false });
    expect(logoutUserBodySchema.safeParse({ reason: 'compromised', includeOffline: 'yes' }).success).toBe(false);
  });
});

describe('every search takes a whole username, email or client id as Keycloak stores them (255 characters)', () => {
  const longest = 'u'.repeat(SEARCH_TEXT_MAX_LENGTH);
  const tooLong = `${longest}u`;
  const searches: Array<[string, (q: string) => boolean]> = [
    ['the sessions list', (q) => sessionListQuerySchema.safeParse({ q }).success],
    ['the users search', (q) => userSearchQuerySchema.safeParse({ q }).success],
    ['the audit trail, by user', (q) => auditQuerySchema.safeParse({ user: q }).success],
    ['the audit trail, by operator', (q) => auditQuerySchema.safeParse({ operator: q }).success],
    ['a bulk job by filter', (q) => sessionJobRequestSchema.safeParse({ reason: 'Ticket 42: phished', filter: { q } }).success],
  ];

  it.each(searches)('%s accepts 255 characters and refuses 256', (_where, accepts) => {
    expect(SEARCH_TEXT_MAX_LENGTH).toBe(255);
    expect(accepts(longest)).toBe(true);
    expect(accepts(tooLong)).toBe(false);
  });
});
