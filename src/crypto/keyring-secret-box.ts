/**
 * The secret box over a ring of master keys: it seals under the newest key and opens a value under
 * whichever known key sealed it, re-reading its key source when a value names a key it does not know
 * (a master-key rotation committed by another process).
 */
import type { SecretBox } from '../domain/ports.js';
import { assertMasterKey, decryptAesGcm, encryptAesGcm } from './aes-gcm.js';
import { formatSealed, masterKeyId, parseSealed } from './sealed-format.js';

/** The master keys a source holds right now. */
export interface MasterKeys {
  /** The key new values are sealed under (during a rotation, the incoming one). */
  readonly sealing: Uint8Array;
  /** Further keys that may still open stored values (during a rotation, the outgoing one). */
  readonly others: readonly Uint8Array[];
}

/** Where the keys come from: fixed bytes, or the key files (see master-key-source.ts). */
export interface MasterKeySource {
  /** Reads the keys; throws when there are none or one is malformed. */
  load(): MasterKeys;
  /** A cheap stamp (e.g. the files' stat) that changes whenever the keys may have changed. */
  stamp(): string;
}

/** Tuning of {@link KeyringSecretBox}; injected so tests pin time. */
export interface KeyringOptions {
  /** Milliseconds since some epoch. Default `Date.now`. */
  readonly now?: () => number;
  /**
   * With an unchanged stamp, the source is re-read at most this often (default 1000 ms): a stored value
   * under a truly unknown key then costs a stat per request, not a read of the key files.
   */
  readonly minReloadIntervalMs?: number;
}

/** A key and its id. */
interface RingKey {
  readonly id: string;
  readonly key: Buffer;
}

/** The sealing key and every key by id (sealing key first). */
interface Ring {
  readonly sealing: RingKey;
  readonly keys: ReadonlyMap<string, Buffer>;
}

function toRingKey(key: Uint8Array): RingKey {
  assertMasterKey(key);
  // A copy: later changes to the caller's buffer must not change the ring.
  return { id: masterKeyId(key), key: Buffer.from(key) };
}

function buildRing(keys: MasterKeys): Ring {
  const sealing = toRingKey(keys.sealing);
  const ring = new Map<string, Buffer>([[sealing.id, sealing.key]]);
  for (const other of keys.others.map(toRingKey)) if (!ring.has(other.id)) ring.set(other.id, other.key);
  return { sealing, keys: ring };
}

/** How many opened secrets are remembered: the hot keys of a busy node, not every key. */
const OPENED_MEMO_SIZE = 10_000;

/**
 * Seals as `v2.<keyId>.<base64>` with AES-256-GCM, the AccessKeyId as associated data, so a sealed value
 * copied onto another key's row fails to open. Opens `v1.` values (no key id) with any known key.
 */
export class KeyringSecretBox implements SecretBox {
  /** Recently opened secrets by AccessKeyId and sealed value (bounded; oldest dropped first). */
  readonly #opened = new Map<string, string>();
  readonly #source: MasterKeySource;
  readonly #now: () => number;
  readonly #minReloadIntervalMs: number;
  #ring: Ring;
  #stamp: string;
  #loadedAt: number;

  /** Loads the source once; throws what the source throws. */
  constructor(source: MasterKeySource, options: KeyringOptions = {}) {
    this.#source = source;
    this.#now = options.now ?? Date.now;
    this.#minReloadIntervalMs = options.minReloadIntervalMs ?? 1000;
    this.#stamp = source.stamp();
    this.#loadedAt = this.#now();
    this.#ring = buildRing(source.load());
  }

  /** The id of the key new values are sealed under. */
  get sealingKeyId(): string {
    return this.#ring.sealing.id;
  }

  /** The ids of every key this box can open values with, sealing key first. */
  keyIds(): string[] {
    return [...this.#ring.keys.keys()];
  }

  seal(secret: string, accessKeyId: string): string {
    const { id, key } = this.#ring.sealing;
    return formatSealed(id, encryptAesGcm(key, secret, accessKeyId));
  }

  open(sealed: string, accessKeyId: string): string {
    // Every signed request opens its key's secret: remember recent results. The sealed value comes from
    // the (current) store row, so a deleted or re-sealed key is never answered from here.
    const memoKey = `${accessKeyId}\n${sealed}`;
    const remembered = this.#opened.get(memoKey);
    if (remembered !== undefined) return remembered;
    const secret = this.#openUncached(sealed, accessKeyId);
    if (this.#opened.size >= OPENED_MEMO_SIZE) this.#opened.delete(this.#opened.keys().next().value ?? '');
    this.#opened.set(memoKey, secret);
    return secret;
  }

  #openUncached(sealed: string, accessKeyId: string): string {
    const { keyId, payload } = parseSealed(sealed);
    if (keyId === undefined) return this.#openLegacy(payload, accessKeyId);
    if (!this.#ring.keys.has(keyId)) this.refresh();
    const key = this.#ring.keys.get(keyId);
    if (key === undefined) throw new Error(`sealed under an unknown master key (id ${keyId})`);
    return decryptAesGcm(key, payload, accessKeyId);
  }

  refresh(): boolean {
    const stamp = this.#source.stamp();
    const now = this.#now();
    if (stamp === this.#stamp && now - this.#loadedAt < this.#minReloadIntervalMs) return false;
    this.#stamp = stamp;
    this.#loadedAt = now;
    let loaded: Ring;
    try {
      loaded = buildRing(this.#source.load());
    } catch {
      // A key file caught mid-edit or removed by mistake: keep serving with the keys already known.
      return false;
    }
    const before = this.#ring;
    this.#ring = loaded;
    this.#opened.clear();
    return (
      loaded.sealing.id !== before.sealing.id ||
      loaded.keys.size !== before.keys.size ||
      [...loaded.keys.keys()].some((id) => !before.keys.has(id))
    );
  }

  /** `v1.` values name no key: try each, sealing key first (GCM's tag rejects the wrong ones). */
  #openLegacy(payload: Buffer, accessKeyId: string): string {
    let failure: unknown;
    for (const key of this.#ring.keys.values()) {
      try {
        return decryptAesGcm(key, payload, accessKeyId);
      } catch (error) {
        failure = error;
      }
    }
    throw failure;
  }
}
