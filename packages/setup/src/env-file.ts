import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Variables setup writes; other lines of an existing file are kept as they are. */
export type EnvValues = Record<string, string>;

const LINE = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/;

function unquote(raw: string): string {
  const value = raw.trim();
  if ((value.startsWith('"') && value.endsWith('"')) || (value.startsWith("'") && value.endsWith("'"))) return value.slice(1, -1);
  return value;
}

/** The `KEY=value` pairs of a dotenv-style file (comments and blank lines skipped). */
export function parseEnvFile(text: string): EnvValues {
  const values: EnvValues = {};
  for (const line of text.split(/\r?\n/)) {
    const match = LINE.exec(line);
    if (match?.[1] && match[2] !== undefined) values[match[1]] = unquote(match[2]);
  }
  return values;
}

/** A value safe for both Node's `--env-file` and systemd's `EnvironmentFile=` (both accept double quotes). */
function formatValue(value: string): string {
  if (/^[A-Za-z0-9_./:,@+-]*$/.test(value)) return value;
  if (/["\\\n]/.test(value)) throw new Error(`value ${JSON.stringify(value)} cannot be written to an env file`);
  return `"${value}"`;
}

/**
 * The env file's new text: `values` replace the same keys in `previous` in place, new keys are appended
 * after a header. Everything else in `previous` (comments, other variables) is kept.
 */
export function mergeEnvFile(previous: string | undefined, values: EnvValues, header: string): string {
  const pending = new Map(Object.entries(values));
  const lines = (previous ?? '').split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  const out = lines.map((line) => {
    const name = LINE.exec(line)?.[1];
    if (!name || !pending.has(name)) return line;
    const value = pending.get(name) as string;
    pending.delete(name);
    return `${name}=${formatValue(value)}`;
  });
  if (pending.size > 0) {
    if (out.length === 0) out.push(...header.split('\n').map((line) => `# ${line}`));
    for (const [name, value] of pending) out.push(`${name}=${formatValue(value)}`);
  }
  return `${out.join('\n')}\n`;
}

export interface EnvFileWrite {
  path: string;
  /** False when the file already held exactly this content (its mode is still set to 0600). */
  changed: boolean;
}

/** Reads an env file if it exists. */
export function readEnvFile(file: string): { text: string | undefined; values: EnvValues } {
  if (!existsSync(file)) return { text: undefined, values: {} };
  const text = readFileSync(file, 'utf8');
  return { text, values: parseEnvFile(text) };
}

/** Writes `text` to `file` atomically with mode 0600 (owner read/write only). */
export function writeEnvFile(file: string, text: string): EnvFileWrite {
  const absolute = path.resolve(file);
  const previous = existsSync(absolute) ? readFileSync(absolute, 'utf8') : undefined;
  if (previous === text) {
    chmodSync(absolute, 0o600);
    return { path: absolute, changed: false };
  }
  const temporary = `${absolute}.${process.pid}.tmp`;
  writeFileSync(temporary, text, { mode: 0o600 });
  chmodSync(temporary, 0o600);
  renameSync(temporary, absolute);
  return { path: absolute, changed: true };
}
