import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { demoRealm } from '@session-desk/keycloak-local';
import { createTestApp } from '../testing/test-app.js';
import { createMetricsApp } from './metrics-app.js';

describe('metrics', () => {
  it('counts requests by route pattern, Keycloak calls and token fetches', async () => {
    const { app, keycloak } = createTestApp();
    await request(app).get('/readyz');
    await keycloak.admin(demoRealm.realm, (kc) => kc.users.count());
    await request(app).get('/api/realms/demo/users/some-id');
    await request(app).get('/api/me');
    const text = (await request(createMetricsApp()).get('/metrics')).text;
    expect(text).toMatch(/session_desk_http_request_duration_seconds_count\{route="\/readyz",method="GET",status="200"\} \d+/);
    expect(text).toMatch(/session_desk_http_request_duration_seconds_count\{route="\/api\/realms",method="GET",status="401"\}/);
    expect(text).toMatch(/route="\/api\/me",method="GET",status="401"/);
    expect(text).not.toContain('some-id');
    expect(text).toMatch(/session_desk_keycloak_call_duration_seconds_count\{outcome="ok"\} [1-9]/);
    expect(text).toMatch(/session_desk_service_token_fetches_total\{outcome="ok"\} [1-9]/);
    expect(text).toContain('process_resident_memory_bytes');
  });
});
