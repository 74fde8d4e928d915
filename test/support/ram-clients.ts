/** The official Alibaba Cloud clients, configured against a test server. */
import * as OpenApi from '@alicloud/openapi-core';
import PopCore from '@alicloud/pop-core';
import RamModule, * as RamModels from '@alicloud/ram20150501';

type RamClientClass = typeof RamModule.default;

/** The generated RAM client class: under Node's CommonJS interop the class sits on `.default`. */
export const RamClient: RamClientClass =
  (RamModule as unknown as { default?: RamClientClass }).default ?? (RamModule as unknown as RamClientClass);
/** The request model classes (`new Ram.CreateUserRequest({...})`). */
export const Ram = RamModels;

/** Credentials of one caller. */
export interface Credentials {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
}

/** `@alicloud/ram20150501` with its default ACS3-HMAC-SHA256 signature, or V1 with `signatureAlgorithm: 'v2'`. */
export function ramClient(
  endpoint: string,
  credentials: Credentials,
  options: { signature?: 'v3' | 'v2'; protocol?: 'http' | 'https' } = {},
): InstanceType<RamClientClass> {
  const config = new OpenApi.$OpenApiUtil.Config({
    ...credentials,
    endpoint,
    protocol: options.protocol ?? 'http',
    regionId: 'cn-hangzhou',
    ...(options.signature === 'v2' ? { signatureAlgorithm: 'v2' } : {}),
  });
  return new RamClient(config);
}

/** `@alicloud/pop-core` RPC client (V1 HMAC-SHA1; GET by default, `{ method: 'POST' }` for a form body). */
export function popClient(url: string, credentials: Credentials): PopCore {
  return new PopCore({ ...credentials, endpoint: url, apiVersion: '2015-05-01' });
}
