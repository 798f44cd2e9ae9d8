import { describe, expect, it } from 'vitest';
import { listenPortFor } from './setup-command.js';

describe('listenPortFor', () => {
  it('is the public URL\'s port for plain HTTP on this machine (a trial without a proxy)', () => {
    expect(listenPortFor(new URL('http://localhost:3456'))).toBe('3456');
    expect(listenPortFor(new URL('http://127.0.0.1:8088'))).toBe('8088');
    expect(listenPortFor(new URL('http://[::1]:3001'))).toBe('3001');
  });

  it('leaves PORT alone behind a proxy: HTTPS, another host, or no explicit port', () => {
    expect(listenPortFor(new URL('https://localhost:8443'))).toBeUndefined();
    expect(listenPortFor(new URL('http://desk.example.com:8080'))).toBeUndefined();
    expect(listenPortFor(new URL('http://localhost'))).toBeUndefined();
  });
});
