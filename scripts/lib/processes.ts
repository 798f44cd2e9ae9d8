// Child processes of the npm scripts (demo, dev, test, compat): run one to its end, or keep a few
// running until Ctrl-C and then stop all of them, and whatever they started, before exiting.
import { spawn, type ChildProcess } from 'node:child_process';

/** Runs a command with inherited output; resolves with its exit code. */
export function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/** "12.3 s" since `since` (a `performance.now()` reading). */
export function seconds(since: number): string {
  return `${((performance.now() - since) / 1000).toFixed(1)} s`;
}

/** How long stopped children get to exit after SIGTERM before their process group is killed (ms). */
const STOP_GRACE_MS = 8_000;

/**
 * Long-running children (servers, watchers) that live and die together: when one exits on its own,
 * or the script gets SIGINT/SIGTERM, every child's process group is sent SIGTERM (SIGKILL after a
 * grace period), `onStop` runs (e.g. stopping a Keycloak started for the script), and the script
 * exits. Each child leads its own process group, so the signal reaches what it started in turn
 * (npm → tsx's watcher → the server; npm → Vite).
 */
export class Supervisor {
  readonly #children: Array<{ name: string; child: ChildProcess }> = [];
  readonly #onStop: () => Promise<void>;
  #stopping = false;

  constructor(onStop: () => Promise<void> = async () => undefined) {
    this.#onStop = onStop;
    process.on('SIGINT', () => void this.stop(0));
    process.on('SIGTERM', () => void this.stop(0));
  }

  /** Starts `command args` with inherited output, in its own process group. */
  start(name: string, command: string, args: string[], env: NodeJS.ProcessEnv = {}): ChildProcess {
    const child = spawn(command, args, { stdio: 'inherit', detached: true, env: { ...process.env, ...env } });
    child.on('exit', (code) => {
      if (this.#stopping) return;
      console.error(`${name} exited (code ${code}).`);
      void this.stop(code === 0 ? 0 : 1);
    });
    this.#children.push({ name, child });
    return child;
  }

  /** Stops every child (and its group), runs `onStop`, then exits the script with `exitCode`. */
  async stop(exitCode: number): Promise<never> {
    if (!this.#stopping) {
      this.#stopping = true;
      await Promise.all(this.#children.map(({ child }) => stopGroup(child)));
      await this.#onStop();
      process.exit(exitCode);
    }
    return new Promise<never>(() => undefined);
  }
}

/** SIGTERM to the child's process group; SIGKILL if the child has not exited after the grace period. */
async function stopGroup(child: ChildProcess): Promise<void> {
  if (!child.pid || child.exitCode !== null || child.signalCode !== null) return signalGroup(child.pid, 'SIGTERM');
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  signalGroup(child.pid, 'SIGTERM');
  const timer = setTimeout(() => signalGroup(child.pid, 'SIGKILL'), STOP_GRACE_MS);
  await exited;
  clearTimeout(timer);
  // The leader may exit before the rest of its group (npm before Vite): make sure the rest goes too.
  signalGroup(child.pid, 'SIGTERM');
}

function signalGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (!pid) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is already gone.
  }
}
