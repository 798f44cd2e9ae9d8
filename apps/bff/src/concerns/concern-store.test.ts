import { describe, expect, it } from 'vitest';
import { closedAfterEach, forEachStoreKind } from '../testing/postgres.js';
import { createConcernStore } from './create-concern-store.js';
import type { ConcernStore } from './concern-store.js';

const admin = { id: 'op-1', username: 'desk-admin' };

/** `open` gives a store on the same place each time it is called (a restart of the BFF). */
function concernStoreSuite(name: string, place: () => Promise<() => ConcernStore>) {
  describe(`concern store (${name})`, () => {
    const opened = closedAfterEach<ConcernStore>();
    const restartable = async () => {
      const open = await place();
      return () => opened(open());
    };

    it('keeps each realm’s settings across a restart, the last save winning, with who and when', async () => {
      const open = await restartable();
      const first = open();
      expect(await first.settings('demo')).toBeNull();
      await first.saveSettings('demo', { 'too-many-sessions': { enabled: true, maxSessions: 3 } }, admin);
      const saved = await first.saveSettings('demo', { 'too-many-sessions': { enabled: false, maxSessions: 4 } }, { id: 'op-2', username: 'other-admin' });
      await first.saveSettings('acme', { 'new-country': { enabled: false } }, admin);
      await first.close();

      const again = open();
      expect(await again.settings('demo')).toEqual(saved);
      expect(saved).toMatchObject({ settings: { 'too-many-sessions': { enabled: false, maxSessions: 4 } }, updatedBy: { id: 'op-2', username: 'other-admin' } });
      expect(Date.parse(saved.updatedAt)).not.toBeNaN();
      expect((await again.settings('acme'))?.settings).toEqual({ 'new-country': { enabled: false } });
    });

    it('keeps each session\'s sighting per realm across a restart, the first record of a session winning', async () => {
      const open = await restartable();
      const first = open();
      await first.recordSightings('demo', [
        { userId: 'u1', sessionId: 's1', country: 'DE', started: 2_000 },
        { userId: 'u1', sessionId: 's2', country: 'US', started: 5_000 },
      ]);
      await first.recordSightings('demo', [
        { userId: 'u1', sessionId: 's1', country: 'FR', started: 3_000 },
        { userId: 'u2', sessionId: 's3', country: 'FR', started: 1_000 },
      ]);
      await first.recordSightings('acme', [{ userId: 'u1', sessionId: 's9', country: 'BR', started: 9_000 }]);
      await first.recordSightings('demo', []);
      await first.close();

      const bySession = (await open().sightings('demo')).sort((a, b) => a.sessionId.localeCompare(b.sessionId));
      expect(bySession).toEqual([
        { userId: 'u1', sessionId: 's1', country: 'DE', started: 2_000 },
        { userId: 'u1', sessionId: 's2', country: 'US', started: 5_000 },
        { userId: 'u2', sessionId: 's3', country: 'FR', started: 1_000 },
      ]);
    });
  });
}

forEachStoreKind('concerns', 'concern store', (kind, place) =>
  concernStoreSuite(kind, async () => {
    const options = await place();
    return () => createConcernStore(options);
  }),
);
