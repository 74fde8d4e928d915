/** GetSecurityPreference and SetSecurityPreference. */
import { auditTarget } from '../../domain/audit.js';
import type { SecurityPreference } from '../../domain/entities.js';
import { getSecurityPreference, setSecurityPreference } from '../../service/security-preference.js';
import { defineOperation } from './operation.js';
import type { OutputObject } from './output.js';

/** RAM's nested SecurityPreference structure. */
function securityPreferenceView(p: SecurityPreference): OutputObject {
  return {
    securityPreference: {
      loginProfilePreference: {
        loginSessionDuration: p.loginSessionDuration,
        loginNetworkMasks: p.loginNetworkMasks,
        allowUserToChangePassword: p.allowUserToChangePassword,
        enableSaveMfaTicket: p.enableSaveMfaTicket,
      },
      accessKeyPreference: { allowUserToManageAccessKeys: p.allowUserToManageAccessKeys },
      publicKeyPreference: { allowUserToManagePublicKeys: p.allowUserToManagePublicKeys },
      mfaPreference: { allowUserToManageMfaDevices: p.allowUserToManageMfaDevices },
    },
  };
}

/** GetSecurityPreference. */
export const getSecurityPreferenceOperation = defineOperation({
  name: 'GetSecurityPreference',
  permission: { level: 'read', selfServiceKeys: false },
  input: {},
  async execute({ deps, caller }) {
    return securityPreferenceView(await getSecurityPreference(deps, caller));
  },
});

/** SetSecurityPreference: absent fields keep their value. */
export const setSecurityPreferenceOperation = defineOperation({
  name: 'SetSecurityPreference',
  permission: { level: 'write', selfServiceKeys: false },
  input: {
    allowUserToManageAccessKeys: { type: 'boolean' },
    allowUserToChangePassword: { type: 'boolean' },
    allowUserToManageMfaDevices: { type: 'boolean' },
    allowUserToManagePublicKeys: { type: 'boolean' },
    enableSaveMfaTicket: { type: 'boolean' },
    loginSessionDuration: { type: 'integer' },
    loginNetworkMasks: { type: 'string' },
  },
  auditTarget: () => auditTarget.preference(),
  async execute({ deps, caller, audit }, input) {
    return securityPreferenceView(await setSecurityPreference(deps, caller, input, audit));
  },
});
