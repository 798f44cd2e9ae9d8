import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import type { Reader, Response } from 'maxmind';
import type { IpLocationInfo, SessionLocation } from '@session-desk/contracts';
import type { AsnIndex } from './asn-index.js';

/** The `country_code` of an `@ip-location-db/*-country-mmdb` record (not one of MaxMind's own shapes). */
function countryCode(record: Response | null): string | undefined {
  return record && 'country_code' in record && typeof record.country_code === 'string' ? record.country_code.toUpperCase() : undefined;
}

/** Distinct addresses whose answers are kept: more than a 10,000-session realm usually holds. */
const RECENT_ADDRESSES = 50_000;

const UNKNOWN: SessionLocation = { scope: 'unknown', country: null, network: null };
const PRIVATE: SessionLocation = { scope: 'private', country: null, network: null };

const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });
const namesByCode = new Map<string, string>();

/** The English name of an ISO 3166-1 alpha-2 code (Node's ICU data), or the code itself when ICU does not know it. */
export function countryName(code: string): string {
  let name = namesByCode.get(code);
  if (name === undefined) {
    try {
      name = regionNames.of(code) ?? code;
    } catch {
      name = code;
    }
    namesByCode.set(code, name);
  }
  return name;
}

const NAT64 = ipaddr.parseCIDR('64:ff9b::/96');
const SIX_TO_FOUR = ipaddr.parseCIDR('2002::/16');
const TEREDO = ipaddr.parseCIDR('2001::/32');

/**
 * The IPv4 address an IPv6 transition address carries, which is where the client is: NAT64 with the
 * well-known prefix (64:ff9b::/96, the last 32 bits), 6to4 (2002::/16, the 32 bits after the prefix)
 * and Teredo (2001::/32, the last 32 bits inverted). Undefined for any other address.
 */
function embeddedIpv4(address: ipaddr.IPv6): ipaddr.IPv4 | undefined {
  const bytes = address.toByteArray();
  if (address.match(NAT64)) return new ipaddr.IPv4(bytes.slice(12, 16));
  if (address.match(SIX_TO_FOUR)) return new ipaddr.IPv4(bytes.slice(2, 6));
  if (address.match(TEREDO)) return new ipaddr.IPv4(bytes.slice(12, 16).map((byte) => byte ^ 0xff));
  return undefined;
}

/**
 * The address to look up: `ip` itself, or the IPv4 address an IPv4-mapped, NAT64, 6to4 or Teredo
 * address carries. Null for private, loopback, link-local, carrier-grade NAT, documentation,
 * multicast and every other special-purpose range (only addresses ipaddr.js calls `unicast` are
 * looked up, so an internal address is never given a country it does not have); undefined for
 * anything but a canonical address.
 */
function publicAddress(ip: string): ipaddr.IPv4 | ipaddr.IPv6 | null | undefined {
  // node:net accepts only canonical forms; ipaddr.js alone would also read "127.1" or "0x7f.0.0.1".
  if (!isIP(ip)) return undefined;
  const parsed = ipaddr.process(ip);
  const address = (parsed.kind() === 'ipv6' && embeddedIpv4(parsed as ipaddr.IPv6)) || parsed;
  return address.range() === 'unicast' ? address : null;
}

/**
 * Locates IP addresses in memory: country from an MMDB file (read with `maxmind`), network from an
 * {@link AsnIndex}. Both are loaded once (see `loadIpLocator`); a lookup does no I/O.
 */
/** Country and network of an IP address, as Keycloak records it. */
export type Locate = (ipAddress: string) => SessionLocation;

export class IpLocator {
  readonly #countries: Reader<Response>;
  readonly #networks: AsnIndex;
  /** Snapshots are rebuilt every few seconds from mostly the same addresses: answers are kept (oldest dropped first). */
  readonly #recent = new Map<string, SessionLocation>();
  readonly info: IpLocationInfo;

  constructor(countries: Reader<Response>, networks: AsnIndex, info: IpLocationInfo) {
    this.#countries = countries;
    this.#networks = networks;
    this.info = info;
  }

  /**
   * `ip`: an address as Keycloak records it (IPv4 dotted, IPv6 in any canonical form; IPv4-mapped,
   * NAT64, 6to4 and Teredo addresses located by the IPv4 address they carry). Never throws: anything
   * that is not a canonical address (`134744072`, `008.008.008.008`, `[2001:db8::1]`) is `unknown`.
   */
  locate(ip: string): SessionLocation {
    const known = this.#recent.get(ip);
    if (known) return known;
    const location = this.#lookUp(ip);
    this.#recent.set(ip, location);
    if (this.#recent.size > RECENT_ADDRESSES) this.#recent.delete(this.#recent.keys().next().value ?? '');
    return location;
  }

  #lookUp(ip: string): SessionLocation {
    const address = publicAddress(ip.trim());
    if (address === undefined) return UNKNOWN;
    if (address === null) return PRIVATE;
    const text = address.toString();
    const code = countryCode(this.#countries.get(text));
    const bytes = address.toByteArray();
    const network = address.kind() === 'ipv4' ? this.#networks.lookupV4(bytes) : this.#networks.lookupV6(bytes);
    return { scope: 'public', country: code ? { code, name: countryName(code) } : null, network };
  }
}
