/**
 * `akm dev seed`: fills a store with accounts, users and AccessKeys for benchmarks, fast — one bulk
 * transaction per account of up to 1,000 users, each user holding up to two keys, every secret sealed as
 * usual (and thrown away: nobody can sign with a seeded key).
 */
import type { AccessKey, Account, User } from '../domain/entities.js';
import { MAX_ACCESS_KEYS_PER_OWNER, MAX_USERS_PER_ACCOUNT } from '../domain/limits.js';
import type { ServiceDeps } from './service-deps.js';

/** How much to seed. */
export interface SeedPlan {
  readonly keys: number;
  /** Default: just enough users to hold the keys (two each). */
  readonly users?: number;
}

/** What was seeded. */
export interface SeedResult {
  readonly accounts: number;
  readonly users: number;
  readonly keys: number;
}

/** Writes the plan's users and keys into new accounts of up to 1,000 users each. */
export async function seedStore(
  deps: Pick<ServiceDeps, 'store' | 'clock' | 'ids' | 'secretBox'>,
  plan: SeedPlan,
): Promise<SeedResult> {
  const userCount = plan.users ?? Math.ceil(plan.keys / MAX_ACCESS_KEYS_PER_OWNER);
  if (userCount * MAX_ACCESS_KEYS_PER_OWNER < plan.keys) {
    throw new RangeError(
      `${userCount} users cannot hold ${plan.keys} keys (${MAX_ACCESS_KEYS_PER_OWNER} each)`,
    );
  }
  const now = deps.clock.now();
  let usersLeft = userCount;
  let keysLeft = plan.keys;
  let accounts = 0;
  while (usersLeft > 0) {
    const account: Account = { accountId: deps.ids.accountId(), createDate: now };
    const users: User[] = [];
    const keys: AccessKey[] = [];
    for (let i = 0; i < MAX_USERS_PER_ACCOUNT && usersLeft > 0; i += 1, usersLeft -= 1) {
      const user = seededUser(deps, account.accountId, accounts * MAX_USERS_PER_ACCOUNT + i, now);
      users.push(user);
      // Spread keys evenly: this user takes its share of what is left.
      const share = Math.min(MAX_ACCESS_KEYS_PER_OWNER, Math.ceil(keysLeft / usersLeft));
      for (let k = 0; k < share; k += 1, keysLeft -= 1) keys.push(seededKey(deps, user, now));
    }
    await deps.store.importBatch({ accounts: [account], users, keys });
    accounts += 1;
  }
  return { accounts, users: userCount, keys: plan.keys };
}

function seededUser(deps: Pick<ServiceDeps, 'ids'>, accountId: string, n: number, now: Date): User {
  return {
    accountId,
    userId: deps.ids.userId(),
    userName: `seed-user-${n}`,
    path: '/',
    displayName: '',
    mobilePhone: '',
    email: '',
    comments: '',
    createDate: now,
    updateDate: now,
    lastLoginDate: null,
  };
}

function seededKey(deps: Pick<ServiceDeps, 'ids' | 'secretBox'>, user: User, now: Date): AccessKey {
  const accessKeyId = deps.ids.accessKeyId();
  return {
    accessKeyId,
    accountId: user.accountId,
    userId: user.userId,
    status: 'Active',
    createDate: now,
    encryptedSecret: deps.secretBox.seal(deps.ids.accessKeySecret(), accessKeyId),
    lastUsedDate: null,
  };
}
