/**
 * Serves the RAM 2015-05-01 RPC API. Each request runs the same named steps:
 * parse → resolve action → check version → authenticate → read input → authorise and execute → render.
 */
import { AkmError, isAkmError } from '../../domain/errors.js';
import type { Logger } from '../../domain/ports.js';
import { authenticateRequest } from '../../service/authenticate-request.js';
import type { ServiceDeps } from '../../service/service-deps.js';
import { runOperation } from '../operations/run-operation.js';
import { readBoundInput, type WireBinding } from '../operations/wire-binding.js';
import { projectOutput } from '../operations/wire-shape.js';
import { originOf, type WireOutcome, type WireRequest } from '../wire.js';
import { RAM_BINDINGS, RAM_CONSTRAINTS } from './ram-bindings.js';
import { RAM_ERROR_TABLE } from './ram-error-table.js';
import { RAM_API_VERSION, RAM_NAMING, toRamParameter } from './ram-names.js';
import { type RamFormat, renderRamError, renderRamSuccess } from './ram-render.js';
import { parseRamRequest } from './ram-request.js';
import { extractRamClaim } from './ram-signature-claim.js';

/** Options of the RAM adapter. */
export interface RamRpcOptions {
  /** `HostId` in error bodies (RAM sends its endpoint host). */
  readonly hostId: string;
}

function resolveBinding(action: string | undefined): WireBinding {
  if (action === undefined || action === '') throw new AkmError('MISSING_PARAMETER', { field: 'action' });
  const binding = RAM_BINDINGS.get(action);
  if (!binding) throw new AkmError('UNKNOWN_ACTION', { entity: action });
  return binding;
}

function checkVersion(version: string | undefined): void {
  if (version === undefined || version === '') throw new AkmError('MISSING_PARAMETER', { field: 'version' });
  if (version !== RAM_API_VERSION) throw new AkmError('INVALID_VERSION');
}

/** Maps any failure to RAM's error response; unknown faults become InternalError and are never echoed. */
function renderFailure(error: unknown, requestId: string, hostId: string, format: RamFormat): WireOutcome {
  const known = isAkmError(error) ? error : undefined;
  const wire = RAM_ERROR_TABLE[known?.code ?? 'INTERNAL'](known?.details ?? {});
  return { response: renderRamError(wire, requestId, hostId, format), errorCode: wire.code };
}

/** RAM's answer to a failure that happened before the request could be parsed (e.g. an oversized body). */
export function renderRamEarlyError(error: unknown, requestId: string, hostId: string): WireOutcome {
  return renderFailure(error, requestId, hostId, 'JSON');
}

/** A RAM request handler bound to the services. */
export function createRamRpcHandler(deps: ServiceDeps, options: RamRpcOptions) {
  const renderError = (error: unknown, requestId: string, format: RamFormat, logger: Logger) => {
    if (!isAkmError(error)) {
      logger.error('unhandled error', {
        requestId,
        error: error instanceof Error ? error.stack : String(error),
      });
    }
    return renderFailure(error, requestId, options.hostId, format);
  };

  return async function handleRamRpc(request: WireRequest, requestId: string): Promise<WireOutcome> {
    const ram = parseRamRequest(request);
    let accessKeyId: string | undefined;
    try {
      // RPC APIs live at `/` only, by GET or POST; anything else is not an API.
      if (request.path !== '/' || (request.method !== 'GET' && request.method !== 'POST')) {
        throw new AkmError('UNKNOWN_ACTION');
      }
      const binding = resolveBinding(ram.action);
      checkVersion(ram.version);
      const claim = extractRamClaim(ram);
      accessKeyId = claim.accessKeyId;
      const origin = originOf(request, binding.action);
      const caller = await authenticateRequest(deps, claim, origin);
      const lookup = (field: string) => ram.params.get(toRamParameter(field));
      const output = await runOperation(
        binding.operation,
        () => readBoundInput(binding, RAM_CONSTRAINTS, lookup),
        {
          deps,
          caller,
          requestId,
          keyFormat: 'ram',
          origin,
        },
      );
      return {
        response: renderRamSuccess(
          binding.action,
          requestId,
          projectOutput(output, binding.output, RAM_NAMING),
          ram.format,
        ),
        action: ram.action,
        accessKeyId,
      };
    } catch (error) {
      return { ...renderError(error, requestId, ram.format, deps.logger), action: ram.action, accessKeyId };
    }
  };
}
