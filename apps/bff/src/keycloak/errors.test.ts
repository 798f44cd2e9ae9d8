import { NetworkError } from '@keycloak/keycloak-admin-client';
import { describe, expect, it } from 'vitest';
import { mapKeycloakError } from './errors.js';

const networkError = (status: number) => new NetworkError('failed', { response: new Response(null, { status }), responseData: '' });

describe('mapKeycloakError', () => {
  it('keeps 404 a 404', () => {
    expect(mapKeycloakError(networkError(404))).toMatchObject({ status: 404, code: 'not_found' });
  });

  it('maps a refused connection to 503 with Retry-After', () => {
    const refused = new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });
    expect(mapKeycloakError(refused)).toMatchObject({ status: 503, code: 'keycloak_unavailable', headers: { 'Retry-After': '5' } });
  });

  it('maps a timeout to 504', () => {
    expect(mapKeycloakError(new DOMException('The operation timed out.', 'TimeoutError'))).toMatchObject({ status: 504, code: 'keycloak_timeout' });
  });

  it("maps undici's answer timeouts to 504, and its connect timeout (nothing was sent) to 503", async () => {
    const { errors } = await import('undici');
    expect(mapKeycloakError(new errors.HeadersTimeoutError())).toMatchObject({ status: 504, code: 'keycloak_timeout' });
    expect(mapKeycloakError(new errors.BodyTimeoutError())).toMatchObject({ status: 504, code: 'keycloak_timeout' });
    expect(mapKeycloakError(new errors.ConnectTimeoutError())).toMatchObject({ status: 503, code: 'keycloak_unavailable' });
    expect(mapKeycloakError(new TypeError('fetch failed', { cause: new errors.ConnectTimeoutError() }))).toMatchObject({ status: 503, code: 'keycloak_unavailable' });
  });

  it('maps a refused service account to 502 with a message an admin understands', () => {
    const mapped = mapKeycloakError(networkError(403));
    expect(mapped.status).toBe(502);
    expect(mapped.message).toMatch(/service account/);
  });

  it('maps Keycloak server errors to 502', () => {
    expect(mapKeycloakError(networkError(500))).toMatchObject({ status: 502, code: 'keycloak_error' });
  });
});
