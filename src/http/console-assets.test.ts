// The console's static handler: content types, caching, ETag/304, security headers, and the refusal of
// any path that leaves the console folder.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSOLE_CSP, type ConsoleRequest, createConsoleAssets, isConsolePath } from './console-assets.js';

let base: string;
let root: string;
let serve: ReturnType<typeof createConsoleAssets>;

const FILES: Record<string, string> = {
  'index.html': '<!doctype html><title>akm</title>',
  'assets/v1/console/app/main.js': 'export {};',
  'assets/v1/console.css': 'body{}',
  'assets/v1/favicon.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
  'assets/v1/notes.md': '# not a console file type',
  '.build-123/console/app/main.js': 'a build in progress',
};

function write(dir: string, files: Record<string, string>): void {
  for (const [name, body] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), body);
  }
}

const get = (path: string, headers: ConsoleRequest['headers'] = {}, method = 'GET') =>
  serve({ method, path, headers });

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'akm-console-assets-'));
  root = join(base, 'console');
  write(root, FILES);
  // Beside the root, where a traversal would land.
  write(base, { 'secret.txt': 'master key' });
  serve = createConsoleAssets(root);
});

afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('isConsolePath', () => {
  it.each([
    ['/console', true],
    ['/console/', true],
    ['/console/assets/v1/x.js', true],
    ['/consoles', false],
    ['/', false],
    ['/healthz', false],
  ])('%s → %s', (path, expected) => {
    expect(isConsolePath(path)).toBe(expected);
  });
});

describe('createConsoleAssets', () => {
  it.each(['/console', '/console/'])('serves index.html at %s, revalidated on every load', async (path) => {
    const response = await get(path);
    expect(response.status).toBe(200);
    expect(response.body).toBe(FILES['index.html']);
    expect(response.headers).toMatchObject({
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-cache',
      'content-security-policy': CONSOLE_CSP,
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer',
    });
    expect(response.headers.etag).toMatch(/^"[\w-]{27}"$/);
  });

  it.each([
    ['/console/assets/v1/console/app/main.js', 'text/javascript; charset=utf-8'],
    ['/console/assets/v1/console.css', 'text/css; charset=utf-8'],
    ['/console/assets/v1/favicon.svg', 'image/svg+xml; charset=utf-8'],
  ])('serves %s as %s, cached for a year', async (path, contentType) => {
    const response = await get(path);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe(contentType);
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(response.headers['content-security-policy']).toBe(CONSOLE_CSP);
  });

  it('keeps a strict policy: same origin only, no inline script, no framing, no form posts', () => {
    expect(CONSOLE_CSP).toContain("default-src 'self'");
    expect(CONSOLE_CSP).toContain("frame-ancestors 'none'");
    expect(CONSOLE_CSP).toContain("form-action 'none'");
    expect(CONSOLE_CSP).not.toContain('unsafe');
  });

  it('answers a matching If-None-Match with 304 and no body', async () => {
    const { headers } = await get('/console/assets/v1/console.css');
    const etag = headers.etag ?? '';
    for (const ifNoneMatch of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
      const response = await get('/console/assets/v1/console.css', { 'if-none-match': ifNoneMatch });
      expect(response.status, ifNoneMatch).toBe(304);
      expect(response.body).toBe('');
      expect(response.headers.etag).toBe(etag);
    }
    expect((await get('/console/assets/v1/console.css', { 'if-none-match': '"other"' })).status).toBe(200);
  });

  it.each([
    '/console/assets/../../secret.txt',
    '/console/assets/v1/../../../secret.txt',
    '/console/assets/%2e%2e/%2e%2e/secret.txt',
    '/console/assets/..%2f..%2fsecret.txt',
    '/console/assets/v1/..%5c..%5c..%5csecret.txt',
    '/console/assets/v1//console.css',
    '/console/assets/./v1/console.css',
    '/console/assets/v1/console.css%00.js',
    '/console/assets/%E0%A4%A',
  ])('refuses %s with 400', async (path) => {
    const response = await get(path);
    expect(response.status).toBe(400);
    expect(response.body).not.toContain('master key');
  });

  it.each([
    '/console/assets/v1/missing.js',
    '/console/assets/v1/notes.md',
    '/console/assets/',
    '/console/index.html',
    '/console/users',
    '/console/assets/v1',
    '/console/.build-123/console/app/main.js',
  ])('answers 404 for %s', async (path) => {
    const response = await get(path);
    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('allows GET and HEAD only', async () => {
    expect((await get('/console', {}, 'HEAD')).status).toBe(200);
    const response = await get('/console', {}, 'POST');
    expect(response.status).toBe(405);
    expect(response.headers.allow).toBe('GET, HEAD');
  });

  it('answers 404 until the console is built, then serves it without a restart', async () => {
    const later = join(base, 'later');
    const serveLater = createConsoleAssets(later);
    const before = await serveLater({ method: 'GET', path: '/console', headers: {} });
    expect(before.status).toBe(404);
    expect(before.body).toContain('not built');
    write(later, { 'index.html': 'built', 'assets/v1/a.js': '' });
    expect((await serveLater({ method: 'GET', path: '/console', headers: {} })).body).toBe('built');
  });
});
