// `npm run dev`: development mode. The local Keycloak (the demo instance on :8080, demo realm and
// demo sessions), then the BFF in watch mode (tsx watch, restarts on change) on :3000 and Vite with
// hot reload on :5173, which proxies /api and /auth to the BFF. Open http://localhost:5173.
// Ctrl-C stops what this script started.
import { spawn, type ChildProcess } from 'node:child_process';
import { demoRealm, ensureKeycloak, seedDemoSessions, stopKeycloak } from '@session-desk/keycloak-local';
import { run } from './run.ts';

const bffPort = process.env.PORT ?? '3000';
const webOrigin = 'http://localhost:5173';

// KEYCLOAK_INSTANCE=test reuses the test Keycloak (:8180, left unseeded: tests count its sessions).
const instance = process.env.KEYCLOAK_INSTANCE === 'test' ? 'test' : 'demo';
const keycloak = await ensureKeycloak(instance, { log: (line) => console.log(`[keycloak] ${line}`) });
console.log(`Keycloak (${instance}) ready at ${keycloak.url} (log: ${keycloak.logFile})`);
if (instance === 'demo') {
  const seeded = await seedDemoSessions({ url: keycloak.url, log: (line) => console.log(`[seed] ${line}`) });
  console.log(`Seeded ${seeded.regular} regular and ${seeded.offline} offline sessions for ${seeded.users} users`);
}

// Both apps import the built contracts; build them (and keycloak-local) once before watching.
if ((await run('npx', ['turbo', 'run', 'build', '--filter=@session-desk/contracts', '--output-logs=errors-only'])) !== 0) {
  console.error('Building the contracts failed; see above.');
  process.exit(1);
}

const children: ChildProcess[] = [];
function start(name: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  // Its own process group, so stopping reaches what npm started (tsx's watcher and server, Vite).
  const child = spawn('npm', args, { stdio: 'inherit', detached: true, env: { ...process.env, ...env } });
  child.on('exit', (code) => {
    if (!stopping) {
      console.error(`${name} exited (code ${code}).`);
      void stop();
    }
  });
  children.push(child);
  return child;
}

start('The BFF (tsx watch)', ['run', 'dev', '-w', '@session-desk/bff'], {
  PORT: bffPort,
  // The browser talks to Vite, which forwards to the BFF: sign-in redirects come back to Vite's origin.
  PUBLIC_URL: webOrigin,
  KEYCLOAK_URL: keycloak.url,
  KEYCLOAK_REALM: demoRealm.realm,
  SERVE_SPA: 'false',
});
start('Vite', ['run', 'dev', '-w', '@session-desk/web'], { BFF_URL: `http://localhost:${bffPort}` });

console.log(`
Development mode: BFF (tsx watch) on :${bffPort}, Vite (hot reload) on ${webOrigin}.
  Console:   ${webOrigin}
  Operators: ${demoRealm.operators.map((operator) => `${operator.username} / ${operator.password}`).join(', ')} (demo only)
  Keycloak:  ${keycloak.url}/admin  (admin / admin, local only)
Press Ctrl-C to stop.
`);

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  for (const child of children) {
    try {
      if (child.pid) process.kill(-child.pid, 'SIGTERM');
    } catch {
      // Already gone.
    }
  }
  if (keycloak.startedNow) {
    console.log('Stopping Keycloak…');
    await stopKeycloak(instance);
  }
  process.exit(0);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
