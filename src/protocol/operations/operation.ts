/** The shape of a protocol-neutral operation: declared input, permission, and one execute step. */
import type { Permission } from '../../domain/authorization.js';
import type { AccessKeyFormat, UseOrigin } from '../../domain/entities.js';
import type { Principal } from '../../domain/principal.js';
import type { AuditStamp } from '../../service/audit-log.js';
import type { ServiceDeps } from '../../service/service-deps.js';
import type { InputOf, InputSpec } from './input.js';
import type { OutputObject } from './output.js';

/** What an operation's execute step receives. */
export interface OperationContext {
  readonly deps: ServiceDeps;
  readonly caller: Principal;
  readonly requestId: string;
  /** The format of keys this request creates: the wire's own. */
  readonly keyFormat: AccessKeyFormat;
  /** Where the request came from, for the audit log. */
  readonly origin: UseOrigin;
}

/** What a write operation's execute step receives besides: the audit event its change commits with. */
export interface WriteContext extends OperationContext {
  readonly audit: AuditStamp;
}

/** One API operation, written once and served by every wire protocol. */
export interface Operation<S extends InputSpec = InputSpec> {
  /** The operation's name (RAM and IAM share these names, e.g. `CreateAccessKey`); wires may rename it. */
  readonly name: string;
  readonly permission: Permission;
  readonly input: S;
  /**
   * The user the operation targets, for self-service rules and denial messages; undefined means the
   * caller itself (or no user, for operations without this function).
   */
  readonly targetUserName?: (input: InputOf<S>) => string | undefined;
  /** What a write operation acts on, as an audit target path (domain/audit.ts). */
  readonly auditTarget?: (input: InputOf<S>, caller: Principal) => string | null;
  /** Runs the operation; a write operation gets a {@link WriteContext} (see runOperation). */
  execute(ctx: WriteContext, input: InputOf<S>): Promise<OutputObject>;
}

/**
 * Declares an operation with its input types inferred from the spec, and erases them for the catalogue.
 * The erasure is sound: `execute` only ever receives `readInput(operation.input, …)`, an `InputOf<S>`.
 */
export function defineOperation<const S extends InputSpec>(operation: Operation<S>): Operation {
  return operation as unknown as Operation;
}
