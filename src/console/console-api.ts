// The RAM operations the console uses, each a thin typed call: RAM's wire names stop here, the pages
// see camelCase records.

import {
  asObject,
  type ConsoleCredentials,
  callRam,
  jsonText,
  type RamEndpoint,
  type RamJson,
  type RamParams,
} from './ram-call.js';

/** A RAM user as the console shows it. */
export interface ConsoleUser {
  readonly userName: string;
  readonly userId: string;
  readonly displayName: string;
  readonly comments: string;
  readonly createDate: string;
}

/** An AccessKey as listed (never with its secret). */
export interface ConsoleAccessKey {
  readonly accessKeyId: string;
  readonly status: string;
  readonly createDate: string;
}

/** The one response that carries a secret. */
export interface NewAccessKey extends ConsoleAccessKey {
  readonly accessKeySecret: string;
}

/** A key's last use: when, through which service, from where, doing what (absent parts are `''`). */
export interface ConsoleLastUse {
  readonly date: string;
  readonly serviceName: string;
  readonly sourceIp: string;
  readonly userAgent: string;
  readonly action: string;
}

/** A key's requests on one UTC day through one service. */
export interface ConsoleDailyUsage {
  readonly date: string;
  readonly serviceName: string;
  readonly requestCount: number;
}

/** A policy attached to a user. */
export interface ConsolePolicy {
  readonly policyName: string;
  readonly policyType: string;
  readonly description: string;
  readonly attachDate: string;
}

/** One page of ListUsers; `marker` is set when there are more. */
export interface UserPage {
  readonly users: readonly ConsoleUser[];
  readonly marker: string | undefined;
}

/** The system policies akm knows (RAM's names), offered for attachment. */
export const SYSTEM_POLICY_NAMES = [
  'AdministratorAccess',
  'AliyunRAMFullAccess',
  'AliyunRAMReadOnlyAccess',
  'AkmVerifyAccess',
];

const field = (json: RamJson | undefined, name: string): RamJson | undefined => asObject(json?.[name]);

/** `Users.User[]` and friends: RAM wraps each list in a plural object. */
function items(json: RamJson, plural: string, singular: string): RamJson[] {
  const list = field(json, plural)?.[singular];
  return Array.isArray(list) ? list.map(asObject).filter((item) => item !== undefined) : [];
}

function toUser(json: RamJson): ConsoleUser {
  return {
    userName: jsonText(json.UserName),
    userId: jsonText(json.UserId),
    displayName: jsonText(json.DisplayName),
    comments: jsonText(json.Comments),
    createDate: jsonText(json.CreateDate),
  };
}

function toAccessKey(json: RamJson): ConsoleAccessKey {
  return {
    accessKeyId: jsonText(json.AccessKeyId),
    status: jsonText(json.Status),
    createDate: jsonText(json.CreateDate),
  };
}

/** The console's view of the RAM API, bound to one endpoint and one AccessKey pair. */
export class ConsoleApi {
  /**
   * @param endpoint - where the API is (the page's own origin)
   * @param credentials - the signed-in pair
   */
  constructor(
    private readonly endpoint: RamEndpoint,
    readonly credentials: ConsoleCredentials,
  ) {}

  private call(action: string, params?: RamParams): Promise<RamJson> {
    return callRam(this.endpoint, this.credentials, action, params);
  }

  /** ListUsers: one page of at most `maxItems`, from `marker`. */
  async listUsers(marker: string | undefined, maxItems: number): Promise<UserPage> {
    const body = await this.call('ListUsers', { Marker: marker, MaxItems: maxItems });
    const truncated = body.IsTruncated === true || body.IsTruncated === 'true';
    return {
      users: items(body, 'Users', 'User').map(toUser),
      marker: truncated ? jsonText(body.Marker) || undefined : undefined,
    };
  }

  /** GetUser. */
  async getUser(userName: string): Promise<ConsoleUser> {
    return toUser(field(await this.call('GetUser', { UserName: userName }), 'User') ?? {});
  }

  /** CreateUser (an empty display name is not sent). */
  async createUser(userName: string, displayName: string): Promise<ConsoleUser> {
    const body = await this.call('CreateUser', { UserName: userName, DisplayName: displayName || undefined });
    return toUser(field(body, 'User') ?? {});
  }

  /** DeleteUser: RAM refuses (DeleteConflict.User.*) while the user has keys or policies. */
  async deleteUser(userName: string): Promise<void> {
    await this.call('DeleteUser', { UserName: userName });
  }

  /** ListAccessKeys of a user. */
  async listAccessKeys(userName: string): Promise<ConsoleAccessKey[]> {
    return items(await this.call('ListAccessKeys', { UserName: userName }), 'AccessKeys', 'AccessKey').map(
      toAccessKey,
    );
  }

  /** GetAccessKeyLastUsed: the last use, or `undefined` for a key never used. */
  async getAccessKeyLastUsed(userName: string, accessKeyId: string): Promise<ConsoleLastUse | undefined> {
    const body = await this.call('GetAccessKeyLastUsed', {
      UserName: userName,
      UserAccessKeyId: accessKeyId,
    });
    const use = field(body, 'AccessKeyLastUsed');
    const date = jsonText(use?.LastUsedDate);
    if (!date) return undefined;
    return {
      date,
      serviceName: jsonText(use?.ServiceName),
      sourceIp: jsonText(use?.SourceIp),
      userAgent: jsonText(use?.UserAgent),
      action: jsonText(use?.Action),
    };
  }

  /** ListAccessKeyUsage (akm): the key's requests per day and service, newest day first. */
  async listAccessKeyUsage(userName: string, accessKeyId: string): Promise<ConsoleDailyUsage[]> {
    const body = await this.call('ListAccessKeyUsage', { UserName: userName, UserAccessKeyId: accessKeyId });
    return items(body, 'Usage', 'DailyUsage').map((json) => ({
      date: jsonText(json.Date),
      serviceName: jsonText(json.ServiceName),
      requestCount: Number(json.RequestCount ?? 0),
    }));
  }

  /** CreateAccessKey: the only time the secret is ever returned. */
  async createAccessKey(userName: string): Promise<NewAccessKey> {
    const key = field(await this.call('CreateAccessKey', { UserName: userName }), 'AccessKey') ?? {};
    return { ...toAccessKey(key), accessKeySecret: jsonText(key.AccessKeySecret) };
  }

  /** UpdateAccessKey: `Active` or `Inactive`. */
  async updateAccessKey(userName: string, accessKeyId: string, status: 'Active' | 'Inactive'): Promise<void> {
    await this.call('UpdateAccessKey', { UserName: userName, UserAccessKeyId: accessKeyId, Status: status });
  }

  /** DeleteAccessKey. */
  async deleteAccessKey(userName: string, accessKeyId: string): Promise<void> {
    await this.call('DeleteAccessKey', { UserName: userName, UserAccessKeyId: accessKeyId });
  }

  /** ListPoliciesForUser. */
  async listPoliciesForUser(userName: string): Promise<ConsolePolicy[]> {
    const body = await this.call('ListPoliciesForUser', { UserName: userName });
    return items(body, 'Policies', 'Policy').map((json) => ({
      policyName: jsonText(json.PolicyName),
      policyType: jsonText(json.PolicyType),
      description: jsonText(json.Description),
      attachDate: jsonText(json.AttachDate),
    }));
  }

  /** AttachPolicyToUser or DetachPolicyFromUser, for a system policy. */
  async setPolicyAttached(userName: string, policyName: string, attached: boolean): Promise<void> {
    const action = attached ? 'AttachPolicyToUser' : 'DetachPolicyFromUser';
    await this.call(action, { UserName: userName, PolicyName: policyName, PolicyType: 'System' });
  }

  /** GetSecurityPreference (or SetSecurityPreference when `allow` is given): AllowUserToManageAccessKeys. */
  async allowUserToManageAccessKeys(allow?: boolean): Promise<boolean> {
    const body =
      allow === undefined
        ? await this.call('GetSecurityPreference')
        : await this.call('SetSecurityPreference', { AllowUserToManageAccessKeys: allow });
    const preference = field(field(body, 'SecurityPreference'), 'AccessKeyPreference');
    const value = preference?.AllowUserToManageAccessKeys;
    return value === true || value === 'true';
  }
}
