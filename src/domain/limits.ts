/** Quotas and input constraints that RAM documents and akm enforces. */

/** At most this many AccessKey pairs per user and per account root (RAM and IAM both say 2). */
export const MAX_ACCESS_KEYS_PER_OWNER = 2;

/** RAM users per account (RAM's documented quota). */
export const MAX_USERS_PER_ACCOUNT = 1000;

/** The allowed request clock skew, both ways (RAM's 15-minute window). */
export const SIGNATURE_TIME_WINDOW_MS = 15 * 60 * 1000;

/** ListUsers paging bounds (the SDK documents 1–1000, default 100). */
export const MAX_ITEMS_DEFAULT = 100;
export const MAX_ITEMS_LIMIT = 1000;
