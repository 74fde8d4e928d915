/**
 * IAM identifiers derived from akm's own, never stored: the 12-digit AWS account id, the `AIDA…` UserId
 * and the ARNs of users and of the account root. Deriving them keeps one source of truth (the numeric
 * ids) and lets both wires describe the same principal.
 */

/** AWS account ids have 12 digits; akm's have 16. */
const AWS_ACCOUNT_ID_DIGITS = 12;
/** The base32 alphabet of AWS unique ids and access key ids (RFC 4648, `A-Z2-7`). */
export const BASE32_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
/** IAM user ids are `AIDA` + 17 base32 characters (85 bits). */
const USER_ID_PREFIX = 'AIDA';
const USER_ID_CHARS = 17;
const USER_ID_BITS = 85n;
const USER_ID_MODULUS = 1n << USER_ID_BITS;
/**
 * An odd multiplier and an offset make `n → (n·K + C) mod 2^85` a bijection that spreads consecutive
 * numeric ids over the whole space, so ids do not share long common prefixes.
 */
const MIX_MULTIPLIER = 0x1d5a3b1c2f4e6a7b9c8d1n;
const MIX_OFFSET = 0x0b7e151628aed2a6abf71n;

/** Modular inverse of an odd number modulo 2^85 (Newton's iteration doubles the correct bits each step). */
function inverseOfOdd(k: bigint): bigint {
  let x = k;
  for (let i = 0; i < 7; i++) x = (x * (2n - k * x)) % USER_ID_MODULUS;
  return ((x % USER_ID_MODULUS) + USER_ID_MODULUS) % USER_ID_MODULUS;
}

const MIX_INVERSE = inverseOfOdd(MIX_MULTIPLIER);

/** The AWS account id of an akm account: the last 12 of its 16 digits. */
export function awsAccountIdOf(accountId: string): string {
  return accountId.slice(-AWS_ACCOUNT_ID_DIGITS).padStart(AWS_ACCOUNT_ID_DIGITS, '0');
}

/** The IAM `UserId` of a user: `AIDA` + 17 base32 characters, a bijection of the numeric user id. */
export function iamUserIdOf(userId: string): string {
  let n = (BigInt(userId) * MIX_MULTIPLIER + MIX_OFFSET) % USER_ID_MODULUS;
  let out = '';
  for (let i = 0; i < USER_ID_CHARS; i++) {
    out = BASE32_ALPHABET.charAt(Number(n & 31n)) + out;
    n >>= 5n;
  }
  return USER_ID_PREFIX + out;
}

/** The numeric user id behind an IAM `UserId`, or `undefined` when it is not one akm derived. */
export function userIdOfIamUserId(iamUserId: string): string | undefined {
  const body = iamUserId.slice(USER_ID_PREFIX.length);
  if (!iamUserId.startsWith(USER_ID_PREFIX) || body.length !== USER_ID_CHARS) return undefined;
  let n = 0n;
  for (const c of body) {
    const digit = BASE32_ALPHABET.indexOf(c);
    if (digit < 0) return undefined;
    n = (n << 5n) | BigInt(digit);
  }
  const userId = ((((n - MIX_OFFSET) % USER_ID_MODULUS) + USER_ID_MODULUS) * MIX_INVERSE) % USER_ID_MODULUS;
  const text = userId.toString();
  return text.length === 16 ? text : undefined;
}

/** `arn:aws:iam::<acct>:user<path><name>`, e.g. `arn:aws:iam::123456789012:user/division/alice`. */
export function userArnOf(accountId: string, path: string, userName: string): string {
  return `arn:aws:iam::${awsAccountIdOf(accountId)}:user${path}${userName}`;
}

/** `arn:aws:iam::<acct>:root`, the account root's ARN. */
export function rootArnOf(accountId: string): string {
  return `arn:aws:iam::${awsAccountIdOf(accountId)}:root`;
}

/** The ARN of a principal: the root's or its user's. */
export function principalArnOf(principal: {
  readonly accountId: string;
  readonly kind: 'root' | 'user';
  readonly path: string;
  readonly userName: string | null;
}): string {
  return principal.kind === 'root' || principal.userName === null
    ? rootArnOf(principal.accountId)
    : userArnOf(principal.accountId, principal.path, principal.userName);
}
