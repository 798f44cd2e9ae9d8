import type { InstanceName } from './instance-config.ts';
import { INSTANCE_NAMES, isInstanceName } from './instance-config.ts';

export const CLI_COMMANDS = ['start', 'stop', 'status', 'seed', 'seed-large', 'fetch'] as const;
export type CliCommand = (typeof CLI_COMMANDS)[number];

export type CliArgs = { command: CliCommand; instance: InstanceName; sessions?: number; users?: number } | { command: 'help' };

export const USAGE = `Usage: node packages/keycloak-local/src/cli.ts <${CLI_COMMANDS.join('|')}> [--instance ${INSTANCE_NAMES.join('|')}]

  start   start the instance unless it is already running (default instance: demo)
  stop    stop the instance if this tool started it
  status  say whether it runs, where, and where its log is
  seed    log the demo end users in to create regular and offline sessions
  seed-large  create realm "large" and fill it to 10,000 sessions (1,000 users, 20 clients);
          idempotent, only the missing sessions are created (SD_SEED_CONCURRENCY, default 8)
          --sessions N  fill it to N sessions instead (10 per user, e.g. 100000: 10,000 users)
          --users N     also add N users without sessions (large-idle-000001 …)
  fetch   only download, unpack and build Keycloak (CI pre-warm)`;

export class CliUsageError extends Error {
  constructor(message: string) {
    super(`${message}\n\n${USAGE}`);
    this.name = 'CliUsageError';
  }
}

function isCommand(value: string): value is CliCommand {
  return (CLI_COMMANDS as readonly string[]).includes(value);
}

export function parseCliArgs(argv: readonly string[]): CliArgs {
  if (argv.some((a) => a === '--help' || a === '-h' || a === 'help')) return { command: 'help' };
  let command: CliCommand | undefined;
  let instance: InstanceName = 'demo';
  const counts: { sessions?: number; users?: number } = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    let value: string | undefined;
    const count = /^--(sessions|users)(?:=(.*))?$/.exec(arg);
    if (count) {
      const raw = count[2] ?? argv[++i];
      const n = Number(raw);
      if (!Number.isInteger(n) || n < 0) throw new CliUsageError(`--${count[1]} must be a whole number, got ${raw ?? 'nothing'}.`);
      counts[count[1] as 'sessions' | 'users'] = n;
      continue;
    }
    if (arg === '--instance') value = argv[++i];
    else if (arg.startsWith('--instance=')) value = arg.slice('--instance='.length);
    else if (arg.startsWith('-')) throw new CliUsageError(`Unknown option ${arg}.`);
    else if (command) throw new CliUsageError(`Only one command is allowed, got ${command} and ${arg}.`);
    else if (isCommand(arg)) command = arg;
    else throw new CliUsageError(`Unknown command ${arg}.`);

    if (value !== undefined || arg === '--instance') {
      if (value === undefined || !isInstanceName(value)) {
        throw new CliUsageError(`--instance must be one of ${INSTANCE_NAMES.join(', ')}, got ${value ?? 'nothing'}.`);
      }
      instance = value;
    }
  }
  if (!command) throw new CliUsageError('Missing command.');
  if ((counts.sessions !== undefined || counts.users !== undefined) && command !== 'seed-large') throw new CliUsageError('--sessions and --users go with seed-large only.');
  return { command, instance, ...counts };
}
