import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AsnIndex, csvBytes, csvFile } from './asn-index.js';

const v4 = (a: number, b: number, c: number, d: number) => [a, b, c, d];
const v6 = (hex: string) => Array.from({ length: 16 }, (_, k) => parseInt(hex.slice(k * 2, k * 2 + 2), 16));

describe('AsnIndex', () => {
  const ipv4 = ['16777216,16777471,13335,"Cloudflare, Inc."', '16778240,16779263,38803,"LLC ""SPUTNIK"""', '3221225985,3221225985,64500,Plain Name\r', ''].join('\n');
  const ipv6 = '42540488161975842760550356425300246528,42540488241204005274814694018844196863,6939,Hurricane Electric LLC';
  const index = new AsnIndex(csvBytes(Buffer.from(ipv4)), csvBytes(Buffer.from(ipv6)));

  it('finds the range holding an IPv4 address, its bounds included, and nothing in gaps', () => {
    expect(index.lookupV4(v4(1, 0, 0, 0))).toEqual({ asn: 13335, name: 'Cloudflare, Inc.' });
    expect(index.lookupV4(v4(1, 0, 0, 255))).toEqual({ asn: 13335, name: 'Cloudflare, Inc.' });
    expect(index.lookupV4(v4(1, 0, 1, 0))).toBeNull();
    expect(index.lookupV4(v4(1, 0, 4, 0))).toEqual({ asn: 38803, name: 'LLC "SPUTNIK"' });
    expect(index.lookupV4(v4(192, 0, 2, 1))).toEqual({ asn: 64500, name: 'Plain Name' });
    expect(index.lookupV4(v4(0, 255, 255, 255))).toBeNull();
    expect(index.lookupV4(v4(255, 255, 255, 255))).toBeNull();
  });

  it('finds IPv6 ranges across the 64-bit halves', () => {
    expect(index.lookupV6(v6('20010000000000000000000000000001'))).toEqual({ asn: 6939, name: 'Hurricane Electric LLC' });
    expect(index.lookupV6(v6('20010000ffffffffffffffffffffffff'))).toEqual({ asn: 6939, name: 'Hurricane Electric LLC' });
    expect(index.lookupV6(v6('20010001000000000000000000000000'))).toBeNull();
    expect(index.lookupV6(v6('20000000000000000000000000000000'))).toBeNull();
  });

  it('counts ranges and shares organisation names', () => {
    expect(index.size).toEqual({ ipv4: 3, ipv6: 1, names: 4 });
  });

  it('keeps thousands of names, multi-byte ones included, once each, and tells apart the same name under two AS numbers', () => {
    const rows = Array.from({ length: 6000 }, (_, k) => `${k * 10},${k * 10 + 9},${64_512 + (k % 3000)},"Réseau ""${k % 3000}"" — 東京"`);
    rows.push('70000,70009,1,"Réseau ""7"" — 東京"');
    const many = new AsnIndex(csvBytes(Buffer.from(rows.join('\n'))), csvBytes(Buffer.from('')));
    expect(many.size).toEqual({ ipv4: 6001, ipv6: 0, names: 3000 });
    const at = (n: number) => v4((n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255);
    expect(many.lookupV4(at(5))).toEqual({ asn: 64_512, name: 'Réseau "0" — 東京' });
    expect(many.lookupV4(at(29_999))).toEqual({ asn: 64_512 + 2999, name: 'Réseau "2999" — 東京' });
    expect(many.lookupV4(at(30_005))).toEqual({ asn: 64_512, name: 'Réseau "0" — 東京' });
    expect(many.lookupV4(at(59_999))).toEqual({ asn: 64_512 + 2999, name: 'Réseau "2999" — 東京' });
    expect(many.lookupV4(at(70_003))).toEqual({ asn: 1, name: 'Réseau "7" — 東京' });
    expect(many.lookupV4(at(60_000))).toBeNull();
  });

  it('refuses an IPv6 bound beyond 128 bits', () => {
    const tooLarge = '340282366920938463463374607431768211456';
    expect(() => new AsnIndex(csvBytes(Buffer.from('')), csvBytes(Buffer.from(`1,${tooLarge},1,a\n`)))).toThrow(/line 1 holds an address beyond 128 bits/);
    const largest = '340282366920938463463374607431768211455';
    const top = new AsnIndex(csvBytes(Buffer.from('')), csvBytes(Buffer.from(`1,${largest},1,a\n`)));
    expect(top.lookupV6(v6('ffffffffffffffffffffffffffffffff'))).toEqual({ asn: 1, name: 'a' });
    expect(top.lookupV6(v6('00000000000000000000000000000000'))).toBeNull();
  });

  it('refuses rows out of order and unterminated quotes', () => {
    expect(() => new AsnIndex(csvBytes(Buffer.from('20,30,1,a\n10,15,2,b\n')), csvBytes(Buffer.from('')))).toThrow(/line 2 is out of order/);
    expect(() => new AsnIndex(csvBytes(Buffer.from('10,15,2,"b\n')), csvBytes(Buffer.from('')))).toThrow(/unterminated quote on line 1/);
  });

  it('reads a file in chunks smaller than a row, a quoted newline included, as it reads the bytes whole', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'asn-'));
    const quotedNewline = '3221225986,3221225990,64501,"Two\nLines, Inc."\n';
    writeFileSync(path.join(dir, 'v4.csv'), ipv4 + quotedNewline);
    writeFileSync(path.join(dir, 'v6.csv'), ipv6);
    for (const chunk of [3, 7, 64, 1 << 20]) {
      const chunked = new AsnIndex(csvFile(path.join(dir, 'v4.csv'), chunk), csvFile(path.join(dir, 'v6.csv'), chunk));
      expect(chunked.size).toEqual({ ipv4: 4, ipv6: 1, names: 5 });
      expect(chunked.lookupV4(v4(1, 0, 4, 0))).toEqual({ asn: 38803, name: 'LLC "SPUTNIK"' });
      expect(chunked.lookupV4(v4(192, 0, 2, 1))).toEqual({ asn: 64500, name: 'Plain Name' });
      expect(chunked.lookupV4(v4(192, 0, 2, 4))).toEqual({ asn: 64501, name: 'Two\nLines, Inc.' });
      expect(chunked.lookupV6(v6('20010000000000000000000000000001'))).toEqual({ asn: 6939, name: 'Hurricane Electric LLC' });
    }
    writeFileSync(path.join(dir, 'bad.csv'), '1,2,3,a\n1,2,3,b\n5,6,7,c\n4,5,6,d\n');
    expect(() => new AsnIndex(csvFile(path.join(dir, 'bad.csv'), 4), csvBytes(Buffer.from('')))).toThrow(/line 4 is out of order/);
  });
});
