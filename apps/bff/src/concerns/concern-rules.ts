import { concernRuleIds, type ConcernItem, type ConcernRuleId, type ConcernSettings, type SessionRow } from '@session-desk/contracts';

/** When a user was first seen with a session from each country: user id → ISO country code → epoch ms. */
export type CountryHistory = ReadonlyMap<string, ReadonlyMap<string, number>>;

/** A live session from a public address with a country, as a snapshot showed it (`started`: epoch ms). */
export interface SessionSighting {
  userId: string;
  sessionId: string;
  country: string;
  started: number;
}

export interface ConcernInput {
  /** The realm's sessions as the Sessions list has them (with location); revoked ones are not live and are skipped. */
  rows: readonly SessionRow[];
  /** Countries seen before, per user (see ConcernStore); live rows are merged in, so an empty history is allowed. */
  history: CountryHistory;
  settings: ConcernSettings;
  /** Epoch ms the time-based rules measure from. */
  now: number;
}

const MINUTE_MS = 60_000;

const isLive = (row: SessionRow) => !row.revoked;

/** The ISO code of the row's country; null for private networks, unknown addresses and rows without location. */
export function countryOf(row: SessionRow): string | null {
  return row.location?.scope === 'public' ? (row.location.country?.code ?? null) : null;
}

/** The live sessions among `rows` that come from a country, one sighting each. */
export function sessionSightings(rows: readonly SessionRow[]): SessionSighting[] {
  return rows.flatMap((row) => {
    const country = countryOf(row);
    return country && isLive(row) ? [{ userId: row.userId, sessionId: row.id, country, started: Date.parse(row.started) }] : [];
  });
}

/** The earliest sighting per user and country: the history the new-country rule reads. */
export function historyOf(sightings: Iterable<SessionSighting>): CountryHistory {
  const history = new Map<string, Map<string, number>>();
  for (const { userId, country, started } of sightings) {
    let countries = history.get(userId);
    if (!countries) {
      countries = new Map();
      history.set(userId, countries);
    }
    const known = countries.get(country);
    if (known === undefined || started < known) countries.set(country, started);
  }
  return history;
}

/** A duration setting in words: "24 h" up to two days in whole hours, else "7 days", "90 min". */
export function limitText(minutes: number): string {
  if (minutes % 60 === 0 && minutes <= 2 * 1_440) return `${minutes / 60} h`;
  if (minutes % 1_440 === 0) return `${minutes / 1_440} days`;
  if (minutes % 60 === 0) return `${minutes / 60} h`;
  return `${minutes} min`;
}

/** An elapsed time in words, rounded down: "31 days" from two days on, "5 h" from two hours on, else "12 min". */
export function elapsedText(ms: number): string {
  const minutes = Math.floor(ms / MINUTE_MS);
  if (minutes >= 2 * 1_440) return `${Math.floor(minutes / 1_440)} days`;
  if (minutes >= 120) return `${Math.floor(minutes / 60)} h`;
  return `${minutes} min`;
}

const plural = (count: number, one: string, many: string) => (count === 1 ? one : many);

interface Flag {
  rule: ConcernRuleId;
  userId: string;
  username: string;
  sessions: SessionRow[];
  reason: string;
}

type UserSessions = { userId: string; username: string; rows: SessionRow[] };

/**
 * Live sessions whose start lies within the window of a live session from another country: a
 * sliding window over the user's located sessions sorted by start (O(n log n) per user).
 */
function manyCountries(user: UserSessions, windowMinutes: number): Flag | null {
  const located = user.rows.flatMap((row) => {
    const country = countryOf(row);
    return country ? [{ row, country, started: Date.parse(row.started) }] : [];
  });
  if (new Set(located.map((entry) => entry.country)).size < 2) return null;
  located.sort((a, b) => a.started - b.started);
  const windowMs = windowMinutes * MINUTE_MS;
  const inWindow = new Map<string, number>();
  const add = (country: string, by: number) => {
    const count = (inWindow.get(country) ?? 0) + by;
    if (count === 0) inWindow.delete(country);
    else inWindow.set(country, count);
  };
  const flagged: typeof located = [];
  let low = 0;
  let high = 0;
  for (const entry of located) {
    while (high < located.length && (located[high] as (typeof located)[number]).started <= entry.started + windowMs) add((located[high++] as (typeof located)[number]).country, 1);
    while ((located[low] as (typeof located)[number]).started < entry.started - windowMs) add((located[low++] as (typeof located)[number]).country, -1);
    if (inWindow.size > 1) flagged.push(entry);
  }
  if (flagged.length === 0) return null;
  const countries = [...new Set(flagged.map((entry) => entry.country))].sort();
  return {
    rule: 'many-countries',
    userId: user.userId,
    username: user.username,
    sessions: flagged.map((entry) => entry.row),
    reason: `${countries.length} countries within ${limitText(windowMinutes)}: ${countries.join(', ')}`,
  };
}

function tooManySessions(user: UserSessions, maxSessions: number): Flag | null {
  if (user.rows.length <= maxSessions) return null;
  return { rule: 'too-many-sessions', userId: user.userId, username: user.username, sessions: user.rows, reason: `${user.rows.length} live sessions (limit ${maxSessions})` };
}

/**
 * A session from a country the user had no session from before it started, while they had had one
 * from another country before it: its country's first sighting is this session, and another
 * country's is earlier. A user's very first country is never "new".
 */
function newCountry(user: UserSessions, history: ReadonlyMap<string, number>): Flag | null {
  const firstSeen = new Map(history);
  for (const { country, started } of sessionSightings(user.rows)) {
    const known = firstSeen.get(country);
    if (known === undefined || started < known) firstSeen.set(country, started);
  }
  const flagged = user.rows.filter((row) => {
    const country = countryOf(row);
    if (!country) return false;
    const started = Date.parse(row.started);
    if ((firstSeen.get(country) ?? started) < started) return false;
    return [...firstSeen].some(([other, seen]) => other !== country && seen < started);
  });
  if (flagged.length === 0) return null;
  const earliest = Math.min(...flagged.map((row) => Date.parse(row.started)));
  const newCountries = new Map(flagged.map((row) => [countryOf(row) as string, row.location?.country?.name ?? '']));
  const before = [...firstSeen].filter(([country, seen]) => seen < earliest && !newCountries.has(country)).map(([country]) => country).sort();
  const named = [...newCountries].sort(([a], [b]) => a.localeCompare(b)).map(([code, name]) => (name ? `${code} (${name})` : code));
  return {
    rule: 'new-country',
    userId: user.userId,
    username: user.username,
    sessions: flagged,
    reason: `${plural(named.length, 'First session from', 'First sessions from')} ${named.join(', ')}; seen before: ${before.join(', ')}`,
  };
}

function olderThan(
  user: UserSessions,
  rule: 'idle-offline' | 'old-session',
  limitMinutes: number,
  now: number,
  pick: (row: SessionRow) => string | null,
  words: { one: string; many: (count: number) => string },
): Flag | null {
  const limitMs = limitMinutes * MINUTE_MS;
  const flagged = user.rows.filter((row) => {
    const at = pick(row);
    return at !== null && now - Date.parse(at) > limitMs;
  });
  if (flagged.length === 0) return null;
  const youngest = Math.min(...flagged.map((row) => now - Date.parse(pick(row) as string)));
  const head = flagged.length === 1 ? words.one : words.many(flagged.length);
  const amount = flagged.length === 1 ? elapsedText(youngest) : `${elapsedText(youngest)} or more`;
  return { rule, userId: user.userId, username: user.username, sessions: flagged, reason: head.replace('%s', amount) + ` (limit ${limitText(limitMinutes)})` };
}

const byLastUse = (a: SessionRow, b: SessionRow) => Date.parse(b.lastAccess) - Date.parse(a.lastAccess) || a.id.localeCompare(b.id);

/**
 * Every case of concern in a realm, as one pure function of its sessions, the users' country
 * history, the settings and the time: one item per rule and user (rules in the order of
 * `concernRuleIds`, then by username), each with the flagged live sessions, most recently used first.
 * Boundaries: more than `maxSessions`; older / unused strictly longer than the limit; sessions whose
 * starts are at most `windowMinutes` apart count together.
 */
export function evaluateConcerns({ rows, history, settings, now }: ConcernInput): ConcernItem[] {
  const users = new Map<string, UserSessions>();
  for (const row of rows) {
    if (!isLive(row)) continue;
    let user = users.get(row.userId);
    if (!user) {
      user = { userId: row.userId, username: row.username, rows: [] };
      users.set(row.userId, user);
    }
    user.rows.push(row);
  }
  const flags: Flag[] = [];
  const noHistory: ReadonlyMap<string, number> = new Map();
  for (const user of users.values()) {
    const candidates: Array<Flag | null> = [
      settings['many-countries'].enabled ? manyCountries(user, settings['many-countries'].windowMinutes) : null,
      settings['too-many-sessions'].enabled ? tooManySessions(user, settings['too-many-sessions'].maxSessions) : null,
      settings['new-country'].enabled ? newCountry(user, history.get(user.userId) ?? noHistory) : null,
      settings['idle-offline'].enabled
        ? olderThan(user, 'idle-offline', settings['idle-offline'].idleMinutes, now, (row) => (row.type === 'offline' ? row.lastAccess : null), {
            one: 'Offline session unused for %s',
            many: (count) => `${count} offline sessions unused for %s`,
          })
        : null,
      settings['old-session'].enabled
        ? olderThan(user, 'old-session', settings['old-session'].maxAgeMinutes, now, (row) => row.started, {
            one: 'Session started %s ago',
            many: (count) => `${count} sessions started %s ago`,
          })
        : null,
    ];
    for (const flag of candidates) if (flag) flags.push(flag);
  }
  const order = new Map(concernRuleIds.map((rule, index) => [rule, index]));
  flags.sort((a, b) => (order.get(a.rule) ?? 0) - (order.get(b.rule) ?? 0) || a.username.localeCompare(b.username) || a.userId.localeCompare(b.userId));
  return flags.map((flag) => {
    const sessions = [...flag.sessions].sort(byLastUse);
    return {
      id: `${flag.rule}:${flag.userId}`,
      rule: flag.rule,
      reason: flag.reason,
      user: { id: flag.userId, username: flag.username },
      sessionIds: sessions.map((row) => row.id),
      sessions,
    };
  });
}

/** Items per rule, every rule present. */
export function countByRule(items: readonly ConcernItem[]): Record<ConcernRuleId, number> {
  const counts = Object.fromEntries(concernRuleIds.map((rule) => [rule, 0])) as Record<ConcernRuleId, number>;
  for (const item of items) counts[item.rule] += 1;
  return counts;
}
