/**
 * Routes each request to the wire protocol it speaks: the first protocol that accepts it, else the
 * fallback (RAM). Early errors (before the body is read) are answered in the chosen protocol's format.
 */
import type { WireOutcome, WireRequest } from '../protocol/wire.js';

/** A protocol adapter: answers a fully read request. */
export type WireHandler = (request: WireRequest, requestId: string) => Promise<WireOutcome>;

/** One wire protocol the server speaks. */
export interface WireProtocol {
  /** Whether the request is this protocol's; must decide from headers and query alone when the body is empty. */
  accepts(request: WireRequest): boolean;
  readonly handle: WireHandler;
  /** Renders a failure that happened before the request could be read (oversized body). */
  renderEarlyError(error: unknown, requestId: string): WireOutcome;
}

/** The server's handlers for a list of protocols tried in order, with a fallback for everything else. */
export function routeByProtocol(
  protocols: readonly WireProtocol[],
  fallback: WireProtocol,
): {
  rpc: WireHandler;
  renderEarlyError: (error: unknown, requestId: string, request: WireRequest) => WireOutcome;
} {
  const choose = (request: WireRequest) => protocols.find((p) => p.accepts(request)) ?? fallback;
  return {
    rpc: (request, requestId) => choose(request).handle(request, requestId),
    renderEarlyError: (error, requestId, request) => choose(request).renderEarlyError(error, requestId),
  };
}
