// Constant-time string comparison for signatures and other secrets.

import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Compares two strings without leaking, through timing, where they first differ or how long they are.
 *
 * Both sides are hashed with SHA-256 first, so `timingSafeEqual` always sees two 32-byte buffers:
 * different lengths need no special case (which would otherwise throw or leak the length).
 *
 * @param a - e.g. the signature the client sent
 * @param b - e.g. the signature the server computed
 * Lone surrogates encode as U+FFFD, so `'\uD800'` equals `'\uFFFD'`; signatures are ASCII, so this
 * never matters for them.
 *
 * @returns whether the UTF-8 encodings of `a` and `b` are identical
 */
export function constantTimeEqual(a: string, b: string): boolean {
  return timingSafeEqual(sha256(a), sha256(b));
}

function sha256(s: string): Buffer {
  return createHash('sha256').update(s, 'utf8').digest();
}
