/** The protocol-neutral part of serving a request: authorise the caller, then execute. */
import { isAuthorized } from '../../domain/authorization.js';
import { AkmError } from '../../domain/errors.js';
import type { Principal } from '../../domain/principal.js';
import type { ServiceDeps } from '../../service/service-deps.js';
import { readInput } from './input.js';
import type { Operation } from './operation.js';
import type { OutputObject } from './output.js';

/** Parses the input through `lookup`, checks the caller's permission, and executes the operation. */
export async function runOperation(
  operation: Operation,
  lookup: (field: string) => string | undefined,
  deps: ServiceDeps,
  caller: Principal,
  requestId: string,
): Promise<OutputObject> {
  const input = readInput(operation.input, lookup);
  const target = operation.targetUserName?.(input);
  const targetsSelf =
    target === undefined ||
    (caller.userName !== null && target.toLowerCase() === caller.userName.toLowerCase());
  const allowed = await isAuthorized(caller, operation.permission, {
    targetsSelf,
    allowUserToManageAccessKeys: async () =>
      (await deps.store.getSecurityPreference(caller.accountId)).allowUserToManageAccessKeys,
  });
  if (!allowed) throw new AkmError('NO_PERMISSION');
  return operation.execute({ deps, caller, requestId }, input);
}
