/**
 * The seal fence: the meta entry `seal_fence` lists the prefixes (space-separated) that newly stored
 * sealed secrets may start with. A master-key rotation sets it, so that once its transaction commits no
 * process can still store a secret sealed under the retired key: the store refuses such a write with
 * SEALING_KEY_RETIRED in the same transaction as the insert, and the writer reseals under the new key.
 * No entry means no restriction.
 */
import { AkmError } from './errors.js';

/** The meta key of the fence. */
export const SEAL_FENCE_META = 'seal_fence';

/** The fence value admitting values that start with any of `prefixes`. */
export function formatSealFence(prefixes: Iterable<string>): string {
  return [...new Set(prefixes)].join(' ');
}

/** The prefixes a fence value admits. */
export function sealFencePrefixes(fence: string | undefined): string[] {
  return fence === undefined ? [] : fence.split(' ').filter((prefix) => prefix !== '');
}

/** Whether the fence (undefined: none) admits a new sealed value. */
export function sealFenceAdmits(fence: string | undefined, sealed: string): boolean {
  return fence === undefined || sealFencePrefixes(fence).some((prefix) => sealed.startsWith(prefix));
}

/** Throws SEALING_KEY_RETIRED unless the fence admits `sealed`; stores call it inside the insert's transaction. */
export function assertSealFenceAdmits(fence: string | undefined, sealed: string): void {
  if (!sealFenceAdmits(fence, sealed)) throw new AkmError('SEALING_KEY_RETIRED');
}
