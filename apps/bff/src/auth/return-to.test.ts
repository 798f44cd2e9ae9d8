import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { safeReturnTo } from './return-to.js';

const base = new URL('http://localhost:3000');
const corpus = JSON.parse(readFileSync(new URL('./return-to.corpus.json', import.meta.url), 'utf8')) as {
  hostile: string[];
  allowed: Array<[string, string]>;
};

describe('safeReturnTo', () => {
  it('keeps a corpus of at least 30 hostile forms as data', () => {
    expect(corpus.hostile.length).toBeGreaterThanOrEqual(30);
  });

  it.each(corpus.allowed)('keeps the same-origin path %j as %j', (path, expected) => {
    expect(safeReturnTo(path, base)).toBe(expected);
  });

  it.each(corpus.hostile.map((value) => [JSON.stringify(value).slice(0, 80), value] as const))('sends %s to the home page', (_label, value) => {
    expect(safeReturnTo(value, base)).toBe('/');
  });

  it.each([undefined, 42, null, ['/'], { a: 1 }])('sends the non-string %j to the home page', (value) => {
    expect(safeReturnTo(value, base)).toBe('/');
  });

  it('never answers something that leaves the origin once a browser resolves it', () => {
    for (const value of corpus.hostile) {
      const landed = new URL(safeReturnTo(value, base), base);
      expect(landed.origin).toBe(base.origin);
      expect(landed.pathname.startsWith('//')).toBe(false);
    }
  });

  it('keeps a path of 2,048 characters and refuses a longer one', () => {
    const longest = `/${'a'.repeat(2047)}`;
    expect(safeReturnTo(longest, base)).toBe(longest);
    expect(safeReturnTo(`${longest}a`, base)).toBe('/');
  });

  it('decodes three rounds deep, as documented: a fourth level of encoding stays text on the console origin', () => {
    expect(safeReturnTo('/notes/%25255C', base)).toBe('/');
    expect(safeReturnTo('/notes/%2525255C', base)).toBe('/notes/%2525255C');
  });
});
