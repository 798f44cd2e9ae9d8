import { describe, expect, it } from 'vitest';
import { addressSearch } from './address-search.js';

const matching = (needle: string, addresses: string[]) => {
  const match = addressSearch(needle);
  if (!match) throw new Error(`${needle} is not an address search`);
  return addresses.filter(match);
};

const seen = ['1.12.3.4', '1.120.0.1', '181.48.231.123', '24.0.21.121', '10.0.0.1', '10.255.1.1', '11.0.0.1', '192.168.1.20', '192.168.10.2', '2001:db8::7', '2001:0db8:0:0:0:0:0:8', '2001:db9::1', 'fe80::1', '134744072'];

describe('addressSearch', () => {
  it('matches the start of an address, never the middle (1.12 is not in 181.48.231.123)', () => {
    expect(matching('1.12', seen)).toEqual(['1.12.3.4', '1.120.0.1']);
    expect(matching('1.12.', seen)).toEqual(['1.12.3.4']);
    expect(matching('192.168.1', seen)).toEqual(['192.168.1.20', '192.168.10.2']);
    expect(matching('2001:db8:', seen)).toEqual(['2001:db8::7']);
  });

  it('matches a whole address exactly, IPv6 in any written form', () => {
    expect(matching('10.0.0.1', seen)).toEqual(['10.0.0.1']);
    expect(matching('1.12.3.4', ['1.12.3.4', '1.12.3.45'])).toEqual(['1.12.3.4']);
    expect(matching('2001:db8::8', seen)).toEqual(['2001:0db8:0:0:0:0:0:8']);
  });

  it('matches the addresses inside a CIDR range, and nothing for a prefix the family does not have', () => {
    expect(matching('10.0.0.0/8', seen)).toEqual(['10.0.0.1', '10.255.1.1']);
    expect(matching('192.168.1.0/24', seen)).toEqual(['192.168.1.20']);
    expect(matching('2001:db8::/32', seen)).toEqual(['2001:db8::7', '2001:0db8:0:0:0:0:0:8']);
    expect(matching('0.0.0.0/0', seen)).toHaveLength(9); // every IPv4 address node:net reads, not '134744072'
    expect(matching('10.0.0.0/33', seen)).toEqual([]);
    expect(matching('300.0.0.0/8', seen)).toEqual([]);
  });

  it('leaves text that is not an address to the text search', () => {
    for (const needle of ['10', 'alice', 'demo-portal', 'user-1.12', 'ab.cd', 'de', 'private network', 'as15169']) expect(addressSearch(needle)).toBeUndefined();
  });
});
