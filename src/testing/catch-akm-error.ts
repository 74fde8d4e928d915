/** Test helpers that capture the AkmError an action throws, so tests can assert its code and details. */
import { AkmError } from '../domain/errors.js';

/** Runs `action` and returns the AkmError it throws; fails the test when it returns or throws anything else. */
export function catchAkmError(action: () => unknown): AkmError {
  try {
    action();
  } catch (error) {
    if (error instanceof AkmError) return error;
    throw new Error(`expected an AkmError, got ${String(error)}`);
  }
  throw new Error('expected an AkmError, but nothing was thrown');
}

/** Awaits `action` and returns the AkmError it rejects with; fails the test otherwise. */
export async function catchAkmErrorAsync(action: Promise<unknown>): Promise<AkmError> {
  try {
    await action;
  } catch (error) {
    if (error instanceof AkmError) return error;
    throw new Error(`expected an AkmError, got ${String(error)}`);
  }
  throw new Error('expected an AkmError, but the promise resolved');
}
