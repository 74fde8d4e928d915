/** The four official-client modes the e2e suites loop over, behind one call returning the PascalCase body. */
import type { TestServer } from './akm-test-server.js';
import { type Credentials, popClient, Ram, ramClient } from './ram-clients.js';

/** ram20150501 with V3 (default), ram20150501 with `signatureAlgorithm:'v2'`, pop-core GET, pop-core POST. */
export type ClientMode = 'ram20150501 V3' | 'ram20150501 v2' | 'pop-core GET' | 'pop-core POST';

/** Every mode, in the order suites run them. */
export const CLIENT_MODES: readonly ClientMode[] = [
  'ram20150501 V3',
  'ram20150501 v2',
  'pop-core GET',
  'pop-core POST',
];

/** Whether the mode is one of the pop-core ones (errors carry `name`, not `statusCode`). */
export function isPopMode(mode: ClientMode): boolean {
  return mode.startsWith('pop-core');
}

/** Request parameters by their RAM wire name. */
export type RamParams = Readonly<Record<string, string | number | boolean>>;

/** A response body by RAM wire names (for ram20150501: what its model parsed, mapped back by `toMap`). */
export type RamBody = Record<string, unknown>;

/** An error as the client surfaced it. */
export interface ObservedError {
  readonly code: unknown;
  /** ram20150501: `statusCode`; pop-core: the status of `entry.response`. */
  readonly status: unknown;
  readonly name: unknown;
  readonly data: unknown;
}

/** One client in one mode, bound to one set of credentials. */
export interface RamCaller {
  readonly mode: ClientMode;
  call(action: string, params?: RamParams): Promise<RamBody>;
  /** Calls and returns the error; fails the test when the call succeeds. */
  fail(action: string, params?: RamParams): Promise<ObservedError>;
}

type SdkClient = ReturnType<typeof ramClient>;
type SdkModelMap = Record<string, unknown>;
interface SdkResponse {
  readonly statusCode?: number;
  readonly body?: { toMap(): Record<string, unknown> };
}
type SdkCall = (client: SdkClient, map: SdkModelMap) => Promise<SdkResponse>;

/** The typed ram20150501 method and request model behind each action. */
const SDK_CALLS: Readonly<Record<string, SdkCall>> = {
  CreateUser: (c, m) => c.createUser(new Ram.CreateUserRequest(m)),
  GetUser: (c, m) => c.getUser(new Ram.GetUserRequest(m)),
  UpdateUser: (c, m) => c.updateUser(new Ram.UpdateUserRequest(m)),
  ListUsers: (c, m) => c.listUsers(new Ram.ListUsersRequest(m)),
  DeleteUser: (c, m) => c.deleteUser(new Ram.DeleteUserRequest(m)),
  CreateAccessKey: (c, m) => c.createAccessKey(new Ram.CreateAccessKeyRequest(m)),
  ListAccessKeys: (c, m) => c.listAccessKeys(new Ram.ListAccessKeysRequest(m)),
  UpdateAccessKey: (c, m) => c.updateAccessKey(new Ram.UpdateAccessKeyRequest(m)),
  DeleteAccessKey: (c, m) => c.deleteAccessKey(new Ram.DeleteAccessKeyRequest(m)),
  GetAccessKeyLastUsed: (c, m) => c.getAccessKeyLastUsed(new Ram.GetAccessKeyLastUsedRequest(m)),
  AttachPolicyToUser: (c, m) => c.attachPolicyToUser(new Ram.AttachPolicyToUserRequest(m)),
  DetachPolicyFromUser: (c, m) => c.detachPolicyFromUser(new Ram.DetachPolicyFromUserRequest(m)),
  ListPoliciesForUser: (c, m) => c.listPoliciesForUser(new Ram.ListPoliciesForUserRequest(m)),
  GetSecurityPreference: (c) => c.getSecurityPreference(),
  SetSecurityPreference: (c, m) => c.setSecurityPreference(new Ram.SetSecurityPreferenceRequest(m)),
};

/** `UserName` → `userName`: the SDK models' property names. */
function toModelMap(params: RamParams): SdkModelMap {
  const map: SdkModelMap = {};
  for (const [name, value] of Object.entries(params))
    map[name.charAt(0).toLowerCase() + name.slice(1)] = value;
  return map;
}

/** Reads `key` of an unknown value when it is an object. */
export function prop(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

function observe(error: unknown): ObservedError {
  const status = prop(error, 'statusCode') ?? prop(prop(prop(error, 'entry'), 'response'), 'statusCode');
  return { code: prop(error, 'code'), status, name: prop(error, 'name'), data: prop(error, 'data') };
}

function sdkCaller(mode: ClientMode, server: TestServer, credentials: Credentials): RamCaller['call'] {
  const client = ramClient(server.endpoint, credentials, {
    signature: mode === 'ram20150501 v2' ? 'v2' : 'v3',
  });
  return async (action, params = {}) => {
    const call = SDK_CALLS[action];
    if (!call) throw new Error(`no ram20150501 method mapped for ${action}`);
    const response = await call(client, toModelMap(params));
    if (response.statusCode !== 200) throw new Error(`${action}: HTTP ${String(response.statusCode)}`);
    return response.body?.toMap() ?? {};
  };
}

function popCaller(mode: ClientMode, server: TestServer, credentials: Credentials): RamCaller['call'] {
  const client = popClient(server.url, credentials);
  const options = mode === 'pop-core POST' ? { method: 'POST' } : {};
  return async (action, params = {}) => {
    const body: unknown = await client.request(action, { ...params }, options);
    if (typeof body !== 'object' || body === null) throw new Error(`${action}: body is not an object`);
    return body as RamBody;
  };
}

/** A caller of `mode` against `server` with `credentials`. */
export function makeCaller(mode: ClientMode, server: TestServer, credentials: Credentials): RamCaller {
  const call = isPopMode(mode) ? popCaller(mode, server, credentials) : sdkCaller(mode, server, credentials);
  return {
    mode,
    call,
    async fail(action, params) {
      let result: RamBody;
      try {
        result = await call(action, params);
      } catch (error) {
        return observe(error);
      }
      throw new Error(`${action} succeeded but an error was expected: ${JSON.stringify(result)}`);
    },
  };
}

/** What the error must look like through `mode`: code and status, plus pop-core's `name = Code + 'Error'`. */
export function expectedError(mode: ClientMode, code: string, status: number): Partial<ObservedError> {
  return isPopMode(mode) ? { code, status, name: `${code}Error` } : { code, status };
}
