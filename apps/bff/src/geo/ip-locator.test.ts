import { mkdtempSync, readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { planDemoLogins } from '@session-desk/keycloak-local';
import { IpLocationError, loadIpLocator, NETWORK_PACKAGE } from './load-ip-locator.js';

const locator = loadIpLocator();
const networkDir = path.dirname(createRequire(import.meta.url).resolve(`${NETWORK_PACKAGE}/package.json`));

/** Rows of the shipped CSV, read independently of the index: `start,end,asn,name` as text. */
function shippedRows(file: string): Array<{ start: bigint; end: bigint; asn: number; name: string }> {
  return readFileSync(path.join(networkDir, file), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [start = '', end = '', asn = '', ...rest] = line.split(',');
      const raw = rest.join(',');
      const name = raw.startsWith('"') ? raw.slice(1, -1).replaceAll('""', '"') : raw;
      return { start: BigInt(start), end: BigInt(end), asn: Number(asn), name };
    });
}

const ipv4 = (value: bigint) => [24n, 16n, 8n, 0n].map((shift) => Number((value >> shift) & 255n)).join('.');
const ipv6 = (value: bigint) =>
  Array.from({ length: 8 }, (_, k) => ((value >> BigInt((7 - k) * 16)) & 0xffffn).toString(16)).join(':');

describe('IP location from the shipped databases', () => {
  it('gives the country of well-known addresses (IPv4 and IPv6) with its English name', () => {
    const country = (ip: string) => locator.locate(ip).country;
    expect(country('8.8.8.8')).toEqual({ code: 'US', name: 'United States' });
    expect(country('193.0.0.1')).toEqual({ code: 'NL', name: 'Netherlands' }); // RIPE NCC, Amsterdam
    expect(country('81.2.69.160')).toEqual({ code: 'GB', name: 'United Kingdom' });
    expect(country('2a00:1450:4001::1')).toEqual({ code: 'IE', name: 'Ireland' }); // Google, Dublin
    expect(country('::ffff:8.8.8.8')).toEqual({ code: 'US', name: 'United States' }); // IPv4-mapped IPv6
  });

  it('gives the network of addresses at the start, middle and end of ranges sampled across the shipped IPv4 and IPv6 CSVs', () => {
    const samples = [
      ...sample(shippedRows('asn-ipv4-num.csv')).map((row) => ({ ...row, at: ipv4 })),
      ...sample(shippedRows('asn-ipv6-num.csv')).map((row) => ({ ...row, at: ipv6 })),
    ];
    expect(samples.length).toBeGreaterThan(40);
    let checked = 0;
    for (const { start, end, asn, name, at } of samples) {
      for (const address of [start, (start + end) / 2n, end]) {
        const found = locator.locate(at(address));
        // Private and reserved ranges in the CSV are shown as private networks, never looked up.
        if (found.scope === 'private') continue;
        expect({ address: at(address), network: found.network }).toEqual({ address: at(address), network: { asn, name } });
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('shows private, loopback, link-local, shared and documentation addresses as a private network, never a country', () => {
    for (const ip of ['10.1.2.3', '172.16.5.4', '192.168.1.20', '127.0.0.1', '169.254.10.1', '100.64.0.1', '192.0.2.1', '::1', '0:0:0:0:0:0:0:1', 'fe80::1', 'fd12:3456::1', '2001:db8::1', '::ffff:10.0.0.1']) {
      expect({ ip, location: locator.locate(ip) }).toEqual({ ip, location: { scope: 'private', country: null, network: null } });
    }
  });

  it('locates NAT64, 6to4 and Teredo addresses by the IPv4 address they carry', () => {
    const google = locator.locate('8.8.8.8');
    expect(google).toMatchObject({ scope: 'public', country: { code: 'US' }, network: { asn: 15169 } });
    for (const ip of ['64:ff9b::808:808', '64:ff9b::8.8.8.8', '2002:0808:0808::1', '2002:808:808:1234::abcd', '2001:0:4136:e378:8000:63bf:f7f7:f7f7']) {
      expect({ ip, location: locator.locate(ip) }).toEqual({ ip, location: google });
    }
    expect(locator.locate('64:ff9b::c100:1')).toEqual(locator.locate('193.0.0.1'));
    // Carrying a private or documentation address, they are private networks too.
    for (const ip of ['64:ff9b::a00:1', '2002:c0a8:101::1', '2001:0:4136:e378:8000:63bf:3fff:fdd2']) {
      expect({ ip, location: locator.locate(ip) }).toEqual({ ip, location: { scope: 'private', country: null, network: null } });
    }
  });

  it('reads anything that is not a canonical address as unknown, even when it names a public one', () => {
    const forms = ['134744072', '008.008.008.008', '010.0.0.1', '[2001:4860:4860::8888]', '[8.8.8.8]', '8.8.8.8:443', '8.8.8.8, 1.1.1.1', ' 8.8.8.8x'];
    for (const ip of ['', 'unknown', '127.1', '0x7f.0.0.1', '8.8.8.8.8', '1.2.3.4/24', ...forms]) {
      expect(locator.locate(ip)).toEqual({ scope: 'unknown', country: null, network: null });
    }
  });

  it('names the package versions and build dates for admins', () => {
    expect(locator.info.enabled).toBe(true);
    expect(locator.info.country).toMatchObject({ package: '@ip-location-db/geo-whois-asn-country-mmdb', licence: 'CC0-1.0' });
    expect(locator.info.country?.version).toMatch(/^\d+\.\d+\.\d{10}$/);
    expect(Date.parse(locator.info.country?.builtAt ?? '')).toBeGreaterThan(Date.parse('2024-01-01'));
    expect(locator.info.network).toMatchObject({ package: '@ip-location-db/asn', licence: 'CC BY 4.0' });
    expect(locator.info.network?.builtAt?.slice(0, 10)).toBe(
      `${locator.info.network?.version.slice(-10, -6)}-${locator.info.network?.version.slice(-6, -4)}-${locator.info.network?.version.slice(-4, -2)}`,
    );
  });
});

/** About 30 rows spread evenly over the file, first and last included. */
function sample<T>(rows: T[]): T[] {
  const step = Math.max(1, Math.floor(rows.length / 30));
  return [...rows.filter((_, i) => i % step === 0), ...rows.slice(-1)];
}

describe('a missing or corrupt database stops the start with a clear error', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'sd-geo-'));

  it('names a missing country database and the ways out', () => {
    const missing = path.join(dir, 'nowhere.mmdb');
    expect(() => loadIpLocator({ countryDb: missing })).toThrow(IpLocationError);
    expect(() => loadIpLocator({ countryDb: missing })).toThrow(new RegExp(`${missing.replaceAll('.', '\\.')}.*ENOENT.*IP_LOCATION=off`));
  });

  it('refuses a country file that is not an MMDB database', () => {
    const corrupt = path.join(dir, 'corrupt.mmdb');
    writeFileSync(corrupt, Buffer.alloc(4096, 7));
    expect(() => loadIpLocator({ countryDb: corrupt })).toThrow(/corrupt\.mmdb could not be loaded/);
  });

  it('refuses a network CSV that is not "start,end,asn,organisation", naming the line', () => {
    const broken = mkdtempSync(path.join(dir, 'asn-'));
    writeFileSync(path.join(broken, 'asn-ipv4-num.csv'), '16777216,16777471,13335,"Cloudflare, Inc."\n1.0.4.0,1.0.7.255,38803,Gtelecom\n');
    copyFileSync(path.join(networkDir, 'asn-ipv6-num.csv'), path.join(broken, 'asn-ipv6-num.csv'));
    expect(() => loadIpLocator({ networkDir: broken })).toThrow(/asn-ipv4-num\.csv: line 2 is not "start,end,asn,organisation"/);
  });

  it('refuses a missing network folder', () => {
    expect(() => loadIpLocator({ networkDir: path.join(dir, 'none') })).toThrow(/asn-ipv4-num\.csv.*ENOENT/);
  });
});

describe('the demo seed\'s networks', () => {
  it('each lies in one country, so the demo shows only the countries and cases it plans', () => {
    const countries = new Map<string, Set<string>>();
    for (const { forwardedFor } of planDemoLogins()) {
      const { scope, country } = locator.locate(forwardedFor);
      if (scope === 'private') continue;
      const network = forwardedFor.includes(':') ? forwardedFor.slice(0, forwardedFor.indexOf('::')) : forwardedFor.split('.').slice(0, 2).join('.');
      countries.set(network, (countries.get(network) ?? new Set()).add(country?.code ?? 'none'));
    }
    expect(countries.size).toBeGreaterThan(10);
    for (const [network, found] of countries) expect([network, [...found]]).toEqual([network, [expect.stringMatching(/^[A-Z]{2}$/)]]);
  });
});
