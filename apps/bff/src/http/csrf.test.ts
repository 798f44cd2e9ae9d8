import express from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { csrfProtection } from './csrf.js';
import { errorHandler } from './error-handler.js';

function app() {
  const server = express();
  let changed = 0;
  server.use(csrfProtection('http://localhost:3000'));
  server.post('/change', (_req, res) => {
    changed += 1;
    res.json({ changed });
  });
  server.get('/read', (_req, res) => res.json({ ok: true }));
  server.use(errorHandler);
  return { server, changes: () => changed };
}

describe('csrfProtection', () => {
  it('refuses a state-changing request without the header and changes nothing', async () => {
    const { server, changes } = app();
    const response = await request(server).post('/change');
    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({ error: 'csrf_rejected' });
    expect(changes()).toBe(0);
  });

  it('lets a same-origin request with the header through', async () => {
    const { server, changes } = app();
    const response = await request(server).post('/change').set('X-CSRF', '1').set('Origin', 'http://localhost:3000');
    expect(response.status).toBe(200);
    expect(changes()).toBe(1);
  });

  it('refuses a cross-site request even with the header', async () => {
    const { server, changes } = app();
    expect((await request(server).post('/change').set('X-CSRF', '1').set('Origin', 'https://evil.example')).status).toBe(403);
    expect((await request(server).post('/change').set('X-CSRF', '1').set('Sec-Fetch-Site', 'cross-site')).status).toBe(403);
    expect((await request(server).post('/change').set('X-CSRF', '1').set('Origin', 'null')).status).toBe(403);
    expect(changes()).toBe(0);
  });

  it('leaves reads alone', async () => {
    const { server } = app();
    expect((await request(server).get('/read')).status).toBe(200);
  });
});
