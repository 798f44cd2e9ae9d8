import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AuditAction, AuditDetails } from '@session-desk/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sqliteAuditFile } from '../audit/create-audit-store.js';
import { SqliteAuditStore } from '../audit/sqlite-audit-store.js';
import { loadIpLocator } from '../geo/load-ip-locator.js';
import { endedLocations } from './ended-locations.js';

const locator = loadIpLocator();
const locate = (ip: string) => locator.locate(ip);
let dataDir = '';
let store: SqliteAuditStore;

/** An attempt and its outcome, as the audited runner writes them. */
async function ended(action: AuditAction, user: { id: string; username: string }, details: AuditDetails | null, outcome: 'succeeded' | 'failed' = 'succeeded', realm = 'demo') {
  const entry = { operator: { id: 'op-1', username: 'hal', role: 'helpdesk' as const }, realm, action, requestId: 'req', ip: '127.0.0.1', targetUser: user, details, reason: 'test' };
  const attempt = await store.append({ ...entry, outcome: 'attempted' });
  await store.append({ ...entry, outcome, attemptSeq: attempt.seq });
}

beforeEach(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'sd-ended-'));
  store = new SqliteAuditStore({ file: sqliteAuditFile(dataDir) });
  await store.init();
});

afterEach(async () => {
  await store.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('endedLocations', () => {
  const ada = { id: 'user-ada', username: 'ada' };

  it("locates the addresses of the user's succeeded session.end, bulk.item and user.logout records, and counts those without one", async () => {
    await ended('session.end', ada, { type: 'regular', ipAddress: '81.169.145.1' });
    await ended('bulk.item', ada, { type: 'offline', ipAddress: '8.8.8.8' });
    await ended('user.logout', ada, { ipAddresses: ['212.58.244.1', '10.0.0.5'] });
    await ended('session.end', ada, { type: 'regular' });

    expect(await endedLocations(store, locate, 'demo', ada.id)).toEqual({
      countries: [
        { code: 'DE', name: 'Germany', sessions: 1 },
        { code: 'GB', name: 'United Kingdom', sessions: 1 },
        { code: 'US', name: 'United States', sessions: 1 },
      ],
      networks: [
        { asn: 2818, name: 'BBC', sessions: 1 },
        { asn: 15169, name: 'Google LLC', sessions: 1 },
        { asn: 6724, name: 'Strato AG', sessions: 1 },
      ],
      privateNetwork: 1,
      records: 4,
      withoutAddress: 1,
    });
  });

  it("leaves out failed endings, other realms, and other users (also one whose username contains this user's id)", async () => {
    await ended('session.end', ada, { ipAddress: '81.169.145.1' }, 'failed');
    await ended('session.end', ada, { ipAddress: '81.169.145.1' }, 'succeeded', 'partners');
    await ended('session.end', { id: 'user-bo', username: 'bo' }, { ipAddress: '81.169.145.1' });
    await ended('session.end', { id: 'user-x', username: 'not-user-ada' }, { ipAddress: '81.169.145.1' });

    expect(await endedLocations(store, locate, 'demo', ada.id)).toEqual({ countries: [], networks: [], privateNetwork: 0, records: 0, withoutAddress: 0 });
  });
});
