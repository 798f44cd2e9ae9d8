import { permissionsFor } from '@session-desk/contracts';
import type {
  AuditRecord,
  ClientStatsResponse,
  MeResponse,
  MySessionRow,
  RealmsResponse,
  Role,
  SessionJob,
  SessionListResponse,
  SessionRow,
  UserDetailResponse,
} from '@session-desk/contracts';

const people: Record<Role, { username: string; name: string }> = {
  admin: { username: 'ada.admin', name: 'Ada Admin' },
  helpdesk: { username: 'hal.helpdesk', name: 'Hal Helpdesk' },
  auditor: { username: 'alma.auditor', name: 'Alma Auditor' },
};

/** An /api/me answer for an operator of the given role (overridable). */
export function operatorFixture(role: Role, overrides: Partial<MeResponse> = {}): MeResponse {
  return {
    id: `id-${role}`,
    ...people[role],
    email: `${people[role].username}@example.test`,
    roles: [role],
    primaryRole: role,
    permissions: permissionsFor([role]),
    realm: 'session-desk',
    sessionExpiresAt: '2030-01-01T12:00:00.000Z',
    sessionExpiresBy: 'idle',
    currentSessionId: 'sess-current',
    limits: { bulkMaxSessions: role === 'admin' ? null : 50 },
    ...overrides,
  };
}

/** Fixed "now" of the fixtures: sessions started and were used shortly before it. */
export const FIXTURE_NOW = Date.parse('2030-01-01T10:00:00.000Z');
const minutesAgo = (minutes: number) => new Date(FIXTURE_NOW - minutes * 60_000).toISOString();

/** A regular session of alice.martin on demo-portal and demo-mail (overridable). */
export function sessionFixture(overrides: Partial<SessionRow> = {}): SessionRow {
  return {
    id: 'sess-alice-0001',
    type: 'regular',
    userId: 'user-alice',
    username: 'alice.martin',
    email: 'alice.martin@example.test',
    ipAddress: '10.0.0.7',
    started: minutesAgo(90),
    lastAccess: minutesAgo(3),
    rememberMe: false,
    clients: [
      { id: 'c-portal', clientId: 'demo-portal' },
      { id: 'c-mail', clientId: 'demo-mail' },
    ],
    ...overrides,
  };
}

/** Bob's offline session from 10.0.0.9 in demo-mail, without an email: the second row of the session lists. */
export function bobSessionFixture(overrides: Partial<SessionRow> = {}): SessionRow {
  return sessionFixture({
    id: 'sess-bob-0001',
    userId: 'user-bob',
    username: 'bob.stone',
    email: null,
    ipAddress: '10.0.0.9',
    type: 'offline',
    clients: [{ id: 'c-mail', clientId: 'demo-mail' }],
    ...overrides,
  });
}

export function realmsFixture(overrides: Partial<RealmsResponse> = {}): RealmsResponse {
  const all = operatorFixture('admin').permissions;
  return {
    realms: [
      { name: 'demo', isDefault: true, permissions: all },
      { name: 'partners', isDefault: false, permissions: all },
    ],
    defaultRealm: 'demo',
    ...overrides,
  };
}

export function sessionListFixture(items: SessionRow[], overrides: Partial<SessionListResponse> = {}): SessionListResponse {
  return {
    items,
    total: items.length,
    revokedTotal: items.filter((item) => item.revoked).length,
    first: 0,
    max: 50,
    snapshot: { builtAt: new Date(FIXTURE_NOW - 4_000).toISOString(), ageSeconds: 4, refreshing: false, buildMs: 120, refreshFailed: null },
    ...overrides,
  };
}

export function clientStatsFixture(): ClientStatsResponse {
  return {
    clients: [
      { id: 'c-portal', clientId: 'demo-portal', active: 12, offline: 0 },
      { id: 'c-mail', clientId: 'demo-mail', active: 4, offline: 2 },
    ],
  };
}

export function userDetailFixture(overrides: Partial<UserDetailResponse> = {}): UserDetailResponse {
  return {
    user: {
      id: 'user-alice',
      username: 'alice.martin',
      email: 'alice.martin@example.test',
      firstName: 'Alice',
      lastName: 'Martin',
      enabled: true,
      createdAt: '2024-03-01T08:00:00.000Z',
      isConsoleAdmin: false,
    },
    sessions: [
      sessionFixture(),
      sessionFixture({ id: 'sess-alice-0002', ipAddress: '192.168.1.20', clients: [{ id: 'c-portal', clientId: 'demo-portal' }] }),
    ],
    offlineSessions: [sessionFixture({ id: 'sess-alice-0003', type: 'offline', clients: [{ id: 'c-mail', clientId: 'demo-mail' }] })],
    sessionsTotal: 2,
    offlineSessionsTotal: 1,
    page: { first: 0, max: 100, offlineFirst: 0, offlineMax: 100 },
    notBefore: null,
    allowedActions: { endSession: true, logout: true, refusal: null },
    ...overrides,
  };
}

export function mySessionFixture(overrides: Partial<MySessionRow> = {}): MySessionRow {
  return {
    ...sessionFixture({ userId: 'id-helpdesk', username: 'hal.helpdesk', email: 'hal.helpdesk@example.test' }),
    current: false,
    ...overrides,
  };
}

const hash = (n: number) => n.toString(16).padStart(64, '0');

/** One audit record: hal.helpdesk ended a session of alice.martin in demo (overridable). */
export function auditRecordFixture(overrides: Partial<AuditRecord> = {}): AuditRecord {
  const seq = overrides.seq ?? 7;
  return {
    seq,
    id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
    at: minutesAgo(2),
    operator: { id: 'id-helpdesk', username: 'hal.helpdesk', role: 'helpdesk' },
    realm: 'demo',
    targetUser: { id: 'user-alice', username: 'alice.martin' },
    sessionId: 'sess-alice-0001',
    action: 'session.end',
    reason: 'Laptop stolen, ticket HD-1234',
    outcome: 'succeeded',
    error: null,
    details: null,
    requestId: `req-${seq}`,
    ip: '10.1.1.1',
    jobId: null,
    attemptSeq: seq - 1,
    hash: hash(seq),
    prevHash: hash(seq - 1),
    ...overrides,
  };
}

/** A bulk job of `total` sessions in demo, running with nothing done yet (overridable). */
export function sessionJobFixture(overrides: Partial<SessionJob> = {}): SessionJob {
  const total = overrides.total ?? 2;
  return {
    id: 'job-0001-abcdef',
    realm: 'demo',
    state: 'running',
    reason: 'Compromised accounts',
    createdBy: { id: 'id-admin', username: 'ada.admin' },
    createdAt: new Date(FIXTURE_NOW).toISOString(),
    finishedAt: null,
    total,
    done: 0,
    failed: 0,
    left: total,
    stopReason: null,
    items: [],
    ...overrides,
  };
}
