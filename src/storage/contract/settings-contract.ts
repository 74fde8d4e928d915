/** Store contract: account security preferences and the store's own meta values. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SECURITY_PREFERENCE, type SecurityPreference } from '../../domain/entities.js';
import { seedAccount } from './fixtures.js';
import { expectAkmError, type OpenStore, useFreshStore } from './store-harness.js';

/** Every field flipped from the default, so a dropped column cannot go unnoticed. */
const CUSTOM: SecurityPreference = {
  allowUserToManageAccessKeys: true,
  allowUserToChangePassword: false,
  allowUserToManageMfaDevices: false,
  allowUserToManagePublicKeys: true,
  enableSaveMfaTicket: true,
  loginSessionDuration: 12,
  loginNetworkMasks: '10.0.0.0/8;192.168.0.0/16',
};

/** Registers the preference and meta tests. */
export function describeSettingsContract(openStore: OpenStore): void {
  describe('security preferences', () => {
    const store = useFreshStore(openStore);

    it('returns the defaults, then what was set, then what overwrote it', async () => {
      const { account } = await seedAccount(store());
      expect(await store().getSecurityPreference(account.accountId)).toEqual(DEFAULT_SECURITY_PREFERENCE);
      await store().setSecurityPreference(account.accountId, CUSTOM);
      expect(await store().getSecurityPreference(account.accountId)).toEqual(CUSTOM);
      await store().setSecurityPreference(account.accountId, DEFAULT_SECURITY_PREFERENCE);
      expect(await store().getSecurityPreference(account.accountId)).toEqual(DEFAULT_SECURITY_PREFERENCE);
    });

    it('keeps each account its own preference', async () => {
      const a = await seedAccount(store());
      const b = await seedAccount(store());
      await store().setSecurityPreference(a.account.accountId, CUSTOM);
      expect(await store().getSecurityPreference(b.account.accountId)).toEqual(DEFAULT_SECURITY_PREFERENCE);
    });

    it('returns the defaults for an unknown account and refuses to set one (ACCOUNT_NOT_FOUND)', async () => {
      expect(await store().getSecurityPreference('1066666666666666')).toEqual(DEFAULT_SECURITY_PREFERENCE);
      await expectAkmError(store().setSecurityPreference('1066666666666666', CUSTOM), 'ACCOUNT_NOT_FOUND');
    });
  });

  describe('meta', () => {
    const store = useFreshStore(openStore);

    it('returns undefined for a missing key, then the value set, then the overwrite', async () => {
      expect(await store().getMeta('master_key_check')).toBeUndefined();
      await store().setMeta('master_key_check', 'v1');
      expect(await store().getMeta('master_key_check')).toBe('v1');
      await store().setMeta('master_key_check', 'v2');
      expect(await store().getMeta('master_key_check')).toBe('v2');
      expect(await store().getMeta('other')).toBeUndefined();
    });
  });
}
