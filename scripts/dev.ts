// `npm run dev`: development mode. The local Keycloak (the demo instance on :8080, demo realm and
// demo sessions), then the BFF in watch mode (tsx watch, restarts on change) on :3000 and Vite with
// hot reload on :5173, which proxies /api and /auth to the BFF. Open http://localhost:5173.
// Ctrl-C stops what this script started.
//
// Environment: PORT (the BFF's port), WEB_PORT (Vite's), KEYCLOAK_URL (use a Keycloak already
// running there as it is: nothing started, stopped or seeded; realm KEYCLOAK_REALM, default demo),
// KEYCLOAK_INSTANCE=test (reuse or start the test Keycloak on :8180, left unseeded).
import { demoRealm, ensureKeycloak, seedDemoSessions, stopKeycloak } from '@session-desk/keycloak-local';
import { run, Supervisor } from './lib/processes.ts';

const bffPort = process.env.PORT ?? '3000';
const webPort = process.env.WEB_PORT ?? '5173';
const webOrigin = `http://localhost:${webPort}`;
const realm = process.env.KEYCLOAK_REALM ?? demoRealm.realm;

async function keycloakToUse(): Promise<{ url: string; stop: () => Promise<void> }> {
  const given = process.env.KEYCLOAK_URL;
  if (given) {
    console.log(`Keycloak: using ${given} as it is (KEYCLOAK_URL)`);
    return { url: given, stop: async () => undefined };
  }
  // KEYCLOAK_INSTANCE=test reuses the test Keycloak (:8180, left unseeded: tests count its sessions).
  const instance = process.env.KEYCLOAK_INSTANCE === 'test' ? 'test' : 'demo';
  const keycloak = await ensureKeycloak(instance, { log: (line) => console.log(`[keycloak] ${line}`) });
  console.log(`Keycloak (${instance}) ready at ${keycloak.url} (log: ${keycloak.logFile})`);
  if (instance === 'demo') {
    const seeded = await seedDemoSessions({ url: keycloak.url, log: (line) => console.log(`[seed] ${line}`) });
    console.log(`Seeded ${seeded.regular} regular and ${seeded.offline} offline sessions for ${seeded.users} users`);
  }
  return {
    url: keycloak.url,
    stop: async () => {
      if (!keycloak.startedNow) return;
      console.log('Stopping Keycloak…');
      await stopKeycloak(instance);
    },
  };
}

const keycloak = await keycloakToUse();

// Both apps import the built contracts; build them once before watching.
if ((await run('npx', ['turbo', 'run', 'build', '--filter=@session-desk/contracts', '--output-logs=errors-only'])) !== 0) {
  console.error('Building the contracts failed; see above.');
  await keycloak.stop();
  process.exit(1);
}

const children = new Supervisor(keycloak.stop);
children.start('The BFF (tsx watch)', 'npm', ['run', 'dev', '-w', '@session-desk/bff'], {
  PORT: bffPort,
  // The browser talks to Vite, which forwards to the BFF: sign-in redirects come back to Vite's origin.
  PUBLIC_URL: webOrigin,
  KEYCLOAK_URL: keycloak.url,
  KEYCLOAK_REALM: realm,
  SERVE_SPA: 'false',
});
children.start('Vite', 'npm', ['run', 'dev', '-w', '@session-desk/web', '--', '--port', webPort], { BFF_URL: `http://localhost:${bffPort}` });

console.log(`
Development mode: BFF (tsx watch) on :${bffPort}, Vite (hot reload) on ${webOrigin}.
  Console:   ${webOrigin}
  Operators: ${demoRealm.operators.map((operator) => `${operator.username} / ${operator.password}`).join(', ')} (demo only)
  Keycloak:  ${keycloak.url}/admin  (admin / admin, local only)
Press Ctrl-C to stop.
`);
