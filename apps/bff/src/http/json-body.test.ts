import express from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { errorHandler } from './error-handler.js';
import { jsonBody } from './json-body.js';

const app = express();
app.post('/echo', ...jsonBody(1024), (req, res) => {
  res.json({ got: req.body as unknown });
});
app.use(errorHandler);

// superagent would JSON-serialise a Buffer sent as application/json ({"type":"Buffer",…}): bytes go out as they are.
const post = (contentType: string, body: string | Buffer) =>
  request(app)
    .post('/echo')
    .set('content-type', contentType)
    .serialize((raw: unknown) => raw as string)
    .send(body);

describe('jsonBody', () => {
  it.each(['application/json', 'application/json; charset=utf-8', 'application/json; charset=UTF-8', 'application/json;charset="utf-8"'])(
    'reads UTF-8 JSON declared as %s',
    async (contentType) => {
      const response = await post(contentType, '{"reason":"naïve ✓"}');
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ got: { reason: 'naïve ✓' } });
    },
  );

  it.each([
    ['application/json; charset=utf-16', Buffer.from('{"reason":"x"}', 'utf8')],
    ['application/json; charset=UTF-16LE', Buffer.from('{"reason":"x"}', 'utf16le')],
    ['application/json; charset="utf-32"', Buffer.from('{"reason":"x"}', 'utf8')],
    ['application/json; charset=latin1', Buffer.from('{"reason":"x"}', 'latin1')],
    ['application/json; charset=', Buffer.from('{"reason":"x"}', 'utf8')],
    ['application/json; charset=utf8', Buffer.from('{"reason":"x"}', 'utf8')],
    ['application/json; charset=utf-8; charset=latin1', Buffer.from('{"reason":"x"}', 'latin1')],
    ['application/json; charset=utf-8; charset=utf-8', Buffer.from('{"reason":"x"}', 'utf8')],
  ])('answers 415 with a JSON error to a body declared as %s, and does not read it', async (contentType, body) => {
    const response = await post(contentType, body);
    expect(response.status).toBe(415);
    expect(response.body).toMatchObject({ error: 'unsupported_media_type' });
    expect(response.body.message).toMatch(/UTF-8|JSON/);
  });

  it.each([
    ['a lone continuation byte', Buffer.from([0x7b, 0x22, 0x72, 0x22, 0x3a, 0x22, 0x80, 0x22, 0x7d])],
    ['a truncated two-byte sequence', Buffer.concat([Buffer.from('{"reason":"caf'), Buffer.from([0xc3]), Buffer.from('"}')])],
    ['an overlong encoding of "/"', Buffer.concat([Buffer.from('{"reason":"'), Buffer.from([0xc0, 0xaf]), Buffer.from('"}')])],
    ['a UTF-16 surrogate encoded as UTF-8', Buffer.concat([Buffer.from('{"reason":"'), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('"}')])],
  ])('answers 400 invalid_utf8 to a body with %s instead of reading it with U+FFFD in its place', async (_case, body) => {
    const response = await post('application/json', body);
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: 'invalid_utf8', message: 'The request body is not valid UTF-8.' });
  });

  it.each([['null'], ['"a reason"'], ['123'], ['true']])('answers 400 "must be a JSON object" to the JSON value %s, which is JSON of the wrong shape', async (body) => {
    const response = await post('application/json', body);
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: 'bad_request', message: 'The request body must be a JSON object.' });
  });

  it.each([['{"reason":'], ['{reason: 1}'], ['nul']])('answers 400 "not valid JSON" to %s', async (body) => {
    const response = await post('application/json', body);
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: 'bad_request', message: 'The request body is not valid JSON.' });
  });

  it('answers 415 to a body that is not JSON at all', async () => {
    const response = await post('text/plain', '{"reason":"x"}');
    expect(response.status).toBe(415);
    expect(response.body).toMatchObject({ error: 'unsupported_media_type' });
  });
});
