#!/usr/bin/env node
import { createInterface } from 'node:readline/promises';
import { Writable } from 'node:stream';
import { readSetupEnvironment } from './env.js';
import { SetupError } from './errors.js';
import { runSetup } from './setup-command.js';

/** Asks on the terminal; a secret answer is not echoed. */
async function ask(question: string, secret: boolean): Promise<string> {
  process.stdout.write(question);
  const muted = new Writable({ write: (_chunk, _encoding, done) => done() });
  const reader = createInterface({ input: process.stdin, output: secret ? muted : process.stdout, terminal: true });
  try {
    const answer = await reader.question('');
    if (secret) process.stdout.write('\n');
    return answer.trim();
  } finally {
    reader.close();
  }
}

try {
  await runSetup(process.argv.slice(2), readSetupEnvironment(), {
    out: (line) => console.log(line),
    ask: process.stdin.isTTY ? ask : undefined,
  });
} catch (err) {
  if (err instanceof SetupError) {
    console.error(`setup: ${err.message}`);
    process.exit(2);
  }
  if (err instanceof TypeError && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS')) {
    console.error(`setup: ${err.message} (npm run setup -- --help)`);
    process.exit(2);
  }
  throw err;
}
