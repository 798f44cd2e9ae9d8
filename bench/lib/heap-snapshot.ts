// Heap snapshots of a running BFF (started with --heapsnapshot-signal=SIGUSR2 --diagnostic-dir=DIR) and
// what grew between two of them, by constructor: the soak's answer to "RSS grew, so what is in the heap".
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** The Node options that let `takeHeapSnapshot` ask a process for a snapshot written into `dir`. */
export const heapSnapshotOptions = (dir: string) => `--heapsnapshot-signal=SIGUSR2 --diagnostic-dir=${dir}`;

interface RawSnapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

/** Objects of one kind in a heap: `type:name` (e.g. `object:SessionRow`, `string:(string)`), how many, their own bytes. */
export interface HeapGroup {
  group: string;
  count: number;
  selfBytes: number;
}

/**
 * Asks process `pid` for a heap snapshot (SIGUSR2), waits until Node has written it into `dir`
 * (a new `.heapsnapshot` file whose size stayed the same for 1 s; at most `timeoutMs`), and answers
 * its self size per `type:name`. The file is deleted after reading. Throws on timeout.
 */
export async function takeHeapSnapshot(pid: number, dir: string, timeoutMs = 120_000): Promise<Map<string, HeapGroup>> {
  const before = new Set(readdirSync(dir));
  process.kill(pid, 'SIGUSR2');
  const deadline = Date.now() + timeoutMs;
  let file: string | undefined;
  let lastSize = -1;
  let stableSince = Date.now();
  while (Date.now() < deadline) {
    await sleep(250);
    file ??= readdirSync(dir).find((name) => name.endsWith('.heapsnapshot') && !before.has(name));
    if (!file) continue;
    const size = statSync(path.join(dir, file)).size;
    if (size !== lastSize) {
      lastSize = size;
      stableSince = Date.now();
    } else if (size > 0 && Date.now() - stableSince >= 1_000) {
      const full = path.join(dir, file);
      let raw: RawSnapshot;
      try {
        raw = JSON.parse(readFileSync(full, 'utf8')) as RawSnapshot;
      } catch {
        // Still being written (a pause longer than a second): read it again later.
        stableSince = Date.now();
        continue;
      }
      rmSync(full, { force: true });
      return groupHeap(raw);
    }
  }
  throw new Error(`process ${pid} wrote no complete heap snapshot into ${dir} within ${timeoutMs} ms`);
}

/** Self bytes and counts per `type:name` of a parsed V8 heap snapshot (format of `v8.writeHeapSnapshot`). */
export function groupHeap(raw: RawSnapshot): Map<string, HeapGroup> {
  const fields = raw.snapshot.meta.node_fields;
  const types = raw.snapshot.meta.node_types[0];
  const stride = fields.length;
  const typeAt = fields.indexOf('type');
  const nameAt = fields.indexOf('name');
  const sizeAt = fields.indexOf('self_size');
  const groups = new Map<string, HeapGroup>();
  for (let i = 0; i < raw.nodes.length; i += stride) {
    const type = types[raw.nodes[i + typeAt] ?? 0] ?? '?';
    // Strings and numbers are named by their content: one group each, not one per value.
    const name = type === 'string' || type === 'concatenated string' || type === 'sliced string' || type === 'number' ? `(${type})` : (raw.strings[raw.nodes[i + nameAt] ?? 0] ?? '?');
    const key = `${type}:${name}`;
    const group = groups.get(key) ?? { group: key, count: 0, selfBytes: 0 };
    group.count += 1;
    group.selfBytes += raw.nodes[i + sizeAt] ?? 0;
    groups.set(key, group);
  }
  return groups;
}

/** The `top` groups that grew most in bytes from `before` to `after`, with both sides' figures (MiB, 2 decimals). */
export function heapGrowth(before: Map<string, HeapGroup>, after: Map<string, HeapGroup>, top = 15) {
  const mib = (bytes: number) => Math.round((bytes / 1_048_576) * 100) / 100;
  const total = (groups: Map<string, HeapGroup>) => [...groups.values()].reduce((sum, g) => sum + g.selfBytes, 0);
  const rows = [...new Set([...before.keys(), ...after.keys()])].map((key) => {
    const a = before.get(key);
    const b = after.get(key);
    return { group: key, countBefore: a?.count ?? 0, countAfter: b?.count ?? 0, mibBefore: mib(a?.selfBytes ?? 0), mibAfter: mib(b?.selfBytes ?? 0), growthBytes: (b?.selfBytes ?? 0) - (a?.selfBytes ?? 0) };
  });
  rows.sort((x, y) => y.growthBytes - x.growthBytes);
  return {
    heapMiBBefore: mib(total(before)),
    heapMiBAfter: mib(total(after)),
    grew: rows.slice(0, top).map(({ growthBytes, ...row }) => ({ ...row, growthMiB: mib(growthBytes) })),
  };
}
