// IP location's cost to the BFF: bench/ip-location.ts run in a fresh Node process (its own heap,
// --expose-gc), so the memory it reports is the databases' alone and not this process's.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { root } from '../lib/context.ts';

/** What bench/ip-location.ts prints (and writes to bench/results/ip-location.json). */
export interface IpLocationCost {
  /** Time to load and index both databases, ms. */
  loadMs: number;
  /** Growth of the process's memory from loading them, MiB. */
  memory: { rssMiB: number; heapMiB: number; arrayBuffersMiB: number };
  /** µs per lookup: distinct IPv4 and IPv6 addresses (looked up in the databases), and repeated ones (answered from memory). */
  lookupUs: { ipv4Distinct: number; ipv6Distinct: number; repeated: number };
  databases: { country: { package: string; version: string } | null; network: { package: string; version: string } | null };
}

const isCost = (value: unknown): value is IpLocationCost =>
  typeof value === 'object' && value !== null && 'lookupUs' in value && 'memory' in value && 'loadMs' in value;

/** Runs bench/ip-location.ts with tsx in a child process; rejects with its output when it fails. */
export function measureIpLocationCost(): Promise<IpLocationCost> {
  const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
  return new Promise((resolve, reject) => {
    const child = spawn(tsx, ['--expose-gc', path.join(root, 'bench', 'ip-location.ts')], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`bench/ip-location.ts exited with ${code}:\n${stderr || stdout}`));
      try {
        const parsed: unknown = JSON.parse(stdout);
        if (!isCost(parsed)) throw new Error('it printed no lookupUs, memory and loadMs');
        resolve(parsed);
      } catch (err) {
        reject(new Error(`bench/ip-location.ts printed something unexpected (${err instanceof Error ? err.message : String(err)}):\n${stdout}`));
      }
    });
  });
}
