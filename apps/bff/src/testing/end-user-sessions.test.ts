import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { listEndUsernames } from '@session-desk/keycloak-local';
import { RESERVED_END_USER_SLOTS, reservedEndUser } from './end-user-sessions.js';

/** The usernames e2e/support/end-users.ts gives the browser tests (read as text: it lives outside this package). */
function browserTestUsers(): string[] {
  const source = readFileSync(new URL('../../../../e2e/support/end-users.ts', import.meta.url), 'utf8');
  return [...source.matchAll(/^\s+\w+: '([a-z.]+)',$/gm)].map((match) => match[1]!);
}

describe('end users reserved for tests', () => {
  const reserved = new Set(Array.from({ length: RESERVED_END_USER_SLOTS }, (_, slot) => reservedEndUser(slot)));

  it('gives the BFF tests distinct users from the end of the list, and refuses slots beyond the range', () => {
    expect(reserved.size).toBe(RESERVED_END_USER_SLOTS);
    expect(reservedEndUser(0)).toBe(listEndUsernames().at(-1));
    expect(() => reservedEndUser(RESERVED_END_USER_SLOTS)).toThrow(/outside/);
    expect(() => reservedEndUser(-1)).toThrow(/outside/);
  });

  it('never gives a browser test a user the BFF tests may reserve', () => {
    const browser = browserTestUsers();
    expect(browser.length).toBeGreaterThanOrEqual(4);
    expect(new Set(browser).size).toBe(browser.length);
    for (const user of browser) {
      expect(listEndUsernames(), `${user} is a demo end user`).toContain(user);
      expect(reserved.has(user), `${user} is reserved by a BFF test`).toBe(false);
    }
  });
});
