// RAM wire names: PascalCase with RAM's MFA acronym, checked against the official SDK's request models.

import * as RamModels from '@alicloud/ram20150501';
import { describe, expect, it } from 'vitest';
import { boundInputSpec } from '../operations/wire-binding.js';
import { AKM_EXTENSION_ACTIONS, RAM_BINDINGS } from './ram-bindings.js';
import { RAM_API_VERSION, toRamName, toRamParameter } from './ram-names.js';

describe('toRamName', () => {
  it.each([
    ['userName', 'UserName'],
    ['accessKeyId', 'AccessKeyId'],
    ['userAccessKeyId', 'UserAccessKeyId'],
    ['newDisplayName', 'NewDisplayName'],
    ['maxItems', 'MaxItems'],
    ['isTruncated', 'IsTruncated'],
    ['requestId', 'RequestId'],
    ['mfaPreference', 'MFAPreference'],
    ['enableSaveMfaTicket', 'EnableSaveMFATicket'],
    ['allowUserToManageMfaDevices', 'AllowUserToManageMFADevices'],
    ['userMfa', 'UserMFA'],
    ['mfa', 'MFA'],
    ['AccessKeyId', 'AccessKeyId'],
    ['x', 'X'],
    ['', ''],
  ])('%j → %j', (neutral, ram) => {
    expect(toRamName(neutral)).toBe(ram);
  });

  it('does not touch "Mfa" inside a longer word', () => {
    expect(toRamName('mfaxDevice')).toBe('MfaxDevice');
  });
});

describe('RAM_API_VERSION', () => {
  it('names the target key UserAccessKeyId (AccessKeyId is the V1 signer) and other inputs by toRamName', () => {
    expect(toRamParameter('accessKeyId')).toBe('UserAccessKeyId');
    expect(toRamParameter('newUserName')).toBe('NewUserName');
  });

  it('is 2015-05-01', () => {
    expect(RAM_API_VERSION).toBe('2015-05-01');
  });
});

/** The SDK's generated request model classes expose `names()`: SDK property → wire parameter name. */
interface RequestModel {
  names(): Record<string, string>;
}

function isRequestModel(value: unknown): value is RequestModel {
  return typeof value === 'function' && 'names' in value && typeof value.names === 'function';
}

function sdkRequestModel(operationName: string): RequestModel | undefined {
  const model: unknown = (RamModels as Record<string, unknown>)[`${operationName}Request`];
  return isRequestModel(model) ? model : undefined;
}

describe('RAM inputs against @alicloud/ram20150501', () => {
  const bindings = [...RAM_BINDINGS.values()].filter((b) => !AKM_EXTENSION_ACTIONS.has(b.action));
  const inputs = bindings.flatMap((b) =>
    Object.keys(boundInputSpec(b)).map((field) => [b.action, field] as const),
  );

  const withInput = bindings.filter((b) => Object.keys(boundInputSpec(b)).length > 0);

  it.each(withInput.map((b) => [b.action]))('%s has an SDK request model', (name) => {
    expect(sdkRequestModel(name)).toBeDefined();
  });

  it.each(inputs)('%s: %s has the wire name the SDK sends', (operationName, field) => {
    const wireNames = Object.values(sdkRequestModel(operationName)?.names() ?? {});
    expect(wireNames).toContain(toRamParameter(field));
  });
});
