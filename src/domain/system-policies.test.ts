// The system-policy catalogue: contents, integrity and exact-name lookup.

import { describe, expect, it } from 'vitest';
import { findSystemPolicy, SYSTEM_POLICIES } from './system-policies.js';
import { validatePolicyName } from './validation.js';

describe('SYSTEM_POLICIES', () => {
  it("holds exactly the three RAM policies akm understands and akm's own, with their grants", () => {
    expect(SYSTEM_POLICIES.map((p) => [p.policyName, p.grant])).toEqual([
      ['AdministratorAccess', 'all'],
      ['AliyunRAMFullAccess', 'all'],
      ['AliyunRAMReadOnlyAccess', 'read'],
      ['AkmVerifyAccess', 'verify'],
    ]);
  });

  it('has unique names', () => {
    const names = SYSTEM_POLICIES.map((p) => p.policyName);
    expect(new Set(names).size).toBe(names.length);
  });

  it.each(SYSTEM_POLICIES.map((p) => [p.policyName, p] as const))(
    '%s has a valid name, a description and a default version',
    (_, policy) => {
      expect(validatePolicyName(policy.policyName)).toBe(policy.policyName);
      expect(policy.description.length).toBeGreaterThan(0);
      expect(policy.defaultVersion).toMatch(/^v\d+$/);
    },
  );

  it('is frozen', () => {
    expect(Object.isFrozen(SYSTEM_POLICIES)).toBe(true);
  });
});

describe('findSystemPolicy', () => {
  it.each(SYSTEM_POLICIES.map((p) => [p.policyName, p] as const))('finds %s', (name, policy) => {
    expect(findSystemPolicy(name)).toBe(policy);
  });

  it.each([
    ['a wrong case', 'administratoraccess'],
    ['an unknown policy', 'AliyunECSFullAccess'],
    ['a padded name', ' AdministratorAccess'],
    ['the empty name', ''],
  ])('returns undefined for %s', (_, name) => {
    expect(findSystemPolicy(name)).toBeUndefined();
  });
});
