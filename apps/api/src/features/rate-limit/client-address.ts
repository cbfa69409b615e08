import { isIPv6 } from 'node:net';

/** Groups of an IPv6 address kept: the /64 network prefix that one subscriber usually holds whole. */
const IPV6_PREFIX_GROUPS = 4;

/** The eight 16-bit groups of an IPv6 address, `::` expanded; undefined when it is not one. */
const ipv6Groups = (address: string): string[] | undefined => {
  if (!isIPv6(address) || address.includes('.')) return undefined;
  const [head = '', tail] = address.split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = tail === undefined || tail === '' ? [] : tail.split(':');
  const missing = 8 - headGroups.length - tailGroups.length;
  return [...headGroups, ...Array<string>(Math.max(0, missing)).fill('0'), ...tailGroups];
};

/**
 * The key a client's address is counted under by the rate limits: an IPv4 address as is (an
 * IPv4-mapped IPv6 address as its IPv4 form), an IPv6 address by its /64 network, since one
 * subscriber usually holds a whole /64 and could otherwise take a new address per request.
 *
 * @example
 * clientAddressKey('2001:db8:1:2:aaaa::1'); // '2001:db8:1:2::/64'
 * clientAddressKey('::ffff:192.0.2.7'); // '192.0.2.7'
 */
export const clientAddressKey = (address: string): string => {
  if (address.startsWith('::ffff:') && address.includes('.'))
    return address.slice('::ffff:'.length);
  const groups = ipv6Groups(address);
  if (groups === undefined) return address;
  const prefix = groups
    .slice(0, IPV6_PREFIX_GROUPS)
    .map((group) => Number.parseInt(group, 16).toString(16));
  return `${prefix.join(':')}::/64`;
};
