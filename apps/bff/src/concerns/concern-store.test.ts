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

    it('keeps the earliest sighting per realm, user and country across a restart', async () => {
      const open = await restartable();
      const first = open();
      await first.recordCountries('demo', [
        { userId: 'u1', country: 'DE', firstSeen: 2_000 },
        { userId: 'u1', country: 'US', firstSeen: 5_000 },
      ]);
      await first.recordCountries('demo', [
        { userId: 'u1', country: 'DE', firstSeen: 3_000 },
        { userId: 'u1', country: 'US', firstSeen: 4_000 },
        { userId: 'u2', country: 'FR', firstSeen: 1_000 },
      ]);
      await first.recordCountries('acme', [{ userId: 'u1', country: 'BR', firstSeen: 9_000 }]);
      await first.recordCountries('demo', []);
      await first.close();

      const history = await open().countryHistory('demo');
      expect(Object.fromEntries([...history].map(([user, countries]) => [user, Object.fromEntries(countries)]))).toEqual({
        u1: { DE: 2_000, US: 4_000 },
        u2: { FR: 1_000 },
      });
    });
  });
}

forEachStoreKind('concerns', 'concern store', (kind, place) =>
  concernStoreSuite(kind, async () => {
    const options = await place();
    return () => createConcernStore(options);
  }),
);
