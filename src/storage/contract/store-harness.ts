/** Shared plumbing of the store contract suite: a fresh store per test and error assertions. */
import { afterEach, beforeEach, expect } from 'vitest';
import { type ErrorCode, isAkmError } from '../../domain/errors.js';
import type { Store } from '../../domain/ports.js';

/** An open, empty store plus the function that closes it and deletes its data. */
export interface OpenedStore {
  readonly store: Store;
  /** Must close the store (even if the test already closed it) and remove everything it stored. */
  readonly cleanup: () => Promise<void>;
}

/** Opens a fresh, empty, fully migrated store; called once per test. */
export type OpenStore = () => Promise<OpenedStore>;

/** Registers hooks giving each test of the enclosing `describe` its own empty store; returns its getter. */
export function useFreshStore(openStore: OpenStore): () => Store {
  let current: OpenedStore | undefined;
  beforeEach(async () => {
    current = await openStore();
  });
  afterEach(async () => {
    const opened = current;
    current = undefined;
    await opened?.cleanup();
  });
  return () => {
    if (current === undefined) throw new Error('the store is only available inside a test');
    return current.store;
  };
}

/** Asserts that `action` rejects with an AkmError of `code` (showing the actual error otherwise). */
export async function expectAkmError(action: Promise<unknown>, code: ErrorCode): Promise<void> {
  const outcome = await action.then(
    () => 'resolved',
    (error: unknown) => error,
  );
  expect(isAkmError(outcome) ? outcome.code : outcome).toBe(code);
}
