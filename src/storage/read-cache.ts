/**
 * A read-through cache in front of any store for the lookups every request makes (its AccessKey, the
 * key's user, the user's policies, the account's preferences). Writes made through it clear it at once;
 * writes made elsewhere (another process, another node) are caught by the store's freshness capability:
 * SQLite's `data_version` (exact: it changes when another connection commits), or a short time-to-live
 * where the store offers no such signal (PostgreSQL nodes), which bounds how long another node's
 * change (a disabled key, a detached policy) can go unseen.
 */
import type { Store } from '../domain/ports.js';

/** How the cache learns about changes made outside this process. */
export type CacheFreshness =
  | { readonly kind: 'change-counter'; readonly read: () => number }
  | { readonly kind: 'ttl'; readonly ttlMs: number; readonly now: () => number };

/** Options of {@link withReadCache}. */
export interface ReadCacheOptions {
  readonly freshness: CacheFreshness;
  /** Most entries kept (oldest dropped first), so a million keys never means a million cached rows. */
  readonly maxEntries?: number;
}

/** The lookups cached; their results are immutable entities (lists are copied per caller). */
const CACHED = [
  'getAccessKey',
  'getUserById',
  'listPolicies',
  'getSecurityPreference',
  'listAccessKeys',
] as const;

/**
 * Store methods that change nothing a cached lookup returns. Every other method counts as a write and
 * clears the cache, so a method added to the port later is safe by default.
 */
const KEEPS_CACHE = new Set<string>([
  'getAccount',
  'getUserByName',
  'listUsers',
  'countUsers',
  'addDailyUsage',
  'listDailyUsage',
  'purgeDailyUsage',
  'appendAuditEvent',
  'lookupAuditEvents',
  'purgeAuditEvents',
  'getMeta',
  'ping',
  'close',
]);

/** Callers may sort or extend a returned list; never let that reach the cached one. */
function copy(value: unknown): unknown {
  return Array.isArray(value) ? [...value] : value;
}

interface Entry {
  readonly value: unknown;
  readonly at: number;
}

/** Wraps `inner` so the per-request lookups are served from memory while they are known to be current. */
export function withReadCache(inner: Store, options: ReadCacheOptions): Store {
  const maxEntries = options.maxEntries ?? 50_000;
  const { freshness } = options;
  const entries = new Map<string, Entry>();
  // Bumped by every write: a lookup that started before a write must not store what it read.
  let generation = 0;
  let seenCounter = freshness.kind === 'change-counter' ? freshness.read() : 0;

  const invalidate = () => {
    generation += 1;
    entries.clear();
  };

  /** Drops everything when another connection committed since the last look. */
  const current = (): void => {
    if (freshness.kind !== 'change-counter') return;
    const counter = freshness.read();
    if (counter !== seenCounter) {
      seenCounter = counter;
      invalidate();
    }
  };

  const lookup =
    (method: (typeof CACHED)[number]) =>
    async (...args: unknown[]): Promise<unknown> => {
      current();
      const key = `${method}\n${args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join('\n')}`;
      const hit = entries.get(key);
      if (hit && (freshness.kind !== 'ttl' || freshness.now() - hit.at < freshness.ttlMs))
        return copy(hit.value);
      const startedAt = generation;
      const at = freshness.kind === 'ttl' ? freshness.now() : 0;
      const value = await (inner[method] as (...a: unknown[]) => Promise<unknown>).apply(inner, args);
      // Misses are not cached: unknown AccessKeyIds (probes, floods) must not fill memory.
      if (value !== undefined && startedAt === generation) {
        if (entries.size >= maxEntries) entries.delete(entries.keys().next().value ?? '');
        entries.set(key, { value, at });
      }
      return copy(value);
    };

  const cached = new Map<string | symbol, unknown>(CACHED.map((m) => [m, lookup(m)]));
  return new Proxy(inner, {
    get(target, property) {
      const hit = cached.get(property);
      if (hit) return hit;
      const member: unknown = Reflect.get(target, property, target);
      if (typeof member !== 'function') return member;
      if (typeof property === 'string' && KEEPS_CACHE.has(property)) return member.bind(target);
      return async (...args: unknown[]) => {
        try {
          return await member.apply(target, args);
        } finally {
          invalidate();
        }
      };
    },
  });
}
