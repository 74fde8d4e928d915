// Client addresses: the socket's peer, X-Forwarded-For only through trusted proxies, rightmost untrusted hop.
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { checkTrustedProxies, createClientAddressResolver } from './client-address.js';

function request(peer: string, forwardedFor?: string): Pick<IncomingMessage, 'headers' | 'socket'> {
  return {
    headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor },
    socket: { remoteAddress: peer } as IncomingMessage['socket'],
  };
}

describe('createClientAddressResolver', () => {
  it('uses the peer and ignores X-Forwarded-For when no proxy is trusted', () => {
    const resolve = createClientAddressResolver([]);
    expect(resolve(request('127.0.0.1', '203.0.113.9'))).toBe('127.0.0.1');
    expect(resolve(request('::ffff:127.0.0.2'))).toBe('127.0.0.2');
    expect(resolve(request('::1'))).toBe('::1');
  });

  it('ignores X-Forwarded-For from a peer that is not a trusted proxy', () => {
    const resolve = createClientAddressResolver(['10.0.0.0/8']);
    expect(resolve(request('192.0.2.1', '203.0.113.9'))).toBe('192.0.2.1');
  });

  it.each([
    ['one hop', '203.0.113.9', '203.0.113.9'],
    [
      'the rightmost untrusted hop (a client cannot forge past the proxies)',
      '1.1.1.1, 203.0.113.9',
      '203.0.113.9',
    ],
    ['past trusted inner proxies', '203.0.113.9, 10.1.2.3', '203.0.113.9'],
    ['the last valid hop when the header ends in garbage', '203.0.113.9, nonsense', '10.0.0.5'],
    ['the peer when the header is missing', undefined, '10.0.0.5'],
  ])('through a trusted proxy takes %s', (_, header, expected) => {
    const resolve = createClientAddressResolver(['10.0.0.0/8', '::1']);
    expect(resolve(request('10.0.0.5', header))).toBe(expected);
  });

  it('reports every invalid entry of a trusted proxy list', () => {
    expect(checkTrustedProxies(['10.0.0.0/8', '127.0.0.1', '::1'])).toEqual([]);
    expect(checkTrustedProxies(['proxy.local', '10.0.0.0/99'])).toHaveLength(2);
  });
});
