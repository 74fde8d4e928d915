/**
 * The web console in headless Chromium against a real akm server: sign-in (and RAM's error for a wrong
 * secret), users (create, page, filter, delete with confirmation and DeleteConflict), AccessKeys (secret
 * shown once, CSV and clipboard, disable/enable, last used, delete), policies, the security preference,
 * and the layout at 1280 and 390 px. Screenshots of every page go to test-output/console/.
 */
import { readFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attempt, type RamApi } from '../support/acceptance-helpers.js';
import { startTestServer, type TestServer } from '../support/akm-test-server.js';
import {
  type ConsoleBrowser,
  evaluateInPage,
  horizontalOverflow,
  launchConsoleBrowser,
  saveScreenshot,
} from '../support/console-browser.js';
import { type Credentials, Ram, ramClient } from '../support/ram-clients.js';

const USER = 'console-alice';
const RAM_DATE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;
/** Users created through the SDK so that the list has a second page at 10 per page. */
const PAGER_USERS = Array.from({ length: 11 }, (_, i) => `pager-${String(i + 1).padStart(2, '0')}`);

interface SeenRequest {
  readonly host: string | undefined;
  readonly authorization: string | undefined;
}

let server: TestServer;
let browser: ConsoleBrowser;
let page: Page;
let root: RamApi;
/** RAM API requests as the server received them. */
const seen: SeenRequest[] = [];
/** Console errors and uncaught exceptions in the page (a CSP violation is reported as one). */
const pageErrors: string[] = [];
let newKey: Credentials;

beforeAll(async () => {
  server = await startTestServer();
  server.running.server.on('request', (req: IncomingMessage) => {
    if (req.method === 'POST' && req.url?.startsWith('/')) {
      seen.push({ host: req.headers.host, authorization: req.headers.authorization });
    }
  });
  root = ramClient(server.endpoint, server.root);
  for (const userName of PAGER_USERS) await root.createUser(new Ram.CreateUserRequest({ userName }));
  await root.createAccessKey(new Ram.CreateAccessKeyRequest({ userName: PAGER_USERS[0] }));
  browser = await launchConsoleBrowser();
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  page = await browser.context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
  page.on('pageerror', (error) => pageErrors.push(error.message));
});

afterAll(async () => {
  await browser?.close();
  await server?.destroy();
});

/** The table row that mentions `text`. */
/** A row of a list (users, keys, policies), not of a key's usage table. */
const row = (text: string) => page.locator('tbody tr:not(.key-usage tr)', { hasText: text });
/** Waits until every list on the page has rendered its newest load. */
const listsLoaded = () => page.locator('[aria-busy="true"]').first().waitFor({ state: 'detached' });
const alertText = async () => (await page.getByRole('alert').first().textContent()) ?? '';

async function signIn(secret: string): Promise<void> {
  await page.getByLabel('AccessKey ID').fill(server.root.accessKeyId);
  await page.getByLabel('AccessKey Secret').fill(secret);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

async function openUser(userName: string): Promise<void> {
  await page.goto(`${server.url}/console#/users/${encodeURIComponent(userName)}`);
  await page.getByRole('heading', { level: 1, name: userName }).waitFor();
  await page.getByRole('heading', { name: 'AccessKeys' }).waitFor();
  await listsLoaded();
}

/** Clicks the confirming button of the open confirmation dialog. */
async function confirmDialog(confirmLabel: string): Promise<void> {
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  await dialog.getByRole('button', { name: confirmLabel }).click();
  await dialog.waitFor({ state: 'detached' });
}

/** Finds the user in the users list and deletes it, confirming in the dialog. */
async function deleteUserInList(userName: string): Promise<void> {
  await page.goto(`${server.url}/console#/users`);
  await page.getByLabel('Filter by name').fill(userName);
  await page.getByRole('button', { name: 'Apply' }).click();
  await listsLoaded();
  await row(userName).getByRole('button', { name: 'Delete' }).click();
  await confirmDialog('Delete user');
}

describe('the web console', () => {
  it('serves the sign-in page with a strict Content-Security-Policy', async () => {
    const response = await page.goto(`${server.url}/console`);
    expect(response?.status()).toBe(200);
    const headers = response?.headers() ?? {};
    expect(headers['content-security-policy']).toContain("default-src 'self'");
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['cache-control']).toBe('no-cache');
    await page.getByRole('heading', { name: 'Sign in to akm' }).waitFor();
    await saveScreenshot(page, '01-sign-in');
  });

  it('shows RAM’s SignatureDoesNotMatch for a wrong secret', async () => {
    await signIn('not-the-secret');
    expect(await alertText()).toMatch(/^SignatureDoesNotMatch: /);
    await saveScreenshot(page, '02-sign-in-wrong-secret');
  });

  it('signs in with the root key, signing the Host the browser sends', async () => {
    seen.length = 0;
    await signIn(server.root.accessKeySecret);
    await page.getByRole('heading', { level: 1, name: 'Users' }).waitFor();
    const first = seen[0];
    expect(first?.host).toBe(new URL(server.url).host);
    expect(first?.authorization).toMatch(
      /^ACS3-HMAC-SHA256 Credential=\S+,SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-credentials-provider;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=[0-9a-f]{64}$/,
    );
    // The secret is kept for reloads in this tab's sessionStorage only.
    expect(await evaluateInPage(page, 'localStorage.length', 'number')).toBe(0);
    expect(await evaluateInPage(page, 'sessionStorage.length', 'number')).toBe(1);
  });

  it('creates a user and lists it', async () => {
    await page.getByLabel('User name', { exact: true }).fill(USER);
    await page.getByLabel('Display name (optional)').fill('Alice from the console');
    await page.getByRole('button', { name: 'Create user' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `User ${USER} created.` })
      .waitFor();
    await page.getByLabel('Filter by name').fill('alice');
    await page.getByRole('button', { name: 'Apply' }).click();
    await listsLoaded();
    await row(USER).waitFor();
    expect(await page.locator('tbody tr').count()).toBe(1);
    await saveScreenshot(page, '03-users-filtered');
  });

  it('pages through the users with RAM’s Marker', async () => {
    await page.getByLabel('Filter by name').fill('');
    await page.getByLabel('Users per page').selectOption('10');
    await page.getByRole('button', { name: 'Apply' }).click();
    await listsLoaded();
    await page.getByText('Page 1').waitFor();
    await row('pager-01').waitFor();
    expect(await page.locator('tbody tr').count()).toBe(10);
    await saveScreenshot(page, '04-users');
    await page.getByRole('button', { name: 'Next' }).click();
    await listsLoaded();
    await page.getByText('Page 2').waitFor();
    expect(await page.locator('tbody tr').count()).toBe(PAGER_USERS.length + 1 - 10);
    expect(await page.getByRole('button', { name: 'Next' }).isDisabled()).toBe(true);
  });

  it('creates an AccessKey and shows its secret once, with CSV download and copy', async () => {
    await openUser(USER);
    await page.getByRole('button', { name: 'Create AccessKey' }).click();
    const secretInput = page.locator('#new-key-secret');
    await secretInput.waitFor();
    newKey = {
      accessKeyId: await page.locator('#new-key-id').inputValue(),
      accessKeySecret: await secretInput.inputValue(),
    };
    expect(newKey.accessKeySecret).toMatch(/^[A-Za-z0-9]{30}$/);
    await row(newKey.accessKeyId).locator('.badge', { hasText: 'Active' }).waitFor();
    expect(await row(newKey.accessKeyId).locator('td').nth(3).textContent()).toBe('Never');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('AccessKey.csv');
    expect(readFileSync(await download.path(), 'utf8')).toBe(
      `AccessKey ID,AccessKey Secret\r\n${newKey.accessKeyId},${newKey.accessKeySecret}\r\n`,
    );

    await page.getByRole('button', { name: 'Copy secret' }).click();
    await page.getByRole('status').filter({ hasText: 'Secret copied' }).waitFor();
    expect(await evaluateInPage(page, 'navigator.clipboard.readText()', 'string')).toBe(
      newKey.accessKeySecret,
    );
    await saveScreenshot(page, '05-user-new-key-secret-once');
  });

  it('never shows the secret again: not after a reload, not after navigating away and back', async () => {
    await page.reload();
    await openUser(USER);
    await row(newKey.accessKeyId).waitFor();
    expect(await page.locator('#new-key-secret').count()).toBe(0);
    expect(await page.content()).not.toContain(newKey.accessKeySecret);

    await page.getByRole('link', { name: 'Users', exact: true }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Users' }).waitFor();
    await openUser(USER);
    expect(await page.content()).not.toContain(newKey.accessKeySecret);
    const stored = await evaluateInPage(page, 'JSON.stringify({ ...sessionStorage })', 'string');
    expect(stored).not.toContain(newKey.accessKeySecret);
    await saveScreenshot(page, '06-user-keys');
  });

  it('disables and enables the key; the server agrees', async () => {
    const key = row(newKey.accessKeyId);
    await key.getByRole('button', { name: 'Disable' }).click();
    await key.locator('.badge', { hasText: 'Inactive' }).waitFor();
    const refused = await attempt(() =>
      ramClient(server.endpoint, newKey).listAccessKeys(new Ram.ListAccessKeysRequest({})),
    );
    expect(refused.outcome).toBe('400 InvalidAccessKeyId.Inactive');
    await saveScreenshot(page, '07-user-key-disabled');

    await key.getByRole('button', { name: 'Enable' }).click();
    await key.locator('.badge', { hasText: 'Active' }).waitFor();
  });

  it('shows "last used" once the key has signed a request, with the exact date on hover', async () => {
    const lastUsedCell = row(newKey.accessKeyId).locator('td').nth(3);
    expect(await lastUsedCell.textContent()).toBe('Never');
    const call = await attempt(() =>
      ramClient(server.endpoint, newKey).listAccessKeys(new Ram.ListAccessKeysRequest({})),
    );
    expect(['allowed', '403 NoPermission']).toContain(call.outcome);

    await page.getByRole('button', { name: 'Refresh' }).click();
    const time = lastUsedCell.locator('time');
    await time.waitFor();
    expect(await time.getAttribute('title')).toMatch(RAM_DATE);
    expect(await time.textContent()).toMatch(/^(just now|\d+ seconds? ago)$/);
    expect(await lastUsedCell.locator('.muted').textContent()).toBe('ram · 127.0.0.1');
    const usage = page.locator('.key-usage tr', { hasText: newKey.accessKeyId });
    expect(await usage.locator('td').allTextContents()).toEqual([
      newKey.accessKeyId,
      new Date().toISOString().slice(0, 10),
      'ram',
      '1',
    ]);
    await saveScreenshot(page, '07b-user-key-last-used');
  });

  it('attaches and detaches a system policy', async () => {
    await page.getByLabel('System policy').selectOption('AliyunRAMReadOnlyAccess');
    await page.getByRole('button', { name: 'Attach' }).click();
    await row('AliyunRAMReadOnlyAccess').waitFor();
    const listed = await root.listPoliciesForUser(new Ram.ListPoliciesForUserRequest({ userName: USER }));
    expect(listed.body?.policies?.policy?.map((p) => p.policyName)).toEqual(['AliyunRAMReadOnlyAccess']);
    await saveScreenshot(page, '08-user-policy-attached');

    await row('AliyunRAMReadOnlyAccess').getByRole('button', { name: 'Detach' }).click();
    await page.getByText('No policies attached.').waitFor();
  });

  it('refuses to delete a user with a key and shows the DeleteConflict reason', async () => {
    await deleteUserInList(USER);
    expect(await alertText()).toMatch(/^DeleteConflict\.User\.AccessKey: /);
    await saveScreenshot(page, '09-users-delete-conflict');
  });

  it('deletes the key after confirmation (and keeps it on cancel)', async () => {
    await openUser(USER);
    const key = row(newKey.accessKeyId);
    await key.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    expect(await key.count()).toBe(1);

    await key.getByRole('button', { name: 'Delete' }).click();
    await confirmDialog('Delete AccessKey');
    await page.getByText('This user has no AccessKeys.').waitFor();
    const gone = await attempt(() =>
      ramClient(server.endpoint, newKey).listAccessKeys(new Ram.ListAccessKeysRequest({})),
    );
    expect(gone.outcome).toBe('404 InvalidAccessKeyId.NotFound');
  });

  it('deletes the user after confirmation', async () => {
    await deleteUserInList(USER);
    await page
      .getByRole('status')
      .filter({ hasText: `User ${USER} deleted.` })
      .waitFor();
    await page.getByText('No user matches this filter.').waitFor();
    const gone = await attempt(() => root.getUser(new Ram.GetUserRequest({ userName: USER })));
    expect(gone.outcome).toBe('404 EntityNotExist.User');
  });

  it('toggles AllowUserToManageAccessKeys', async () => {
    await page.getByRole('link', { name: 'Security settings' }).click();
    const toggle = page.getByLabel('Allow RAM users to manage their own AccessKeys');
    await page.locator('#allow-user-keys:enabled').waitFor();
    const before = await toggle.isChecked();
    await toggle.click();
    await page.getByRole('status').waitFor();
    await page.locator('#allow-user-keys:enabled').waitFor();
    expect(await toggle.isChecked()).toBe(!before);
    const stored = await root.getSecurityPreference();
    expect(stored.body?.securityPreference?.accessKeyPreference?.allowUserToManageAccessKeys).toBe(!before);
    await saveScreenshot(page, '10-settings');
  });

  it.each([
    [1280, 800],
    [390, 844],
  ])('lays every page out without horizontal overflow at %i px', async (width, height) => {
    await page.setViewportSize({ width, height });
    const pages = [
      ['users', '#/users', 'Users'],
      ['user', `#/users/${PAGER_USERS[0]}`, PAGER_USERS[0] ?? ''],
      ['settings', '#/settings', 'Security settings'],
    ] as const;
    for (const [name, hash, heading] of pages) {
      await page.goto(`${server.url}/console${hash}`);
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      await listsLoaded();
      expect(await horizontalOverflow(page), `${name} at ${width}px`).toBeLessThanOrEqual(0);
      await saveScreenshot(page, `11-${name}-${width}px`);
    }
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('signs out and forgets the key', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to akm' }).waitFor();
    expect(await evaluateInPage(page, 'sessionStorage.length', 'number')).toBe(0);
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await saveScreenshot(page, '12-sign-in-390px');
  });

  it('raised no console error and no CSP violation', () => {
    expect(pageErrors.filter((text) => !text.includes('the server responded with a status of'))).toEqual([]);
  });
});
