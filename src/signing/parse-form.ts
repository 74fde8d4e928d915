// Decoder for application/x-www-form-urlencoded bodies and query strings that never throws.

/**
 * Decodes `application/x-www-form-urlencoded` text (a POST body or a raw query string) into pairs.
 *
 * - `+` is a space and `%XY` is a UTF-8 byte.
 * - Never throws: a `%` not followed by two hex digits is kept literally, and bytes that are not
 *   valid UTF-8 (e.g. the truncated `%E4%B8`) become U+FFFD.
 * - Empty pairs (`a=1&&b=2`, a leading `&`) are skipped; a pair without `=` has the value `''`.
 * - Order and duplicates are kept; the caller decides what a repeated name means.
 *
 * @param raw - the text after `?`, or the whole body
 * @returns decoded `[name, value]` pairs in arrival order
 */
export function parseFormEncoded(raw: string): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (const part of raw.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    if (eq === -1) pairs.push([decodeComponent(part), '']);
    else pairs.push([decodeComponent(part.slice(0, eq)), decodeComponent(part.slice(eq + 1))]);
  }
  return pairs;
}

function decodeComponent(s: string): string {
  const spaced = s.includes('+') ? s.replaceAll('+', ' ') : s;
  if (!spaced.includes('%')) return spaced;
  try {
    return decodeURIComponent(spaced);
  } catch {
    // Only malformed input gets here (bad escapes or invalid UTF-8), so speed no longer matters.
    return decodeLeniently(spaced);
  }
}

/** Decodes every valid `%XY` to a byte, keeps everything else literally, then reads the bytes as UTF-8. */
function decodeLeniently(s: string): string {
  const chunks: Buffer[] = [];
  let literalStart = 0;
  let i = s.indexOf('%');
  while (i !== -1) {
    const byte = hexByte(s, i + 1);
    if (byte === undefined) {
      i = s.indexOf('%', i + 1);
      continue;
    }
    chunks.push(Buffer.from(s.slice(literalStart, i), 'utf8'), Buffer.of(byte));
    literalStart = i + 3;
    i = s.indexOf('%', literalStart);
  }
  chunks.push(Buffer.from(s.slice(literalStart), 'utf8'));
  // Buffer's UTF-8 decoder replaces each invalid or truncated sequence with U+FFFD.
  return Buffer.concat(chunks).toString('utf8');
}

function hexByte(s: string, at: number): number | undefined {
  const hi = hexDigit(s.charCodeAt(at));
  const lo = hexDigit(s.charCodeAt(at + 1));
  return hi === undefined || lo === undefined ? undefined : hi * 16 + lo;
}

function hexDigit(code: number): number | undefined {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  if (code >= 0x41 && code <= 0x46) return code - 0x37;
  if (code >= 0x61 && code <= 0x66) return code - 0x57;
  return undefined;
}
