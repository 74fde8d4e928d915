/** Neutral output views of entities, shared by the operations that return them; wires pick what they render. */
import type { AccessKey, LastUse, User } from '../../domain/entities.js';
import { iamUserIdOf, userArnOf } from '../../domain/iam-identifiers.js';
import type { OutputObject } from './output.js';

/** Everything either wire says about a user (RAM's profile fields, IAM's path, ARN and UserId). */
export function userView(user: User): OutputObject {
  return {
    userId: user.userId,
    userName: user.userName,
    displayName: user.displayName,
    mobilePhone: user.mobilePhone,
    email: user.email,
    comments: user.comments,
    createDate: user.createDate,
    updateDate: user.updateDate,
    lastLoginDate: user.lastLoginDate,
    path: user.path,
    arn: userArnOf(user.accountId, user.path, user.userName),
    iamUserId: iamUserIdOf(user.userId),
  };
}

/** An AccessKey as listed, with its owner's name (null for the root): never its secret. */
export function accessKeyView(key: AccessKey, userName: string | null): OutputObject {
  return { userName, accessKeyId: key.accessKeyId, status: key.status, createDate: key.createDate };
}

/** A key's last use: null fields when it was never used (or the request did not carry them). */
export function lastUseView(use: LastUse | null): OutputObject {
  return {
    lastUsedDate: use?.date,
    serviceName: use?.serviceName,
    region: use?.region,
    sourceIp: use?.sourceIp,
    userAgent: use?.userAgent,
    action: use?.action,
  };
}
