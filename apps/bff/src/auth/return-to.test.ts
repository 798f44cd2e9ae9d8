import { describe, expect, it } from 'vitest';
import { safeReturnTo } from './return-to.js';

const base = new URL('http://localhost:3000');

describe('safeReturnTo', () => {
  it.each(['/', '/sessions?q=alice&page=2', '/users/123#history'])('keeps the same-origin path %s', (path) => {
    expect(safeReturnTo(path, base)).toBe(path);
  });

  it.each([
    'https://evil.example',
    '//evil.example',
    '/\\evil.example',
    '\\\\evil.example',
    'javascript:alert(1)',
    '%2F%2Fevil.example',
    '/%2F%2Fevil.example',
    '/%5Cevil.example',
    '%252F%252Fevil.example',
    '/%09/evil.example',
    'http:/evil.example',
    '/auth/logout',
    '/api/me',
    '',
    undefined,
    42,
    'x'.repeat(3000),
  ])('sends %s to the home page', (value) => {
    expect(safeReturnTo(value, base)).toBe('/');
  });
});
