import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Reader, type Response } from 'maxmind';
import type { IpLocationInfo } from '@session-desk/contracts';
import { AsnIndex, csvFile } from './asn-index.js';
import { IpLocator } from './ip-locator.js';

export const COUNTRY_PACKAGE = '@ip-location-db/geo-whois-asn-country-mmdb';
export const NETWORK_PACKAGE = '@ip-location-db/asn';

/** Where the databases are read from; each defaults to the file inside its npm package. */
export interface IpLocatorFiles {
  /** An MMDB file with `country_code` records (IPv4 and IPv6). */
  countryDb?: string | undefined;
  /** A folder holding `asn-ipv4-num.csv` and `asn-ipv6-num.csv`. */
  networkDir?: string | undefined;
}

/** A database could not be loaded: the message names the file, the cause and the way out. */
export class IpLocationError extends Error {
  override name = 'IpLocationError';
}

const require = createRequire(import.meta.url);

function packageDir(name: string): string {
  return path.dirname(require.resolve(`${name}/package.json`));
}

function packageVersion(dir: string): string {
  try {
    const parsed: unknown = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
    return typeof parsed === 'object' && parsed !== null && 'version' in parsed && typeof parsed.version === 'string' ? parsed.version : 'unknown';
  } catch {
    return 'unknown (not read from an npm package)';
  }
}

/** `2.3.2026061719` → 2026-06-17T19:00:00Z: ip-location-db puts the build hour in its versions. */
function dateFromVersion(version: string): string | null {
  const match = /\.(\d{4})(\d{2})(\d{2})(\d{2})$/.exec(version);
  return match ? `${match[1]}-${match[2]}-${match[3]}T${match[4]}:00:00.000Z` : null;
}

function fail(file: string, err: unknown): never {
  const cause = err instanceof Error ? err.message : String(err);
  throw new IpLocationError(
    `The IP location database ${file} could not be loaded (${cause}). Reinstall the packages (npm ci), point IP_LOCATION_COUNTRY_DB / IP_LOCATION_NETWORK_DIR at good files, or set IP_LOCATION=off to run without countries and networks.`,
  );
}

const loaded = new Map<string, IpLocator>();

/**
 * Reads both databases into memory (about 8 MB of MMDB, and 33 MB of CSV read a chunk at a time and
 * indexed into about 20 MB of typed arrays): call once at start. The result is kept per process and file pair, so
 * tests composing many apps pay once.
 * @throws IpLocationError when a file is missing or not in its format.
 */
export function loadIpLocator(files: IpLocatorFiles = {}): IpLocator {
  const countryDir = files.countryDb ? path.dirname(files.countryDb) : packageDir(COUNTRY_PACKAGE);
  const countryDb = files.countryDb ?? path.join(countryDir, 'geo-whois-asn-country.mmdb');
  const networkDir = files.networkDir ?? packageDir(NETWORK_PACKAGE);
  const key = `${countryDb}\n${networkDir}`;
  const known = loaded.get(key);
  if (known) return known;
  const started = performance.now();
  let countries: Reader<Response>;
  try {
    countries = new Reader<Response>(readFileSync(countryDb));
    // maxmind checks the tree only lazily; one lookup proves the file is a usable country database.
    countries.get('8.8.8.8');
  } catch (err) {
    fail(countryDb, err);
  }
  let networks: AsnIndex;
  try {
    networks = new AsnIndex(csvFile(path.join(networkDir, 'asn-ipv4-num.csv')), csvFile(path.join(networkDir, 'asn-ipv6-num.csv')));
    if (networks.size.ipv4 === 0) throw new Error('no IPv4 ranges');
  } catch (err) {
    fail(path.join(networkDir, 'asn-ipv4-num.csv / asn-ipv6-num.csv'), err);
  }
  const countryVersion = packageVersion(countryDir);
  const networkVersion = packageVersion(networkDir);
  const info: IpLocationInfo = {
    enabled: true,
    country: {
      package: COUNTRY_PACKAGE,
      version: countryVersion,
      builtAt: countries.metadata.buildEpoch.toISOString(),
      licence: 'CC0-1.0',
      attribution: 'ip-location-db (sapics), geo-whois-asn-country',
    },
    network: {
      package: NETWORK_PACKAGE,
      version: networkVersion,
      builtAt: dateFromVersion(networkVersion),
      licence: 'CC BY 4.0',
      attribution: 'RouteViews, DB-IP (https://db-ip.com) and the NRO, merged by ip-location-db',
    },
    loadMs: Math.round(performance.now() - started),
  };
  const locator = new IpLocator(countries, networks, info);
  loaded.set(key, locator);
  return locator;
}

/** What admins see when the console runs with IP_LOCATION=off. */
export const IP_LOCATION_OFF: IpLocationInfo = { enabled: false, country: null, network: null, loadMs: null };
