/** Reads a request body up to a byte limit. */
import type { IncomingMessage } from 'node:http';
import { AkmError } from '../domain/errors.js';

/**
 * Collects the body, failing with REQUEST_TOO_LARGE as soon as it passes `limit` bytes (declared or
 * actually received), so an oversized upload is never buffered whole.
 */
export function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > limit) return Promise.reject(new AkmError('REQUEST_TOO_LARGE'));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        request.removeAllListeners('data');
        request.resume();
        reject(new AkmError('REQUEST_TOO_LARGE'));
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks, size)));
    request.on('error', reject);
  });
}
