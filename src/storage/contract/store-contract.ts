/** The contract every Store implementation must pass (SQLite now, PostgreSQL next). */
import { describe } from 'vitest';
import { describeAccessKeyContract } from './access-key-contract.js';
import { describeAccountContract } from './account-contract.js';
import { describeAuditContract } from './audit-contract.js';
import { describeBulkImportContract } from './bulk-import-contract.js';
import { describeIsolationContract } from './isolation-contract.js';
import { describeLastUsedContract } from './last-used-contract.js';
import { describeLifecycleContract } from './lifecycle-contract.js';
import { describePolicyContract } from './policy-contract.js';
import { describeSecretRewriteContract } from './secret-rewrite-contract.js';
import { describeSettingsContract } from './settings-contract.js';
import type { OpenStore } from './store-harness.js';
import { describeUsageContract } from './usage-contract.js';
import { describeUserContract } from './user-contract.js';
import { describeUserDeletionContract } from './user-deletion-contract.js';
import { describeUserListingContract } from './user-listing-contract.js';

export type { OpenedStore, OpenStore } from './store-harness.js';

/**
 * Registers the store contract suite as a vitest `describe` named after `name`. `openStore` is called
 * before every test and must return an empty, migrated store; its `cleanup` runs after every test.
 */
export function describeStoreContract(name: string, openStore: OpenStore): void {
  describe(`Store contract: ${name}`, () => {
    describeAccountContract(openStore);
    describeUserContract(openStore);
    describeUserListingContract(openStore);
    describeUserDeletionContract(openStore);
    describeAccessKeyContract(openStore);
    describeLastUsedContract(openStore);
    describeUsageContract(openStore);
    describeAuditContract(openStore);
    describePolicyContract(openStore);
    describeSettingsContract(openStore);
    describeIsolationContract(openStore);
    describeLifecycleContract(openStore);
    describeBulkImportContract(openStore);
    describeSecretRewriteContract(openStore);
  });
}
