/** The protocol-neutral part of serving a request: read input, authorise the caller, execute, audit. */
import { isAuthorized } from '../../domain/authorization.js';
import { AkmError, isAkmError } from '../../domain/errors.js';
import { AuditStamp, actorOf, appendAuditEvent } from '../../service/audit-log.js';
import type { InputOf, InputSpec } from './input.js';
import type { Operation, OperationContext, WriteContext } from './operation.js';
import type { OutputObject } from './output.js';

type Input = InputOf<InputSpec>;

/** Checks the caller's permission for the parsed `input`, then executes the operation. */
async function authorizeAndExecute(operation: Operation, input: Input, context: WriteContext) {
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
 * caller or no user). Every write operation, of whichever wire, is audited here once: its service hands
 * the success event to the store, which commits it in the same transaction as the change; a failure (a
 * refusal, bad input, a conflict) changed nothing and is appended with its domain error code.
 */
export async function runOperation(
  operation: Operation,
  readInput: () => Input | Promise<Input>,
  context: OperationContext,
): Promise<OutputObject> {
  const actor = actorOf(context.caller, context.origin);
  const outcome = (input: Input | undefined) => ({
    eventId: context.requestId,
    action: operation.name,
    target: input === undefined ? null : (operation.auditTarget?.(input, context.caller) ?? null),
  });
  const stampFor = (input: Input) => new AuditStamp(context.deps.clock, actor, outcome(input));
  if (operation.permission.level !== 'write') {
    const input = await readInput();
    return authorizeAndExecute(operation, input, { ...context, audit: stampFor(input) });
  }
  let input: Input | undefined;
  try {
    input = await readInput();
    const audit = stampFor(input);
    const output = await authorizeAndExecute(operation, input, { ...context, audit });
    // A write whose service handed no event to the store is still recorded, right after it.
    if (!audit.handedOut) await appendAuditEvent(context.deps, actor, { ...outcome(input), errorCode: null });
    return output;
  } catch (error) {
    const errorCode = isAkmError(error) ? error.code : 'INTERNAL';
    await appendAuditEvent(context.deps, actor, { ...outcome(input), errorCode });
    throw error;
  }
}
