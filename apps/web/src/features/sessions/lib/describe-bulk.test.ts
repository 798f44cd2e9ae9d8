import { describe, expect, it } from 'vitest';
import { describeEndConsequence, describeMatchingFilter } from './describe-bulk';

describe('describeEndConsequence', () => {
  it('says users must sign in again only for the sessions that still work', () => {
    expect(describeEndConsequence(5, 0)).toBe('Their users will have to sign in again.');
    expect(describeEndConsequence(5, 2)).toBe(
      '2 of them are revoked already: Keycloak refuses their tokens, so ending only removes them from Keycloak’s list. The users of the other 3 will have to sign in again.',
    );
    expect(describeEndConsequence(3, 3)).toBe('All of them are revoked already: Keycloak refuses their tokens, so ending only removes them from Keycloak’s list.');
    expect(describeEndConsequence(1, 1)).toBe('It is revoked already: Keycloak refuses its tokens, so ending only removes it from Keycloak’s list.');
  });
});

describe('describeMatchingFilter', () => {
  it('names private networks and unknown places in words, and countries as typed', () => {
    const view = { q: '', client: '', type: '' as const };
    expect(describeMatchingFilter({ ...view, country: 'private' })).toBe('from private networks');
    expect(describeMatchingFilter({ ...view, country: 'Unknown' })).toBe('from an unknown country or address');
    expect(describeMatchingFilter({ ...view, country: 'unknown address' })).toBe('from unknown addresses');
    expect(describeMatchingFilter({ ...view, country: 'BR' })).toBe('from BR');
  });
});
