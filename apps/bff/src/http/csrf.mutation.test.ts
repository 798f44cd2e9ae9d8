import type { NextFunction, Request, Response } from 'express';
import { describe, expect, it } from 'vitest';
import { HttpError } from './errors.js';
import { csrfProtection } from './csrf.js';

/*
 * The CSRF check as a plain function of method, path and headers, each rule on its own (added to
 * kill the mutants StrykerJS found alive in csrf.ts).
 */

const publicOrigin = 'https://desk.example';

function run(method: string, headers: Record<string, string>, path = '/api/x', exempt: ReadonlySet<string> = new Set()): unknown {
  const lower = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
  const req = { method, path, get: (name: string) => lower[name.toLowerCase()] } as unknown as Request;
  let passed: unknown = 'not called';
  csrfProtection(publicOrigin, exempt)(req, {} as Response, ((err?: unknown) => {
    passed = err;
  }) as NextFunction);
  return passed;
}

const refused = (message: string) => expect.objectContaining({ status: 403, code: 'csrf_rejected', message });

describe('csrfProtection', () => {
  it.each(['GET', 'HEAD', 'OPTIONS'])('lets a safe %s through without the header', (method) => {
    expect(run(method, { 'Sec-Fetch-Site': 'cross-site' })).toBeUndefined();
  });

  it.each(['POST', 'DELETE', 'PUT', 'PATCH'])('refuses a %s without the header, naming it', (method) => {
    const err = run(method, {});
    expect(err).toBeInstanceOf(HttpError);
    expect(err).toEqual(refused('State-changing requests must carry the X-CSRF header.'));
  });

  it('lets a same-origin POST with the header through', () => {
    expect(run('POST', { 'X-CSRF': '1', Origin: publicOrigin, 'Sec-Fetch-Site': 'same-origin' })).toBeUndefined();
    expect(run('POST', { 'X-CSRF': '1' })).toBeUndefined();
  });

  it('refuses another origin, a cross-site and a same-site fetch even with the header', () => {
    const crossSite = refused('Cross-site requests are not allowed.');
    expect(run('POST', { 'X-CSRF': '1', Origin: 'https://evil.example' })).toEqual(crossSite);
    expect(run('POST', { 'X-CSRF': '1', 'Sec-Fetch-Site': 'cross-site' })).toEqual(crossSite);
    expect(run('POST', { 'X-CSRF': '1', 'Sec-Fetch-Site': 'same-site' })).toEqual(crossSite);
    expect(run('POST', { 'X-CSRF': '1', 'Sec-Fetch-Site': 'none' })).toBeUndefined();
  });

  it('accepts only the exact header value', () => {
    expect(run('POST', { 'X-CSRF': '0' })).toEqual(refused('State-changing requests must carry the X-CSRF header.'));
  });

  it('skips exempt paths only', () => {
    expect(run('POST', {}, '/auth/backchannel-logout', new Set(['/auth/backchannel-logout']))).toBeUndefined();
    expect(run('POST', {}, '/auth/other', new Set(['/auth/backchannel-logout']))).toEqual(refused('State-changing requests must carry the X-CSRF header.'));
  });
});
