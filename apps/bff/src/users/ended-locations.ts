import type { AuditAction, AuditRecord, EndedLocationSummary } from '@session-desk/contracts';
import type { AuditStore } from '../audit/audit-store.js';
import type { Locate } from '../geo/ip-locator.js';
import { summarizeLocations } from '../geo/location-summary.js';

/** The trail's records of sessions ended from the console. */
const ENDING_ACTIONS: readonly AuditAction[] = ['session.end', 'bulk.item', 'user.logout'];

/** Records read per action: the newest of a user's ended sessions are what the page is about. */
const RECORDS_PER_ACTION = 500;

/** The session addresses an ending record carries: `ipAddress` (one session) or `ipAddresses` (a logout). */
export function endedAddresses(record: AuditRecord): string[] {
  const one = record.details?.ipAddress;
  if (typeof one === 'string') return [one];
  const many = record.details?.ipAddresses;
  return Array.isArray(many) ? many.filter((address): address is string => typeof address === 'string') : [];
}

/**
 * Where a user's sessions ended from the console came from: the newest succeeded `session.end`,
 * `bulk.item` and `user.logout` records naming the user in `realm` (up to 500 of each), their
 * session addresses located with `locate`; with `scope.operatorId`, only that operator's records (an
 * operator who may read only their own audit entries learns nothing from anyone else's). Rejects with
 * 503 audit_unavailable when the trail cannot be read.
 */
export async function endedLocations(store: AuditStore, locate: Locate, realm: string, userId: string, scope: { operatorId?: string } = {}): Promise<EndedLocationSummary> {
  const pages = await Promise.all(
    ENDING_ACTIONS.map((action) => store.query({ realm, user: userId, action, outcome: 'succeeded', limit: RECORDS_PER_ACTION, ...scope })),
  );
  // The user filter also matches part of a username: keep only records whose target is this user.
  const records = pages.flatMap((page) => page.items).filter((record) => record.targetUser?.id === userId);
  const addresses = records.map(endedAddresses);
  const summary = summarizeLocations(addresses.flat().map(locate)) ?? { countries: [], networks: [], privateNetwork: 0 };
  return { ...summary, records: records.length, withoutAddress: addresses.filter((list) => list.length === 0).length };
}
