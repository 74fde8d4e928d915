/** Who is calling: an account root or a RAM user, identified by the AccessKey that signed the request. */

/** The authenticated caller of a request. */
export interface Principal {
  readonly accountId: string;
  readonly kind: 'root' | 'user';
  /** The user's id and name; null for the root. */
  readonly userId: string | null;
  readonly userName: string | null;
  /** The user's IAM path (part of its ARN); `/` for the root. */
  readonly path: string;
  /** The AccessKey that signed the request. */
  readonly accessKeyId: string;
  /** Names of the system policies attached to the user (empty for the root, which needs none). */
  readonly policies: readonly string[];
}
