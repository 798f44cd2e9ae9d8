import { spawn } from 'node:child_process';
import { appendFileSync } from 'node:fs';

export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Everything the command prints is appended here, so a failure can be investigated later. */
  logFile?: string;
}

const TAIL_LINES = 20;

export function runCommand(command: string, args: readonly string[], options: RunOptions = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: string[] = [];
    const collect = (chunk: Buffer): void => {
      const text = chunk.toString('utf8');
      chunks.push(text);
      if (options.logFile) appendFileSync(options.logFile, text);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code === 0) return resolve();
      const tail = chunks.join('').split(/\r?\n/).filter((l) => l.trim() !== '').slice(-TAIL_LINES);
      const where = options.logFile ? ` (full output in ${options.logFile})` : '';
      reject(
        new Error(
          `\`${[command, ...args].join(' ')}\` failed with ${signal ?? `exit code ${code}`}${where}:\n${tail.map((l) => `  | ${l}`).join('\n')}`,
        ),
      );
    });
  });
}
