import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { findExecutable, isExecutableFile } from './executables.ts';
import { MINIMUM_JAVA_MAJOR } from './versions.ts';

export interface JavaRuntime {
  javaBin: string;
  javaHome?: string;
  major: number;
}

/** Keycloak 26.6+ prefers Java 25; 17 still works but is deprecated. */
export const PREFERRED_JAVA_HOME = '/usr/lib/jvm/temurin-25-jdk-amd64';

const INSTALL_HINT = `Java ${MINIMUM_JAVA_MAJOR}+ is required to run Keycloak: install it with \`apt-get install -y openjdk-${MINIMUM_JAVA_MAJOR}-jre-headless\`.`;

function candidateHomes(env: NodeJS.ProcessEnv): string[] {
  const homes = [PREFERRED_JAVA_HOME];
  const fromEnv = env['JAVA_HOME'];
  if (fromEnv) homes.push(fromEnv);
  return homes;
}

/** Parses `java -version` output: `version "25"`, `"17.0.12"` or the old `"1.8.0_402"` style. */
export function parseJavaMajor(versionOutput: string): number | undefined {
  const match = /version "(\d+)(?:\.(\d+))?/.exec(versionOutput);
  if (!match) return undefined;
  const first = Number(match[1]);
  return first === 1 && match[2] ? Number(match[2]) : first;
}

export function resolveJava(env: NodeJS.ProcessEnv = process.env): JavaRuntime {
  const home = candidateHomes(env).find((h) => isExecutableFile(path.join(h, 'bin', 'java')));
  const javaBin = home ? path.join(home, 'bin', 'java') : findExecutable('java', env);
  if (!javaBin) throw new Error(INSTALL_HINT);

  const probe = spawnSync(javaBin, ['-version'], { encoding: 'utf8' });
  const major = parseJavaMajor(`${probe.stderr ?? ''}${probe.stdout ?? ''}`);
  if (major === undefined || major < MINIMUM_JAVA_MAJOR) {
    throw new Error(`${INSTALL_HINT} (found ${major === undefined ? 'an unreadable version' : `Java ${major}`} at ${javaBin})`);
  }
  return home ? { javaBin, javaHome: home, major } : { javaBin, major };
}

export function requireMaven(env: NodeJS.ProcessEnv = process.env): string {
  const mvn = findExecutable('mvn', env);
  if (!mvn) throw new Error('Maven is required to download Keycloak: install it with `apt-get install -y maven`.');
  return mvn;
}
