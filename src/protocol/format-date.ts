/** Date formatting shared by the wire renderers. */

/** ISO-8601 UTC with second precision, `2015-01-23T12:33:18Z`, as RAM writes dates. */
export function formatIsoSeconds(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}
