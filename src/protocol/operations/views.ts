/** Neutral output views of entities, shared by the operations that return them. */
import type { AccessKey, User } from '../../domain/entities.js';
import type { OutputObject } from './output.js';

/** The fields every user view carries; the options add what only some operations return. */
export function userView(
  user: User,
  extra: { updateDate?: boolean; lastLoginDate?: boolean } = {},
): OutputObject {
  return {
    userId: user.userId,
    userName: user.userName,
    displayName: user.displayName,
    mobilePhone: user.mobilePhone,
    email: user.email,
    comments: user.comments,
    createDate: user.createDate,
    updateDate: extra.updateDate ? user.updateDate : undefined,
    lastLoginDate: extra.lastLoginDate ? user.lastLoginDate : undefined,
  };
}

/** An AccessKey as listed: never its secret. */
export function accessKeyView(key: AccessKey): OutputObject {
  return { accessKeyId: key.accessKeyId, status: key.status, createDate: key.createDate };
}
