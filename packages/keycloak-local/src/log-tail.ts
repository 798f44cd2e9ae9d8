import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

export function tailLines(file: string, lines = 25, maxBytes = 32 * 1024): string[] {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return [];
  }
  try {
    const size = fstatSync(fd).size;
    const length = Math.min(size, maxBytes);
    const buffer = Buffer.alloc(length);
    readSync(fd, buffer, 0, length, size - length);
    return buffer.toString('utf8').split(/\r?\n/).filter((l) => l.trim() !== '').slice(-lines);
  } finally {
    closeSync(fd);
  }
}

export function quoteTail(file: string, lines = 25): string {
  const tail = tailLines(file, lines);
  if (tail.length === 0) return `(log ${file} is empty)`;
  return [`Last lines of ${file}:`, ...tail.map((l) => `  | ${l}`)].join('\n');
}
