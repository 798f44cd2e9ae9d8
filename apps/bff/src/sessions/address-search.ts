import { BlockList, isIP, isIPv4, isIPv6 } from 'node:net';

/** Tests a session's recorded address (`ipAddress` as Keycloak stores it). */
export type AddressMatch = (ipAddress: string) => boolean;

const IPV4_START = /^\d{1,3}(\.\d{0,3}){1,3}$/;
// At least one colon, hex groups only: "2001:db8:", "fe80::1"; not a username or a client id.
const IPV6_START = /^[0-9a-f]{0,4}(:[0-9a-f]{0,4}){1,7}$/;
const CIDR = /^([0-9a-f:.]+)\/(\d{1,3})$/;

function familyOf(address: string): 'ipv4' | 'ipv6' | undefined {
  const family = isIP(address);
  return family === 4 ? 'ipv4' : family === 6 ? 'ipv6' : undefined;
}

function inList(list: BlockList, family: 'ipv4' | 'ipv6'): AddressMatch {
  return (ipAddress) => familyOf(ipAddress) === family && list.check(ipAddress, family);
}

/**
 * How a sessions search for `needle` (lower-cased, trimmed) matches addresses, when it is one:
 * - a CIDR range (`10.0.0.0/8`, `2001:db8::/32`): the addresses inside it; a prefix longer than the
 *   family allows (`/33` on IPv4) matches nothing;
 * - a whole address (`203.0.113.7`, `2001:db8::7` in any of its written forms): that address only;
 * - the start of one (`10.0.`, `192.168.1`, `2001:db8:`): addresses beginning with it, as written.
 * Anything else (including a lone number such as `10`, which may be part of a username) is not an
 * address search: undefined, and the caller searches the text. Addresses Keycloak recorded in a form
 * `node:net` cannot read match only by their start.
 */
export function addressSearch(needle: string): AddressMatch | undefined {
  const cidr = CIDR.exec(needle);
  if (cidr) {
    const [, network = '', bits = ''] = cidr;
    const family = familyOf(network);
    const prefix = Number(bits);
    if (!family || prefix > (family === 'ipv4' ? 32 : 128)) return () => false;
    const list = new BlockList();
    list.addSubnet(network, prefix, family);
    return inList(list, family);
  }
  if (isIPv4(needle)) return (ipAddress) => ipAddress === needle;
  if (isIPv6(needle)) {
    const list = new BlockList();
    list.addAddress(needle, 'ipv6');
    return inList(list, 'ipv6');
  }
  if (IPV4_START.test(needle) || IPV6_START.test(needle)) return (ipAddress) => ipAddress.toLowerCase().startsWith(needle);
  return undefined;
}
