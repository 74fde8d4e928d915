/** awsQuery wire names: PascalCase members, `member` list items, and the two APIs served on this wire. */
import type { FieldConstraints, WireBinding } from '../operations/wire-binding.js';
import type { WireNaming } from '../operations/wire-shape.js';
import type { IamErrorEntry } from './iam-error-table.js';

/** The awsQuery name of a neutral field: `userName` → `UserName`. */
export function toAwsName(neutral: string): string {
  return neutral.charAt(0).toUpperCase() + neutral.slice(1);
}

/** awsQuery's default naming: PascalCase fields, every list item a `member`. */
export const AWS_NAMING: WireNaming = { field: toAwsName, item: () => 'member' };

/** Whose ARN an AccessDenied names: the targeted user (or the caller), all users, or the account. */
export type DeniedResource = 'user' | 'users' | 'account';

/** One operation as IAM or STS exposes it. */
export interface AwsBinding extends WireBinding {
  /** IAM names no user for this key operation: the user is the owner of the key named (GetAccessKeyLastUsed). */
  readonly userNameFromKeyOwner?: boolean;
  /** What an AccessDenied for this operation names as the resource (default `user`). */
  readonly deniedResource?: DeniedResource;
  /** Wire answers that differ for this operation from the API's error table. */
  readonly errors?: Partial<Record<string, IamErrorEntry>>;
}

/** An API served on this wire. */
export interface AwsQueryApi {
  /** The `Version` parameter it answers to. */
  readonly version: string;
  /** The SigV4 signing name its requests must be scoped to. */
  readonly signingName: string;
  /** The namespace of its response and error documents. */
  readonly xmlNamespace: string;
  readonly bindings: ReadonlyMap<string, AwsBinding>;
  /** Constraints it publishes per neutral field (bindings may replace them). */
  readonly constraints: FieldConstraints;
}
