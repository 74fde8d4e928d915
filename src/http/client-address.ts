/**
 * The client address of a request: the socket's peer, unless that peer is a trusted proxy, in which
 * case the nearest untrusted hop of `X-Forwarded-For` (read right to left, as each proxy appends the
 * address it received from). Without trusted proxies the header is ignored: any client can write it.
 */
import type { IncomingMessage } from 'node:http';
import { BlockList, isIP } from 'node:net';

/** Strips the IPv4-mapped IPv6 prefix, so `::ffff:127.0.0.1` reads as `127.0.0.1`. */
function plainAddress(address: string): string {
  return address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
}

/** Parses `10.0.0.0/8`, `127.0.0.1` or `::1` into the list; throws on anything else. */
function addTrusted(list: BlockList, entry: string): void {
  const [address = '', prefix] = entry.split('/');
  const family = isIP(address);
  if (family === 0) throw new Error(`not an IP address or CIDR range: ${entry}`);
  const type = family === 4 ? 'ipv4' : 'ipv6';
  if (prefix === undefined) list.addAddress(address, type);
  else list.addSubnet(address, Number(prefix), type);
}

/** Checks a list of trusted proxies (IP addresses or CIDR ranges); the problems, if any. */
export function checkTrustedProxies(entries: readonly string[]): string[] {
  const problems: string[] = [];
  for (const entry of entries) {
    try {
      addTrusted(new BlockList(), entry);
    } catch (error) {
      problems.push(error instanceof Error ? error.message : String(error));
    }
  }
  return problems;
}

/** A function giving the client address of a request, trusting `X-Forwarded-For` only from `trusted`. */
export function createClientAddressResolver(
  trusted: readonly string[],
): (req: Pick<IncomingMessage, 'headers' | 'socket'>) => string {
  const list = new BlockList();
  for (const entry of trusted) addTrusted(list, entry);
  const isTrusted = (address: string) => {
    const family = isIP(address);
    return family !== 0 && list.check(address, family === 4 ? 'ipv4' : 'ipv6');
  };
  return (req) => {
    let client = plainAddress(req.socket.remoteAddress ?? '');
    if (trusted.length === 0 || !isTrusted(client)) return client;
    const header = req.headers['x-forwarded-for'];
    const hops = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',');
    for (let i = hops.length - 1; i >= 0; i--) {
      const hop = plainAddress((hops[i] ?? '').trim());
      if (isIP(hop) === 0) break;
      client = hop;
      if (!isTrusted(hop)) break;
    }
    return client;
  };
}
