// npm run bench:profile: where a BFF's CPU goes while operators page the large realm's sessions.
// Starts the bench's Keycloak (seeded as `npm run bench` does), one BFF under `node --cpu-prof`,
// warms its snapshot, then pages from --operators operators for --load-seconds; the BFF is stopped
// so Node writes the profile, and the self time is summed per package and per function.
// Writes bench/results/profile-page.json and the .cpuprofile (open it in Chrome DevTools).
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { benchKeycloak } from './lib/bench-keycloak.ts';
import { seedLargeRealm } from '@session-desk/keycloak-local';
import { FIRST_PAGE, LOAD_SECONDS, OPERATOR, OPERATORS, SESSIONS, cleanUp, listPath, log, startBff, stopBff } from './lib/context.ts';
import { signIn } from './lib/operator.ts';
import { pageFor } from './lib/paging.ts';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Where a script lives: its npm package, the BFF's own module, or Node's internals. */
function ownerOf(url: string): string {
  if (!url) return '(native or idle)';
  if (url.startsWith('node:')) return 'node internals';
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const rest = url.slice(modules + 'node_modules/'.length).split('/');
    return rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1]}` : (rest[0] ?? url);
  }
  const bff = url.indexOf('apps/bff/dist/');
  return bff >= 0 ? `bff: ${url.slice(bff + 'apps/bff/dist/'.length)}` : url;
}

/** Self time (ms) per owner and per function, largest first; idle and GC apart. */
function summarise(profile: CpuProfile, top: number) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const owners = new Map<string, number>();
  const functions = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    if (!node || node.callFrame.functionName === '(idle)') return;
    total += ms;
    const owner = ownerOf(node.callFrame.url);
    owners.set(owner, (owners.get(owner) ?? 0) + ms);
    const name = `${node.callFrame.functionName || '(anonymous)'} ${owner}:${node.callFrame.lineNumber + 1}`;
    functions.set(name, (functions.get(name) ?? 0) + ms);
  });
  const ranked = (map: Map<string, number>) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, ms]) => ({ name, ms: Math.round(ms), share: Math.round((ms / total) * 1000) / 10 }));
  return { busyMs: Math.round(total), byOwner: ranked(owners), byFunction: ranked(functions) };
}

try {
  const kc = await benchKeycloak();
  await seedLargeRealm({ url: kc.url, sessions: SESSIONS, log: (line) => log(`seed: ${line}`) });
  const profileDir = mkdtempSync(path.join(tmpdir(), 'sd-profile-'));
  const bff = await startBff(kc, mkdtempSync(path.join(tmpdir(), 'sd-profile-data-')), { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${profileDir}` });
  const operators = await Promise.all(Array.from({ length: OPERATORS }, () => signIn(bff.url, OPERATOR.username, OPERATOR.password)));
  await Promise.all(operators.map((operator) => operator.get(listPath(FIRST_PAGE))));
  log(`profiling: ${OPERATORS} operators page for ${LOAD_SECONDS} s…`);
  const requests = await pageFor(operators, LOAD_SECONDS);
  await stopBff();
  const file = readdirSync(profileDir).find((name) => name.endsWith('.cpuprofile'));
  if (!file) throw new Error(`The BFF wrote no profile into ${profileDir}.`);
  const profile = JSON.parse(readFileSync(path.join(profileDir, file), 'utf8')) as CpuProfile;
  const summary = summarise(profile, 25);
  const result = { at: new Date().toISOString(), requests, seconds: LOAD_SECONDS, operators: OPERATORS, cpuMsPerRequest: Math.round((summary.busyMs / requests) * 100) / 100, ...summary, profile: path.join(profileDir, file) };
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/profile-page.json', `${JSON.stringify(result, null, 2)}\n`);
  console.log(JSON.stringify({ ...result, byFunction: result.byFunction.slice(0, 15) }, null, 2));
} finally {
  await cleanUp();
}
