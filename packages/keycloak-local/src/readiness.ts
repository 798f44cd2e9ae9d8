import { setTimeout as sleep } from 'node:timers/promises';
import { demoRealm } from './demo-realm.ts';
import type { InstanceConfig } from './instance-config.ts';
import { quoteTail } from './log-tail.ts';
import { isProcessGroupAlive } from './processes.ts';

const POLL_MS = 500;

async function httpStatus(url: string): Promise<number | undefined> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(3000) });
    await response.body?.cancel();
    return response.status;
  } catch {
    return undefined;
  }
}

export function realmDiscoveryUrl(config: InstanceConfig, realm = demoRealm.realm): string {
  return `${config.url}/realms/${realm}/.well-known/openid-configuration`;
}

/** Ready means the server says so AND the imported demo realm is served. */
export async function isReady(config: InstanceConfig): Promise<boolean> {
  const health = await httpStatus(`${config.managementUrl}/health/ready`);
  if (health !== 200) return false;
  return (await httpStatus(realmDiscoveryUrl(config))) === 200;
}

export interface WaitOptions {
  config: InstanceConfig;
  pid: number;
  logFile: string;
  timeoutMs: number;
}

export async function waitUntilReady({ config, pid, logFile, timeoutMs }: WaitOptions): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await isReady(config)) return;
    if (!isProcessGroupAlive(pid)) {
      throw new Error(`The ${config.name} Keycloak (pid ${pid}) exited before it became ready.\n${quoteTail(logFile)}`);
    }
    if (Date.now() > deadline) {
      throw new Error(
        `The ${config.name} Keycloak (pid ${pid}) did not serve ${realmDiscoveryUrl(config)} within ${Math.round(timeoutMs / 1000)} s.\n${quoteTail(logFile)}`,
      );
    }
    await sleep(POLL_MS);
  }
}
