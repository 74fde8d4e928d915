// Master-key rotation in-process on SQLite: everything re-sealed under the new key, running runtimes
// follow, an interruption at any step leaves every key working, and a later run completes it.
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateMasterKey, nextKeyPath, readMasterKeyFile } from '../crypto/master-key.js';
import { MASTER_KEY_CHECK } from '../crypto/master-key-check.js';
import { masterKeyId } from '../crypto/sealed-format.js';
import { SEAL_FENCE_META } from '../domain/seal-fence.js';
import { SILENT_LOGGER } from '../logging/json-logger.js';
import { masterKeyPath, openRuntime, type Runtime } from '../main.js';
import { createAccount } from '../service/create-account.js';
import { opensWith, readRawStore, type ScratchDataDir, scratchDataDir } from './admin-test-support.js';
import { type RotationStep, rotateMasterKey } from './rotate-master-key.js';

let scratch: ScratchDataDir;
const runtimes: Runtime[] = [];

beforeEach(async () => {
  scratch = await scratchDataDir();
});

afterEach(async () => {
  for (const runtime of runtimes.splice(0)) await runtime.close();
  scratch.cleanup();
});

const keyFile = () => masterKeyPath(scratch.config);
const currentKey = () => readMasterKeyFile(keyFile()) ?? Buffer.alloc(0);

async function runtime(): Promise<Runtime> {
  const opened = await openRuntime(scratch.config, SILENT_LOGGER);
  runtimes.push(opened);
  return opened;
}

/** Every stored secret opens in `box`-holding runtime `rt` (as authentication would open it). */
function opensAll(rt: Runtime): boolean {
  const { secrets } = readRawStore(scratch.config);
  return [...secrets].every(([id, sealed]) => rt.deps.secretBox.open(sealed, id).length > 0);
}

/** The keys (by id) the stored secrets and the check value are sealed under. */
function sealedUnder(): Set<string> {
  const { secrets, meta } = readRawStore(scratch.config);
  return new Set([...secrets.values(), meta.get(MASTER_KEY_CHECK) ?? ''].map((s) => s.split('.')[1] ?? s));
}

class Interrupted extends Error {}

/** A hook that stops the rotation at `at`, as a kill there would (nothing after it runs). */
const stopAt = (at: RotationStep) => (step: RotationStep) => {
  if (step === at) throw new Interrupted(step);
};

describe('rotateMasterKey', () => {
  it('re-seals every secret and the check value under a new key and retires the old key file', async () => {
    const old = currentKey();
    const report = await rotateMasterKey(scratch.config, SILENT_LOGGER);
    const fresh = currentKey();
    expect(fresh.equals(old)).toBe(false);
    expect(report).toEqual({
      keyId: masterKeyId(fresh),
      retiredKeyIds: [masterKeyId(old)],
      secrets: 3,
      resumed: false,
      keyFile: keyFile(),
    });
    expect(existsSync(nextKeyPath(keyFile()))).toBe(false);
    expect(statSync(keyFile()).mode & 0o777).toBe(0o600);
    const { secrets, meta } = readRawStore(scratch.config);
    for (const [id, sealed] of secrets) {
      expect([opensWith(fresh, id, sealed), opensWith(old, id, sealed)]).toEqual([true, false]);
    }
    expect(opensWith(old, MASTER_KEY_CHECK, meta.get(MASTER_KEY_CHECK) ?? '')).toBe(false);
    expect(sealedUnder()).toEqual(new Set([report.keyId]));
    expect(meta.get(SEAL_FENCE_META)).toBe(`v2.${report.keyId}.`);
  });

  it('keeps a runtime opened before the rotation opening every secret and storing new ones under the new key', async () => {
    const reader = await runtime();
    const writer = await runtime();
    const { keyId } = await rotateMasterKey(scratch.config, SILENT_LOGGER);
    expect(opensAll(reader)).toBe(true);
    // The writer has not met the new key yet: it seals under the old one, the store refuses, it reseals.
    const created = await createAccount(writer.deps, { userName: null });
    expect(readRawStore(scratch.config).secrets.get(created.accessKeyId)?.split('.')[1]).toBe(keyId);
    expect(sealedUnder()).toEqual(new Set([keyId]));
  });

  it.each<RotationStep>(['fence-widened', 'next-key-written', 'rewriting', 'committed'])(
    'leaves every key working when interrupted at %s, and a second run completes it',
    async (step) => {
      const before = await runtime();
      const old = currentKey();
      await expect(rotateMasterKey(scratch.config, SILENT_LOGGER, stopAt(step))).rejects.toThrow(Interrupted);
      const incoming = readMasterKeyFile(nextKeyPath(keyFile()));
      expect(currentKey().equals(old)).toBe(true);
      expect(incoming === undefined).toBe(step === 'fence-widened');
      // A server running through it, and one started after it (it loads .next), open everything and create keys.
      const restarted = await runtime();
      for (const rt of [before, restarted]) {
        expect(opensAll(rt)).toBe(true);
        await createAccount(rt.deps, { userName: null });
        expect(opensAll(rt)).toBe(true);
      }
      const report = await rotateMasterKey(scratch.config, SILENT_LOGGER);
      expect(report.resumed).toBe(incoming !== undefined);
      if (incoming) expect(currentKey().equals(incoming)).toBe(true);
      expect(report.secrets).toBe(5);
      expect(sealedUnder()).toEqual(new Set([masterKeyId(currentKey())]));
      expect(existsSync(nextKeyPath(keyFile()))).toBe(false);
      expect(opensAll(before) && opensAll(restarted) && opensAll(await runtime())).toBe(true);
    },
  );

  it('refuses a master key from the environment, changing nothing', async () => {
    const env = { AKM_MASTER_KEY: currentKey().toString('base64') };
    const config = scratch.configFor('data', env);
    await expect(rotateMasterKey(config, SILENT_LOGGER)).rejects.toThrow(/AKM_MASTER_KEY is set/);
    expect(existsSync(nextKeyPath(keyFile()))).toBe(false);
  });

  it('refuses a key file that does not match the store, changing nothing', async () => {
    const before = readRawStore(scratch.config);
    writeFileSync(keyFile(), `${generateMasterKey().toString('base64')}\n`);
    const wrong = readFileSync(keyFile(), 'utf8');
    await expect(rotateMasterKey(scratch.config, SILENT_LOGGER)).rejects.toThrow(/does not match this store/);
    expect(readRawStore(scratch.config)).toEqual(before);
    expect(readFileSync(keyFile(), 'utf8')).toBe(wrong);
    expect(existsSync(nextKeyPath(keyFile()))).toBe(false);
  });

  it('refuses a data dir that was never initialised', async () => {
    await expect(rotateMasterKey(scratch.configFor('empty'), SILENT_LOGGER)).rejects.toThrow(
      /is not an initialised akm data dir/,
    );
  });
});
