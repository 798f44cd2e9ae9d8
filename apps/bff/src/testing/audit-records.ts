import type { AuditRecord } from '@session-desk/contracts';

/** One complete audit record for unit tests (a help-desk user logout, hashed), with the fields a test names replaced. */
export const auditRecord = (overrides: Partial<AuditRecord> = {}): AuditRecord => ({
  seq: 7,
  id: '5b0c1a4e-7c8e-4a53-9a0e-2f7f4f1d8c11',
  at: '2025-01-31T12:00:00.000Z',
  operator: { id: 'op-1', username: 'alice', role: 'helpdesk' },
  realm: 'demo',
  targetUser: { id: 'u-1', username: 'bob' },
  sessionId: null,
  action: 'user.logout',
  reason: 'Lost laptop',
  outcome: 'succeeded',
  error: null,
  details: { endedRegular: 3, endedOffline: 1 },
  requestId: 'req-12345678',
  ip: '10.0.0.1',
  jobId: null,
  attemptSeq: 6,
  hash: 'a'.repeat(64),
  prevHash: 'b'.repeat(64),
  ...overrides,
});
