/** Marker/MaxItems paging shared by the list use cases: page size bounds and opaque markers. */
import { AkmError } from '../domain/errors.js';
import { MAX_ITEMS_DEFAULT, MAX_ITEMS_LIMIT } from '../domain/limits.js';

/** One page of items. `marker` is set only when more items follow. */
export interface Page<T> {
  readonly items: T[];
  readonly isTruncated: boolean;
  readonly marker?: string;
}

/** The page size asked for: 1–1000, default 100 (INVALID_VALUE on `maxItems` otherwise). */
export function pageLimit(maxItems: number | undefined): number {
  const limit = maxItems ?? MAX_ITEMS_DEFAULT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_ITEMS_LIMIT) {
    throw new AkmError('INVALID_VALUE', { field: 'maxItems' });
  }
  return limit;
}

/** An opaque marker carrying `position` (where the next page starts) under a per-list `kind` prefix. */
export function encodeMarker(kind: string, position: string): string {
  return Buffer.from(`${kind}:${position}`, 'utf8').toString('base64url');
}

/** The position inside a marker made by {@link encodeMarker} for `kind`; INVALID_VALUE on `marker` otherwise. */
export function decodeMarker(kind: string, marker: string): string {
  const decoded = Buffer.from(marker, 'base64url').toString('utf8');
  if (!decoded.startsWith(`${kind}:`) || decoded.length === kind.length + 1) {
    throw new AkmError('INVALID_VALUE', { field: 'marker' });
  }
  return decoded.slice(kind.length + 1);
}

/**
 * Cuts `rows` (fetched with one row more than `limit`) into a page; the marker names the last item
 * returned, so pages stay correct when items are added or removed between calls.
 */
export function toPage<T>(rows: T[], limit: number, kind: string, positionOf: (item: T) => string): Page<T> {
  if (rows.length <= limit) return { items: rows, isTruncated: false };
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return last
    ? { items, isTruncated: true, marker: encodeMarker(kind, positionOf(last)) }
    : { items, isTruncated: false };
}
