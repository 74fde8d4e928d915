/** `akm policy attach|detach|list`: the policies attached to a RAM user. */
import {
  attachPolicyToUserOperation,
  detachPolicyFromUserOperation,
  listPoliciesForUserOperation,
} from '../../protocol/operations/policy-operations.js';
import { readList } from '../api/ram-fields.js';
import type { Command, OptionValues } from '../command.js';
import { optionalString, requiredString } from '../option-values.js';
import { formatItems } from '../output/render-response.js';
import { callOnce, defineApiCommand } from './api-command.js';

const POLICY_HELP = `  --policy NAME         e.g. AdministratorAccess, AliyunRAMFullAccess, AliyunRAMReadOnlyAccess
  --policy-type TYPE    System (default) or Custom`;

function policyInput(values: OptionValues) {
  return {
    userName: requiredString(values, 'user'),
    policyName: requiredString(values, 'policy'),
    policyType: optionalString(values, 'policy-type') ?? 'System',
  };
}

function attachmentCommand(word: 'attach' | 'detach'): Command {
  const attach = word === 'attach';
  return defineApiCommand({
    path: ['policy', word],
    summary: attach
      ? 'Attach a policy to a RAM user (AttachPolicyToUser)'
      : 'Detach a policy from a RAM user (DetachPolicyFromUser)',
    usage: `policy ${word} --user NAME --policy NAME [--policy-type System]`,
    details: POLICY_HELP,
    options: { user: { type: 'string' }, policy: { type: 'string' }, 'policy-type': { type: 'string' } },
    plan(values) {
      const input = policyInput(values);
      const done = attach
        ? `Attached ${input.policyType} policy ${input.policyName} to user ${input.userName}.\n`
        : `Detached ${input.policyType} policy ${input.policyName} from user ${input.userName}.\n`;
      return callOnce(
        attach ? attachPolicyToUserOperation : detachPolicyFromUserOperation,
        input,
        () => done,
      );
    },
  });
}

/** `akm policy attach`. */
export const policyAttachCommand = attachmentCommand('attach');

/** `akm policy detach`. */
export const policyDetachCommand = attachmentCommand('detach');

/** `akm policy list`. */
export const policyListCommand = defineApiCommand({
  path: ['policy', 'list'],
  summary: "List a RAM user's policies (ListPoliciesForUser)",
  usage: 'policy list --user NAME',
  options: { user: { type: 'string' } },
  plan: (values) =>
    callOnce(listPoliciesForUserOperation, { userName: requiredString(values, 'user') }, (response) =>
      formatItems(readList(response, 'policies', 'policy'), [
        'policyName',
        'policyType',
        'attachDate',
        'description',
      ]),
    ),
});
