// RFC 3986 percent-encoding over UTF-8: the one encoder shared by every signature scheme.

/** Only these characters pass through unencoded (RFC 3986 §2.3 unreserved). */
const UNRESERVED_ONLY = /^[A-Za-z0-9\-_.~]*$/;

/** Characters `encodeURIComponent` leaves alone that RFC 3986 (and the Alibaba Cloud signers) encode. */
const SUB_DELIMS_LEFT_BY_JS = /[!'()*]/g;

/** A high surrogate not followed by a low one, or a low surrogate not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Percent-encodes a string as RFC 3986 over its UTF-8 bytes: `A-Z a-z 0-9 - _ . ~` stay as they are,
 * every other byte becomes `%XY` in upper-case hex, and a space is `%20` (never `+`).
 *
 * Never throws: a lone UTF-16 surrogate (which has no UTF-8 form) is encoded as U+FFFD, `%EF%BF%BD`,
 * the same bytes Node's UTF-8 encoder would produce.
 *
 * @param s - any string, including adversarial input
 * @returns the encoded string
 */
export function percentEncode(s: string): string {
  // Most names and values (Action, ids, timestamps without ':') need no work at all.
  if (UNRESERVED_ONLY.test(s)) return s;
  return encodeUtf8Component(s).replace(SUB_DELIMS_LEFT_BY_JS, encodeAsciiChar);
}

function encodeUtf8Component(s: string): string {
  try {
    return encodeURIComponent(s);
  } catch {
    // encodeURIComponent throws URIError on lone surrogates; substitute U+FFFD like Buffer does.
    return encodeURIComponent(s.replace(LONE_SURROGATE, '\uFFFD'));
  }
}

function encodeAsciiChar(c: string): string {
  return `%${c.charCodeAt(0).toString(16).toUpperCase()}`;
}
