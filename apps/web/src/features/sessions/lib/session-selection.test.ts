import { describe, expect, it } from 'vitest';
import { sessionFixture } from '@/testing/fixtures';
import { pruneSelection, sessionKey, toggleAllRows, toggleRow } from './session-selection';

const a = sessionFixture({ id: 'sess-a-000001' });
const aOffline = sessionFixture({ id: 'sess-a-000001', type: 'offline' });
const b = sessionFixture({ id: 'sess-b-000001' });

describe('session selection', () => {
  it('keys a session by type and id, so a regular and an offline session never mix', () => {
    expect(sessionKey(a)).not.toBe(sessionKey(aOffline));
    expect(toggleRow(new Set(), aOffline).has(sessionKey(a))).toBe(false);
  });

  it('keeps the same selection object when every selected row is still listed', () => {
    const selected = new Set([sessionKey(a)]);
    expect(pruneSelection(selected, [{ ...a }, b])).toBe(selected);
  });

  it('drops rows that are no longer listed', () => {
    const pruned = pruneSelection(new Set([sessionKey(a), sessionKey(b)]), [b]);
    expect([...pruned]).toEqual([sessionKey(b)]);
  });

  it('selects the whole page, or clears it when all of it is selected', () => {
    const all = toggleAllRows(new Set([sessionKey(a)]), [a, b]);
    expect([...all].sort()).toEqual([sessionKey(a), sessionKey(b)].sort());
    expect(toggleAllRows(all, [a, b]).size).toBe(0);
  });
});
