import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { formatReport } from '@session-desk/setup';
import { buildConfig } from '../config.js';
import { EnvError, readDoctorAdminEnv, readEnv } from '../env.js';
import { checkConsoleConnection } from './connection-check.js';

const USAGE = `Usage: npm run doctor [-- --env-path PATH] [--json]

Checks that Keycloak has everything the console needs, with the BFF's own configuration: the env file
(default .env, as written by npm run setup) plus the environment, which wins. Optional admin credentials
(KEYCLOAK_ADMIN_USERNAME / KEYCLOAK_ADMIN_PASSWORD) let it read the server version and the operator
client even when the operator realm is not managed. Exits 1 when something needed is missing.`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: { 'env-path': { type: 'string' }, json: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const envPath = path.resolve(values['env-path'] ?? '.env');
  if (existsSync(envPath)) process.loadEnvFile(envPath);
  else if (values['env-path']) {
    console.error(`doctor: no env file at ${envPath}; write one with npm run setup -- --env-path ${values['env-path']}`);
    return 2;
  }
  let config;
  try {
    config = buildConfig(readEnv());
  } catch (err) {
    if (err instanceof EnvError) {
      console.error(err.message);
      return 2;
    }
    throw err;
  }
  const report = await checkConsoleConnection(config, readDoctorAdminEnv());
  if (values.json) console.log(JSON.stringify(report, null, 2));
  else for (const line of formatReport(report)) console.log(line);
  return report.ok ? 0 : 1;
}

process.exitCode = await main();
