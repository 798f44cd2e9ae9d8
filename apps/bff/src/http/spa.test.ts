import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import express from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { errorHandler } from './error-handler.js';
import { spaRoutes } from './spa.js';

function builtSpa(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'sd-spa-'));
  mkdirSync(path.join(dir, 'assets'));
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><div id="root"></div>');
  writeFileSync(path.join(dir, 'assets', 'app.js'), `console.log(${JSON.stringify('x'.repeat(5000))});`);
  return dir;
}

describe('spaRoutes', () => {
  const app = express().use(spaRoutes(builtSpa())).use(errorHandler);

  it('serves assets compressed and cacheable forever', async () => {
    const response = await request(app).get('/assets/app.js').set('Accept-Encoding', 'gzip');
    expect(response.status).toBe(200);
    expect(response.headers['content-encoding']).toBe('gzip');
    expect(response.headers['cache-control']).toMatch(/immutable/);
  });

  it.each(['/assets/index-OLDBUILD.js', '/assets/app.js.map', '/assets/nested/x.css'])('answers an asset the build does not have (%s) 404 JSON, not index.html', async (asset) => {
    const response = await request(app).get(asset);
    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toMatch(/application\/json/);
    expect(response.body).toMatchObject({ error: 'not_found' });
    expect(response.text).not.toContain('id="root"');
  });

  it('answers any page with index.html, never cached', async () => {
    const response = await request(app).get('/realms/demo/sessions?q=x');
    expect(response.status).toBe(200);
    expect(response.text).toContain('id="root"');
    expect(response.headers['cache-control']).toBe('no-cache');
  });
});
