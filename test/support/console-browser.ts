/**
 * Headless Chromium for the console's browser tests: Debian's /usr/bin/chromium driven by
 * playwright-core (no browser is ever downloaded), a fresh temporary profile per launch, and helpers
 * for screenshots and layout checks.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

/** Debian's chromium package (installed by .ci/run). */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** No sandbox (CI runs as root), no GPU, and nothing that would reach the network on its own. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Where the screenshots go (git-ignored). */
export const SCREENSHOT_DIR = fileURLToPath(new URL('../../test-output/console/', import.meta.url));

/** The built console the server serves (npm run build). */
export const BUILT_CONSOLE_INDEX = fileURLToPath(new URL('../../dist/console/index.html', import.meta.url));

/** A running browser with its own throw-away profile. */
export interface ConsoleBrowser {
  readonly context: BrowserContext;
  /** Closes the browser and deletes its profile. */
  close(): Promise<void>;
}

/**
 * Launches headless Chromium with a fresh profile and a 1280×800 viewport.
 *
 * @returns the browser context and how to close it
 */
export async function launchConsoleBrowser(): Promise<ConsoleBrowser> {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`${CHROMIUM_PATH} is missing: apt-get install chromium`);
  if (!existsSync(BUILT_CONSOLE_INDEX)) throw new Error('the console is not built: run npm run build');
  const profile = mkdtempSync(join(tmpdir(), 'akm-console-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 800 },
    acceptDownloads: true,
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Saves a full-page screenshot as `test-output/console/<name>.png`.
 *
 * @param page - the page
 * @param name - the file name without extension
 */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/**
 * Evaluates a JavaScript expression in the page. Expressions are strings because this project's Node
 * typings have no DOM; a promise is awaited.
 *
 * @param page - the page
 * @param expression - e.g. `sessionStorage.length`
 * @returns the value, which must be a string or a number as `kind` says
 */
export async function evaluateInPage<K extends 'string' | 'number'>(
  page: Page,
  expression: string,
  kind: K,
): Promise<K extends 'string' ? string : number> {
  const value: unknown = await page.evaluate(expression);
  if (typeof value !== kind) throw new Error(`${expression} gave ${typeof value}, not ${kind}`);
  return value as K extends 'string' ? string : number;
}

/**
 * How far the page is wider than its viewport (0 when nothing overflows horizontally).
 *
 * @param page - the page
 */
export function horizontalOverflow(page: Page): Promise<number> {
  return evaluateInPage(
    page,
    'document.documentElement.scrollWidth - document.documentElement.clientWidth',
    'number',
  );
}
