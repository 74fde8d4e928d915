/**
 * Serves the web console's built files (dist/console, see scripts/build-console.mjs) at `/console`:
 * index.html at `/console` and `/console/` (revalidated on every load), and content-versioned assets at
 * `/console/assets/<version>/…` (cached for a year). Every answer carries a strict Content-Security-Policy.
 * The files are read once into memory, so a request can only ever name a file that was found there.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import type { IncomingHttpHeaders } from 'node:http';
import { extname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WireResponse } from '../protocol/wire.js';

/** Where the console lives on the server. */
const CONSOLE_PATH = '/console';
const ASSETS_PREFIX = `${CONSOLE_PATH}/assets/`;

/** dist/console of this package, whether this module runs from src/http (tests) or dist/http. */
export const DEFAULT_CONSOLE_ROOT = fileURLToPath(new URL('../../dist/console/', import.meta.url));

/** The only file types the console is built from; anything else in the folder is not served. */
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml; charset=utf-8',
};

/** Scripts, styles, images and API calls from this origin only; no inline script, no framing, no form posts. */
export const CONSOLE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; " +
  "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CONSOLE_CSP,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
};

/** index.html names the current asset version, so it must be revalidated on every load. */
const INDEX_CACHE = 'no-cache';
/** An asset's URL changes with its content (the version folder), so it never needs revalidating. */
const ASSET_CACHE = 'public, max-age=31536000, immutable';

interface Asset {
  readonly body: string;
  readonly contentType: string;
  readonly etag: string;
}

/** The parts of a request the console handler reads. */
export interface ConsoleRequest {
  readonly method: string;
  /** The path without the query string, as sent (not decoded). */
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
}

/**
 * Whether a path belongs to the console (`/console` or below it).
 *
 * @param path - the request path without the query string
 */
export function isConsolePath(path: string): boolean {
  return path === CONSOLE_PATH || path.startsWith(`${CONSOLE_PATH}/`);
}

/**
 * Creates the console handler over a built console folder. The folder is read on the first request (and
 * again after a failed read, e.g. before the first build).
 *
 * @param root - the folder holding index.html and assets/
 * @returns a handler answering every console path
 */
export function createConsoleAssets(root: string): (request: ConsoleRequest) => Promise<WireResponse> {
  let loading: Promise<ReadonlyMap<string, Asset>> | undefined;
  const assets = () => {
    loading ??= loadAssets(root).catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
    return loading;
  };

  return async function serveConsole(request: ConsoleRequest): Promise<WireResponse> {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return plain(405, 'Method Not Allowed', { allow: 'GET, HEAD' });
    }
    const name = assetName(request.path);
    if (name === undefined) return plain(400, 'Bad Request');
    const files = await assets().catch(() => undefined);
    if (files === undefined) return plain(404, 'The web console is not built (npm run build).');
    const asset = name === '' ? undefined : files.get(name);
    if (asset === undefined) return plain(404, 'Not Found');

    const headers = {
      ...SECURITY_HEADERS,
      'content-type': asset.contentType,
      'cache-control': name === 'index.html' ? INDEX_CACHE : ASSET_CACHE,
      etag: asset.etag,
    };
    if (matchesEtag(request.headers['if-none-match'], asset.etag)) return { status: 304, headers, body: '' };
    return { status: 200, headers, body: asset.body };
  };
}

/**
 * The file a console path names, relative to the root: `index.html` for the console itself,
 * `assets/…` below /console/assets/, `''` for any other console path (not found), and `undefined`
 * for a path that tries to leave the folder (or cannot be decoded).
 */
function assetName(path: string): string | undefined {
  if (path === CONSOLE_PATH || path === `${CONSOLE_PATH}/`) return 'index.html';
  if (!path.startsWith(ASSETS_PREFIX) || path === ASSETS_PREFIX) return '';
  let rest: string;
  try {
    rest = decodeURIComponent(path.slice(ASSETS_PREFIX.length));
  } catch {
    return undefined;
  }
  const segments = rest.split('/');
  const unsafe = segments.some(
    (s) => s === '' || s === '.' || s === '..' || s.includes('\\') || s.includes('\0'),
  );
  return unsafe ? undefined : `assets/${rest}`;
}

/**
 * Reads index.html and every servable file under assets/ into memory, keyed by its `/`-separated path
 * relative to `root` (anything else in the folder, such as a build in progress, is never read).
 */
async function loadAssets(root: string): Promise<ReadonlyMap<string, Asset>> {
  const assetsDir = join(root, 'assets');
  const entries = await readdir(assetsDir, { recursive: true, withFileTypes: true });
  const paths = [
    join(root, 'index.html'),
    ...entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name)),
  ];
  const files = new Map<string, Asset>();
  for (const path of paths) {
    const contentType = CONTENT_TYPES[extname(path)];
    if (contentType === undefined) continue;
    const body = await readFile(path, 'utf8');
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
    files.set(relative(root, path).split(sep).join('/'), { body, contentType, etag });
  }
  return files;
}

/** `If-None-Match` may list several tags, or `*`; weak tags compare equal to strong ones (RFC 9110 §13.1.2). */
function matchesEtag(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  return header.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t === etag || t === `W/${etag}`;
  });
}

function plain(status: number, text: string, extra: Readonly<Record<string, string>> = {}): WireResponse {
  return {
    status,
    headers: {
      ...SECURITY_HEADERS,
      ...extra,
      'content-type': 'text/plain; charset=utf-8',
      'cache-control': 'no-store',
    },
    body: `${text}\n`,
  };
}
