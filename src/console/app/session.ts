// Where the signed-in AccessKey pair lives: this tab's memory, and this tab's sessionStorage only when
// the user asks to stay signed in across reloads. Never localStorage, never a cookie.

import type { ConsoleCredentials } from '../ram-call.js';

const STORAGE_KEY = 'akm-console-session';

/**
 * The pair saved in this tab's sessionStorage, if any.
 *
 * @returns the credentials, or `undefined`
 */
export function loadSession(): ConsoleCredentials | undefined {
  const saved = sessionStorage.getItem(STORAGE_KEY);
  if (!saved) return undefined;
  try {
    const parsed: unknown = JSON.parse(saved);
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    const { accessKeyId, accessKeySecret } = parsed as Record<string, unknown>;
    if (typeof accessKeyId !== 'string' || typeof accessKeySecret !== 'string') return undefined;
    return { accessKeyId, accessKeySecret };
  } catch {
    return undefined;
  }
}

/**
 * Remembers the pair for this tab's reloads (sessionStorage dies with the tab).
 *
 * @param credentials - the signed-in pair
 */
export function saveSession(credentials: ConsoleCredentials): void {
  sessionStorage.setItem(STORAGE_KEY, JSON.stringify(credentials));
}

/** Forgets the pair. */
export function clearSession(): void {
  sessionStorage.removeItem(STORAGE_KEY);
}
