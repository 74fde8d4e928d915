/** Entity builders for the store contract suite: deterministic ids and dates, no clock, no randomness. */
import type {
  AccessKey,
  Account,
  KeyOwner,
  PolicyAttachment,
  PolicyType,
  User,
} from '../../domain/entities.js';
import { MAX_ACCESS_KEYS_PER_OWNER, MAX_USERS_PER_ACCOUNT } from '../../domain/limits.js';
import type { Store } from '../../domain/ports.js';

const EPOCH = Date.UTC(2024, 0, 1);

/** A fixed instant `seconds` after 2024-01-01T00:00:00Z. */
export function at(seconds: number): Date {
  return new Date(EPOCH + seconds * 1000);
}

let counter = 0;

/** A process-wide sequence, so ids never repeat even between stores. */
function nextNumber(): number {
  counter += 1;
  return counter;
}

function sixteenDigits(prefix: string): string {
  return `${prefix}${String(nextNumber()).padStart(16 - prefix.length, '0')}`;
}

/** A new AccessKeyId shaped like RAM's. */
export function newAccessKeyId(): string {
  return `LTAI${String(nextNumber()).padStart(20, '0')}`;
}

/** A new account (not yet stored). */
export function makeAccount(): Account {
  return { accountId: sixteenDigits('10'), createDate: at(0) };
}

/** A new root key of `accountId` (not yet stored). */
export function makeRootKey(accountId: string, overrides: Partial<AccessKey> = {}): AccessKey {
  const accessKeyId = newAccessKeyId();
  return {
    accessKeyId,
    accountId,
    userId: null,
    status: 'Active',
    createDate: at(1),
    encryptedSecret: `sealed:${accessKeyId}`,
    lastUsedDate: null,
    lastUsedService: null,
    lastUsedRegion: null,
    lastUsedSourceIp: null,
    lastUsedUserAgent: null,
    lastUsedAction: null,
    ...overrides,
  };
}

/** A new user of `accountId` called `userName` (not yet stored). */
export function makeUser(accountId: string, userName: string, overrides: Partial<User> = {}): User {
  return {
    accountId,
    userId: sixteenDigits('20'),
    userName,
    path: '/',
    displayName: `${userName} display`,
    mobilePhone: '86-18600000000',
    email: `${userName}@example.com`,
    comments: `comments of ${userName}`,
    createDate: at(10),
    updateDate: at(10),
    lastLoginDate: null,
    ...overrides,
  };
}

/** A new key of `user` (not yet stored). */
export function makeUserKey(user: User, overrides: Partial<AccessKey> = {}): AccessKey {
  return makeRootKey(user.accountId, { userId: user.userId, createDate: at(20), ...overrides });
}

/** A policy attachment. */
export function makePolicy(
  policyName: string,
  policyType: PolicyType = 'System',
  attachDate: Date = at(30),
): PolicyAttachment {
  return { policyName, policyType, attachDate };
}

/** The root owner of `accountId`. */
export function rootOwner(accountId: string): KeyOwner {
  return { kind: 'root', accountId };
}

/** The owner value for `user`. */
export function userOwner(user: Pick<User, 'accountId' | 'userId'>): KeyOwner {
  return { kind: 'user', accountId: user.accountId, userId: user.userId };
}

/** Stores a new account with its root key. */
export async function seedAccount(store: Store): Promise<{ account: Account; rootKey: AccessKey }> {
  const account = makeAccount();
  const rootKey = makeRootKey(account.accountId);
  await store.createAccount(account, rootKey);
  return { account, rootKey };
}

/** Stores a new user in `accountId`. */
export async function seedUser(
  store: Store,
  accountId: string,
  userName: string,
  overrides: Partial<User> = {},
): Promise<User> {
  const user = makeUser(accountId, userName, overrides);
  await store.createUser(user, MAX_USERS_PER_ACCOUNT);
  return user;
}

/** Stores a new key for `user`. */
export async function seedUserKey(
  store: Store,
  user: User,
  overrides: Partial<AccessKey> = {},
): Promise<AccessKey> {
  const key = makeUserKey(user, overrides);
  await store.createAccessKey(key, MAX_ACCESS_KEYS_PER_OWNER);
  return key;
}
