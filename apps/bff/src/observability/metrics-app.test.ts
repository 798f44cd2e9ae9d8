import { describe, expect, it } from 'vitest';
import { routeLabel } from './metrics-app.js';

describe('routeLabel', () => {
  it('labels matched routes by their pattern under the mount', () => {
    expect(routeLabel('/api/realms/demo/sessions', '/:realm/sessions')).toBe('/api/realms/:realm/sessions');
    expect(routeLabel('/api/me', '/')).toBe('/api/me');
    expect(routeLabel('/api/me/sessions/abc', '/:sessionId')).toBe('/api/me/sessions/:sessionId');
    expect(routeLabel('/healthz', '/healthz')).toBe('/healthz');
  });

  it('never uses raw paths for unmatched requests', () => {
    expect(routeLabel('/api/realms/..%2Fmaster/x', undefined)).toBe('/api/realms');
    expect(routeLabel('/some/spa/page', undefined)).toBe('other');
    expect(routeLabel('/readyz', undefined)).toBe('/readyz');
  });
});
