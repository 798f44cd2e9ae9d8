import express from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { errorHandler, notFoundHandler } from './error-handler.js';
import { PERMISSIONS_POLICY, securityHeaders } from './security-headers.js';

function appWith(secure: boolean) {
  const app = express().use(securityHeaders(secure));
  const api = express.Router();
  api.get('/here', (_req, res) => {
    res.json({ ok: true });
  });
  api.use(notFoundHandler);
  return app.use('/api', api).use(errorHandler);
}

describe('securityHeaders', () => {
  it('refuses the browser features the console never uses, beside the CSP, on answers and errors alike', async () => {
    for (const path of ['/api/here', '/api/nowhere']) {
      const response = await request(appWith(false)).get(path);
      expect(response.headers['permissions-policy']).toBe(PERMISSIONS_POLICY);
      expect(response.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['strict-transport-security']).toBeUndefined();
    }
    for (const feature of ['camera', 'microphone', 'geolocation', 'payment', 'usb']) expect(PERMISSIONS_POLICY).toContain(`${feature}=()`);
  });

  it('adds HSTS only behind https', async () => {
    const response = await request(appWith(true)).get('/api/here');
    expect(response.headers['strict-transport-security']).toMatch(/max-age=/);
  });
});

describe('notFoundHandler', () => {
  it('names the path as it was asked, with its mount point and without its query', async () => {
    const response = await request(appWith(false)).get('/api/realms/demo/client-stats?x=1');
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ error: 'not_found', message: 'No such endpoint: GET /api/realms/demo/client-stats' });
  });
});
