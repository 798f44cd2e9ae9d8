import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { debianPostgresBinDirs, findExecutable, findPostgresBinaries, isCi, missingMessage, requirePrerequisite } from './prerequisites.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  vi.restoreAllMocks();
});

function folder(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'sd-prereq-'));
  dirs.push(dir);
  return dir;
}

/** An executable (or, with `mode` 0o644, a plain file) at dir/name. */
function program(dir: string, name: string, mode = 0o755): string {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name);
  writeFileSync(file, '#!/bin/sh\n');
  chmodSync(file, mode);
  return file;
}

describe('finding test prerequisites', () => {
  it('finds a program along a PATH string, in order, and only if executable', () => {
    const [a, b] = [folder(), folder()];
    program(a, 'redis-server', 0o644);
    const real = program(b, 'redis-server');
    expect(findExecutable('redis-server', [a, b].join(path.delimiter))).toBe(real);
    expect(findExecutable('redis-server', a)).toBeUndefined();
    expect(findExecutable('redis-server', '')).toBeUndefined();
  });

  it("finds initdb and postgres in Debian's /usr/lib/postgresql/<v>/bin, newest version first, when PATH has none", () => {
    const root = folder();
    program(path.join(root, '13', 'bin'), 'initdb');
    program(path.join(root, '13', 'bin'), 'postgres');
    program(path.join(root, '16', 'bin'), 'initdb');
    program(path.join(root, '16', 'bin'), 'postgres');
    program(path.join(root, '9.6', 'bin'), 'initdb');
    mkdirSync(path.join(root, 'not-a-version'));
    expect(debianPostgresBinDirs(root)).toEqual([path.join(root, '16', 'bin'), path.join(root, '13', 'bin'), path.join(root, '9.6', 'bin')]);
    expect(findPostgresBinaries(folder(), root)).toEqual({ initdb: path.join(root, '16', 'bin', 'initdb'), postgres: path.join(root, '16', 'bin', 'postgres') });
  });

  it('prefers the PATH, takes postgres from beside initdb, and needs both', () => {
    const root = folder();
    program(path.join(root, '16', 'bin'), 'initdb');
    program(path.join(root, '16', 'bin'), 'postgres');
    const onPath = folder();
    const initdb = program(onPath, 'initdb');
    const postgres = program(onPath, 'postgres');
    expect(findPostgresBinaries(onPath, root)).toEqual({ initdb, postgres });

    const emptyRoot = folder();
    const halfInstalled = folder();
    program(halfInstalled, 'initdb');
    expect(findPostgresBinaries(halfInstalled, emptyRoot)).toBeUndefined();
    program(path.join(emptyRoot, '15', 'bin'), 'initdb');
    expect(findPostgresBinaries('', emptyRoot)).toBeUndefined();
    expect(findPostgresBinaries('', path.join(emptyRoot, 'missing'))).toBeUndefined();
  });
});

describe('requiring test prerequisites', () => {
  const redis = { suite: 'the Redis fault tests', missing: 'redis-server', install: 'apt-get install redis-server' };

  it('runs the suite when the prerequisite is there, CI or not', () => {
    expect(requirePrerequisite(true, redis, true)).toBe(true);
    expect(requirePrerequisite(true, redis, false)).toBe(true);
  });

  it('fails under CI with a message naming the suite, the program and the fix; never skips', () => {
    expect(() => requirePrerequisite(false, redis, true)).toThrow(
      'the Redis fault tests: redis-server not found (install it: apt-get install redis-server). Under CI=true this suite is required and never skips.',
    );
    expect(missingMessage(redis)).toMatch(/^the Redis fault tests: redis-server not found/);
  });

  it('skips with a warning outside CI', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(requirePrerequisite(false, redis, false)).toBe(false);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('redis-server not found'));
  });

  it('reads CI the way CI services set it', () => {
    expect(isCi('true')).toBe(true);
    expect(isCi('1')).toBe(true);
    expect(isCi(undefined)).toBe(false);
    expect(isCi('')).toBe(false);
    expect(isCi('0')).toBe(false);
    expect(isCi('false')).toBe(false);
    expect(isCi('FALSE')).toBe(false);
  });
});
