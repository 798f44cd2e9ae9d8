// `npm run demo`: the local Keycloak with the demo realm and live demo sessions, then the BFF
// serving the built SPA at http://localhost:3000. Ctrl-C stops what this script started.
import { demoRealm, ensureKeycloak, pointConsoleClient, seedDemoSessions, stopKeycloak } from '@session-desk/keycloak-local';
import { run, seconds, Supervisor } from './lib/processes.ts';

const port = process.env.PORT ?? '3000';
const since = performance.now();

const keycloak = await ensureKeycloak('demo', { log: (line) => console.log(`[keycloak] ${line}`) });
console.log(`Keycloak ready at ${keycloak.url} in ${keycloak.startSeconds.toFixed(1)} s (log: ${keycloak.logFile})`);

// The realm file names fixed ports; Keycloak must send this PORT's operators back here after sign-in and
// sign-out, and post this console's logout tokens here.
const consoleUrl = `http://localhost:${port}`;
const { added } = await pointConsoleClient({ url: keycloak.url, consoleUrl });
console.log(`Back-channel logout of client ${demoRealm.bff.clientId} points at ${consoleUrl}/auth/backchannel-logout`);
if (added.length > 0) console.log(`Added to client ${demoRealm.bff.clientId}: ${added.join(', ')}`);

const seeded = await seedDemoSessions({ url: keycloak.url, log: (line) => console.log(`[seed] ${line}`) });
console.log(`Seeded ${seeded.regular} regular and ${seeded.offline} offline sessions for ${seeded.users} users in ${seeded.seconds.toFixed(1)} s`);

if ((await run('npx', ['turbo', 'run', 'build', '--output-logs=errors-only'])) !== 0) {
  console.error('The build failed; see above.');
  process.exit(1);
}

const children = new Supervisor(async () => {
  if (!keycloak.startedNow) return;
  console.log('Stopping Keycloak…');
  await stopKeycloak('demo');
});
// Demo only: Keycloak cannot backdate a session, so on a fresh demo nothing is days old. The
// time-based rules of the sessions of concern run with thresholds of minutes here, so the page shows
// them at work (every session turns "old" two minutes after the seed); an admin can change them in the console.
const DEMO_CONCERN_DEFAULTS = { 'idle-offline': { enabled: true, idleMinutes: 2 }, 'old-session': { enabled: true, maxAgeMinutes: 2 } };
children.start('The BFF', process.execPath, ['--max-semi-space-size=4', 'apps/bff/dist/server.js'], {
  PORT: port,
  // As `npm start` runs it: two malloc arenas, not eight per core (bench/README.md, "Memory").
  MALLOC_ARENA_MAX: '2',
  KEYCLOAK_URL: keycloak.url,
  KEYCLOAK_REALM: demoRealm.realm,
  CONCERN_DEFAULTS: process.env.CONCERN_DEFAULTS ?? JSON.stringify(DEMO_CONCERN_DEFAULTS),
});

const operatorLines = demoRealm.operators.map((operator) => `    ${operator.username.padEnd(16)} password ${operator.password.padEnd(16)} (${operator.role})`);
console.log(`
Session Desk is starting (${seconds(since)} so far); a line below says when it is ready.
  Console:   ${consoleUrl}
  Operators (demo only: passwords equal usernames):
${operatorLines.join('\n')}
  Keycloak:  ${keycloak.url}/admin  (admin / admin, local only)
  Sessions of concern use demo thresholds (a session is "old" after 2 minutes), so the badge
  grows as the demo runs; an administrator can change them under Sessions of concern → Rules.
Press Ctrl-C to stop.
`);


// The BFF loads the IP-location databases and opens its stores before it listens: say when it does.
const readyBy = Date.now() + 180_000;
for (;;) {
  const up = await fetch(`http://127.0.0.1:${port}/healthz`).then((response) => response.ok, () => false);
  if (up) {
    console.log(`Session Desk is ready: open ${consoleUrl} (${seconds(since)} in all). Press Ctrl-C to stop.`);
    break;
  }
  if (Date.now() > readyBy) {
    console.log(`The BFF has not answered at ${consoleUrl}/healthz for 3 minutes; see its output above.`);
    break;
  }
  await new Promise((resolve) => setTimeout(resolve, 250));
}
