import { setTimeout as sleep } from 'node:timers/promises';
import { isProcessGroupAlive, signalProcessGroup } from './processes.ts';

const POLL_MS = 200;

/** SIGTERM lets Keycloak shut down cleanly; SIGKILL only after the grace period. Returns how it ended. */
export async function terminateProcessGroup(pgid: number, graceMs = 30_000): Promise<'terminated' | 'killed' | 'gone'> {
  if (!isProcessGroupAlive(pgid)) return 'gone';
  signalProcessGroup(pgid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    if (!isProcessGroupAlive(pgid)) return 'terminated';
    await sleep(POLL_MS);
  }
  signalProcessGroup(pgid, 'SIGKILL');
  // Bounded: an unreaped zombie still answers signal 0 but is harmless.
  const killDeadline = Date.now() + 5000;
  while (isProcessGroupAlive(pgid) && Date.now() < killDeadline) await sleep(POLL_MS);
  return 'killed';
}
