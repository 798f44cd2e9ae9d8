import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mergeEnvFile, parseEnvFile, writeEnvFile } from './env-file.js';

describe('env file', () => {
  it('replaces its own keys in place and keeps everything else', () => {
    const previous = '# mine\nTRUST_PROXY=loopback\nKEYCLOAK_REALM=old\nexport LOG_LEVEL="debug"\n';
    const text = mergeEnvFile(previous, { KEYCLOAK_REALM: 'acme', PUBLIC_URL: 'https://desk.example.com' }, 'header');
    expect(text).toBe('# mine\nTRUST_PROXY=loopback\nKEYCLOAK_REALM=acme\nexport LOG_LEVEL="debug"\nPUBLIC_URL=https://desk.example.com\n');
    expect(parseEnvFile(text)).toEqual({ TRUST_PROXY: 'loopback', KEYCLOAK_REALM: 'acme', LOG_LEVEL: 'debug', PUBLIC_URL: 'https://desk.example.com' });
  });

  it('starts a new file with the header and quotes values that need it', () => {
    const text = mergeEnvFile(undefined, { A: 'plain', B: 'has space' }, 'line one\nline two');
    expect(text).toBe('# line one\n# line two\nA=plain\nB="has space"\n');
    expect(parseEnvFile(text)['B']).toBe('has space');
  });

  it('writes with mode 0600, also over a file that was world-readable, and says when nothing changed', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'sd-env-')), 'desk.env');
    writeFileSync(file, 'OLD=1\n', { mode: 0o644 });
    expect(writeEnvFile(file, 'A=1\n').changed).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toBe('A=1\n');
    expect(writeEnvFile(file, 'A=1\n').changed).toBe(false);
  });
});
