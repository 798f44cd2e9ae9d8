// npm run bench:ip-location: what IP location costs the BFF. Loads the shipped databases the way the
// BFF does (apps/bff/src/geo), then times lookups of distinct public addresses (each looked up in the
// databases) and of repeated ones (answered from the per-address memory), and the memory held.
// Writes bench/results/ip-location.json. Run with --expose-gc for exact heap figures.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadIpLocator } from '../apps/bff/src/geo/load-ip-locator.ts';

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const mib = (bytes: number) => Math.round((bytes / 1_048_576) * 10) / 10;

function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

gc();
const before = process.memoryUsage();
const loadStarted = performance.now();
const locator = loadIpLocator();
const loadMs = performance.now() - loadStarted;
gc();
const after = process.memoryUsage();

const next = random(15);
const octet = () => Math.floor(next() * 256);
const v4 = Array.from({ length: 100_000 }, () => `${1 + Math.floor(next() * 222)}.${octet()}.${octet()}.${1 + Math.floor(next() * 254)}`);
const v6 = Array.from({ length: 20_000 }, () => `2a0${Math.floor(next() * 10)}:${Math.floor(next() * 0xffff).toString(16)}:${Math.floor(next() * 0xffff).toString(16)}::${Math.floor(next() * 0xffff).toString(16)}`);

function perLookupUs(addresses: readonly string[]): number {
  const started = performance.now();
  let located = 0;
  for (const address of addresses) if (locator.locate(address).country) located += 1;
  if (located === 0) throw new Error('no address was located: the databases did not load');
  return ((performance.now() - started) * 1000) / addresses.length;
}

const result = {
  loadMs: Math.round(loadMs),
  memory: { rssMiB: mib(after.rss - before.rss), heapMiB: mib(after.heapUsed - before.heapUsed), arrayBuffersMiB: mib(after.arrayBuffers - before.arrayBuffers) },
  lookupUs: {
    ipv4Distinct: Math.round(perLookupUs(v4) * 100) / 100,
    ipv6Distinct: Math.round(perLookupUs(v6) * 100) / 100,
    repeated: Math.round(perLookupUs(v4.slice(-20_000)) * 100) / 100,
  },
  databases: locator.info,
  measuredAt: new Date().toISOString(),
};
console.log(JSON.stringify(result, null, 2));
const out = path.join(import.meta.dirname, 'results', 'ip-location.json');
mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
