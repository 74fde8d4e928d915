/** The protocol-neutral part of serving a request: read input, authorise the caller, execute, audit. */
import { isAuthorized } from '../../domain/authorization.js';
import { AkmError, isAkmError } from '../../domain/errors.js';
import { actorOf, appendAuditEvent } from '../../service/audit-log.js';
import type { InputOf, InputSpec } from './input.js';
import type { Operation, OperationContext } from './operation.js';
import type { OutputObject } from './output.js';

type Input = InputOf<InputSpec>;

/** Checks the caller's permission for the parsed `input`, then executes the operation. */
async function authorizeAndExecute(operation: Operation, input: Input, context: OperationContext) {
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

/**
 * Reads the input (`readInput` may fail on bad values), checks the caller's permission and executes the
 * operation. A refusal is NO_PERMISSION naming the targeted user (absent when the operation targets the
 * caller or no user). Every write operation, of whichever wire, appends one audit event here: success
 * once its change has committed, or failure with the domain error code (refusals and bad input included).
 */
export async function runOperation(
  operation: Operation,
  readInput: () => Input | Promise<Input>,
  context: OperationContext,
): Promise<OutputObject> {
  if (operation.permission.level !== 'write')
    return authorizeAndExecute(operation, await readInput(), context);
  let input: Input | undefined;
  const audit = (errorCode: string | null, output?: OutputObject) =>
    appendAuditEvent(context.deps, actorOf(context.caller, context.origin), {
      eventId: context.requestId,
      action: operation.name,
      target: input === undefined ? null : (operation.auditTarget?.(input, context.caller, output) ?? null),
      errorCode,
    });
  try {
    input = await readInput();
    const output = await authorizeAndExecute(operation, input, context);
    await audit(null, output);
    return output;
  } catch (error) {
    await audit(isAkmError(error) ? error.code : 'INTERNAL');
    throw error;
  }
}
