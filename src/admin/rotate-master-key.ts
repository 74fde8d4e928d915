/**
 * `akm rotate-master-key`: re-seals every stored secret and the master key check value under a new
 * master key in one store transaction while servers keep serving, then retires the old key file.
 *
 * The steps, and why a kill at any point leaves every key working:
 * 1. widen the seal fence to admit the old and the new key: servers that already picked up the new key
 *    file may store secrets sealed under it, servers that did not keep using the old one;
 * 2. write the new key to `<key file>.next` (0600): servers re-read it when they meet its key id, and
 *    load it at start-up; a later run resumes with this key instead of making another;
 * 3. one transaction: re-seal every secret and the check value, narrow the fence to the new key; after
 *    it, no process can store a secret under the old key (the store refuses, the writer reseals);
 * 4. rename `.next` over the key file: the old key is gone from disk, and no stored value needs it.
 */
import { existsSync } from 'node:fs';
import type { Config } from '../config/config-schema.js';
import { KeyringSecretBox } from '../crypto/keyring-secret-box.js';
import { generateMasterKey, keyFileSource, nextKeyPath, readMasterKeyFile } from '../crypto/master-key.js';
import { MASTER_KEY_CHECK, opensCheckValue, sealCheckValue } from '../crypto/master-key-check.js';
import { masterKeyId, sealedPrefix } from '../crypto/sealed-format.js';
import type { Logger, SecretRewrite, Store } from '../domain/ports.js';
import { formatSealFence, SEAL_FENCE_META, sealFencePrefixes } from '../domain/seal-fence.js';
import { masterKeyPath, openKeyring, openStoreForStartup, StartupError } from '../main.js';
import { sqlitePath } from '../open-store.js';
import { claimNextKeyFile, promoteNextKeyFile } from './key-files.js';

/** The points a rotation passes, in order; a test-only hook may stop the process at any of them. */
export type RotationStep = 'fence-widened' | 'next-key-written' | 'rewriting' | 'committed';

/** What a rotation did. */
export interface RotationReport {
  /** The id of the key now in the key file. */
  readonly keyId: string;
  /** The ids of the keys no stored value is sealed under any more. */
  readonly retiredKeyIds: readonly string[];
  /** How many AccessKey secrets were re-sealed. */
  readonly secrets: number;
  /** True when it completed an interrupted rotation (reusing its `.next` key) rather than start one. */
  readonly resumed: boolean;
  readonly keyFile: string;
}

const ENVIRONMENT_KEY_REFUSAL =
  'AKM_MASTER_KEY is set: a rotation replaces the master key file, and nodes that read the key from the ' +
  'environment cannot follow it. Move the key into the key file (mode 0600), unset AKM_MASTER_KEY on ' +
  'every node and restart them, then rotate (see README, "Rotating the master key").';

/** Step 1: admits the fence's prefixes, every key of `ring`, and the incoming key. */
async function widenFence(store: Store, ring: KeyringSecretBox, incoming: Buffer): Promise<void> {
  const prefixes = [
    ...sealFencePrefixes(await store.getMeta(SEAL_FENCE_META)),
    ...ring.keyIds().map(sealedPrefix),
    sealedPrefix(masterKeyId(incoming)),
  ];
  await store.setMeta(SEAL_FENCE_META, formatSealFence(prefixes));
}

/** Step 3's re-sealing of one value, naming the key when a stored value cannot be opened. */
function reseal(ring: KeyringSecretBox, onFirst: () => void): SecretRewrite {
  let first = true;
  return (accessKeyId, sealed) => {
    if (first) onFirst();
    first = false;
    try {
      return ring.seal(ring.open(sealed, accessKeyId), accessKeyId);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new StartupError(`cannot open the secret of ${accessKeyId} (${reason}); nothing was changed`);
    }
  };
}

/** Refuses a store the configured keys do not open (the old key must open everything we re-seal). */
async function requireMatchingKey(store: Store, ring: KeyringSecretBox): Promise<void> {
  const check = await store.getMeta(MASTER_KEY_CHECK);
  if (check === undefined) throw new StartupError('the store is not initialised (no master key check value)');
  if (!opensCheckValue(ring, check)) {
    throw new StartupError('the master key does not match this store (check the master key file)');
  }
}

/**
 * Rotates the master key of the configured store and key file. `onStep` is called at each step (the
 * test-only pause hook); it must return synchronously, as `rewriting` runs inside the transaction.
 */
export async function rotateMasterKey(
  config: Config,
  logger: Logger,
  onStep: (step: RotationStep) => void = () => undefined,
): Promise<RotationReport> {
  if (config.masterKey) throw new StartupError(ENVIRONMENT_KEY_REFUSAL);
  if (!config.databaseUrl && !existsSync(sqlitePath(config))) {
    throw new StartupError(`${config.dataDir} is not an initialised akm data dir`);
  }
  const keyFile = masterKeyPath(config);
  const outgoing = openKeyring(config);
  const opened = await openStoreForStartup(config, 'serve', { now: () => new Date() }, logger);
  try {
    const { store } = opened;
    await requireMatchingKey(store, outgoing);
    const leftover = readMasterKeyFile(nextKeyPath(keyFile));
    let incoming = leftover ?? generateMasterKey();
    await widenFence(store, outgoing, incoming);
    onStep('fence-widened');
    if (!leftover) {
      const claimed = claimNextKeyFile(keyFile, incoming);
      // Another rotation wrote its key first: finish that one (and admit its key first).
      if (!claimed.equals(incoming)) await widenFence(store, outgoing, claimed);
      incoming = claimed;
    }
    onStep('next-key-written');
    const ring = new KeyringSecretBox(keyFileSource(keyFile));
    const keyId = masterKeyId(incoming);
    if (ring.sealingKeyId !== keyId)
      throw new StartupError('the key files changed during the rotation; run it again');
    const secrets = await store.rewriteSecrets(
      reseal(ring, () => onStep('rewriting')),
      { [MASTER_KEY_CHECK]: sealCheckValue(ring), [SEAL_FENCE_META]: formatSealFence([sealedPrefix(keyId)]) },
    );
    onStep('committed');
    promoteNextKeyFile(keyFile, incoming);
    const retiredKeyIds = [...new Set([...outgoing.keyIds(), ...ring.keyIds()])].filter((id) => id !== keyId);
    return { keyId, retiredKeyIds, secrets, resumed: leftover !== undefined, keyFile };
  } finally {
    await opened.close();
  }
}
