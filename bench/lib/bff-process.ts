import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

export interface BffOptions {
  root: string;
  port: number;
  env: Record<string, string>;
  log: (line: string) => void;
  /** METRICS_PORT of the BFF (127.0.0.1 only), so the bench can read its counters; 0 turns /metrics off. */
  metricsPort?: number;
}

export interface Memory {
  rssMiB: number;
  hwmMiB: number;
}

/** The BFF as a child process (`node apps/bff/dist/server.js`), its stderr/stdout kept for error reports. */
export class BffProcess {
  readonly url: string;
  /** `http://127.0.0.1:<METRICS_PORT>/metrics`, or undefined when metrics are off. */
  metricsUrl: string | undefined;
  readonly #child: ChildProcess;
  #output = '';
  #exited: Promise<number | null>;

  private constructor(child: ChildProcess, url: string) {
    this.#child = child;
    this.url = url;
    const keep = (chunk: Buffer) => {
      this.#output = (this.#output + chunk.toString()).slice(-20_000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.#exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  }

  static async start(options: BffOptions): Promise<BffProcess> {
    const url = `http://localhost:${options.port}`;
    // As `npm start` and docs/session-desk.service run it (the young generation's size and two malloc arenas, see
    // bench/README.md "Memory").
    const child = spawn(process.execPath, ['--max-semi-space-size=4', 'apps/bff/dist/server.js'], {
      cwd: options.root,
      env: { ...process.env, MALLOC_ARENA_MAX: '2', ...options.env, PORT: String(options.port), PUBLIC_URL: url, METRICS_PORT: String(options.metricsPort ?? 0) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const bff = new BffProcess(child, url);
    bff.metricsUrl = options.metricsPort ? `http://127.0.0.1:${options.metricsPort}/metrics` : undefined;
    const deadline = performance.now() + 30_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`The BFF exited with code ${child.exitCode} while starting:\n${bff.output}`);
      try {
        const response = await fetch(`${url}/healthz`);
        await response.body?.cancel();
        if (response.ok) return bff;
      } catch {
        // not listening yet
      }
      if (performance.now() > deadline) {
        await bff.stop();
        throw new Error(`The BFF did not answer ${url}/healthz within 30 s:\n${bff.output}`);
      }
      await sleep(100);
    }
  }

  get pid(): number {
    return this.#child.pid ?? -1;
  }

  get output(): string {
    return this.#output;
  }

  /** VmRSS and VmHWM (peak resident set) of the BFF process, from /proc. */
  memory(): Memory | undefined {
    try {
      const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
      const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
      return { rssMiB: kib('VmRSS') / 1024, hwmMiB: kib('VmHWM') / 1024 };
    } catch {
      return undefined;
    }
  }

  async stop(): Promise<void> {
    if (this.#child.exitCode !== null || this.#child.signalCode !== null) return;
    this.#child.kill('SIGTERM');
    const code = await Promise.race([this.#exited, sleep(6_000).then(() => 'timeout' as const)]);
    if (code === 'timeout') {
      this.#child.kill('SIGKILL');
      await this.#exited;
    }
  }
}
