/** The protocol-neutral part of serving a request: authorise the caller, then execute. */
import { isAuthorized } from '../../domain/authorization.js';
import { AkmError } from '../../domain/errors.js';
import type { InputOf, InputSpec } from './input.js';
import type { Operation, OperationContext } from './operation.js';
import type { OutputObject } from './output.js';

/**
 * Checks the caller's permission for the parsed `input`, then executes the operation. A refusal is
 * NO_PERMISSION naming the targeted user (absent when the operation targets the caller or no user).
 */
export async function runOperation(
  operation: Operation,
  input: InputOf<InputSpec>,
  context: OperationContext,
): Promise<OutputObject> {
  const { caller, deps } = context;
  const target = operation.targetUserName?.(input);
  const targetsSelf =
    target === undefined ||
    (caller.userName !== null && target.toLowerCase() === caller.userName.toLowerCase());
  const allowed = await isAuthorized(caller, operation.permission, {
    targetsSelf,
    allowUserToManageAccessKeys: async () =>
      (await deps.store.getSecurityPreference(caller.accountId)).allowUserToManageAccessKeys,
  });
  if (!allowed) throw new AkmError('NO_PERMISSION', target === undefined ? {} : { entity: target });
  return operation.execute(context, input);
}
