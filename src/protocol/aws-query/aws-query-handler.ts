/**
 * Serves IAM 2010-05-08 and STS 2011-06-15 (awsQuery, SigV4) on the same operations and store as RAM.
 * Each request runs the same named steps:
 * parse → choose API → resolve action → authenticate → check constraints → read input → authorise and
 * execute → project → render.
 */
import { AkmError, isAkmError } from '../../domain/errors.js';
import { principalArnOf, userArnOf } from '../../domain/iam-identifiers.js';
import type { Principal } from '../../domain/principal.js';
import { authenticateRequest } from '../../service/authenticate-request.js';
import { findKeyOwnerName } from '../../service/resolve-key-owner.js';
import type { ServiceDeps } from '../../service/service-deps.js';
import { parseSigV4Authorization } from '../../signing/aws-sigv4.js';
import { runOperation } from '../operations/run-operation.js';
import { readBoundInput } from '../operations/wire-binding.js';
import { projectOutput } from '../operations/wire-shape.js';
import { signedRequestOf } from '../signed-request.js';
import { originOf, type WireOutcome, type WireRequest } from '../wire.js';
import { AWS_NAMING, type AwsBinding, type AwsQueryApi, toAwsName } from './aws-query-names.js';
import { renderAwsError, renderAwsSuccess } from './aws-query-render.js';
import { type AwsQueryRequest, parseAwsQueryRequest } from './aws-query-request.js';
import { extractSigV4Claim } from './aws-signature-claim.js';
import { IAM_API, STS_API } from './iam-bindings.js';
import { IAM_ERROR_TABLE, type IamErrorContext } from './iam-error-table.js';

const APIS: readonly AwsQueryApi[] = [IAM_API, STS_API];

/** The API a request is for: by its Version, else by the service its signature is scoped to, else IAM. */
function chooseApi(request: WireRequest, parsed: AwsQueryRequest): AwsQueryApi {
  const byVersion = APIS.find((api) => api.version === parsed.version);
  if (byVersion) return byVersion;
  const service = parseSigV4Authorization(String(request.headers.authorization ?? ''))?.scope.service;
  return APIS.find((api) => api.signingName === service) ?? IAM_API;
}

function resolveBinding(api: AwsQueryApi, parsed: AwsQueryRequest): AwsBinding {
  if (parsed.action === undefined || parsed.action === '') {
    throw new AkmError('MISSING_PARAMETER', { field: 'action' });
  }
  const binding = parsed.version === api.version ? api.bindings.get(parsed.action) : undefined;
  if (!binding) throw new AkmError('UNKNOWN_ACTION', { entity: parsed.action });
  return binding;
}

/** The ARN an AccessDenied names: the targeted user (its path looked up), all users, or the account. */
async function deniedResource(
  deps: ServiceDeps,
  caller: Principal,
  binding: AwsBinding | undefined,
  target: string | undefined,
): Promise<string> {
  if (binding?.deniedResource === 'account') return '*';
  if (binding?.deniedResource === 'users') return userArnOf(caller.accountId, '/', '');
  if (target === undefined) return principalArnOf(caller);
  const user = await deps.store.getUserByName(caller.accountId, target).catch(() => undefined);
  return userArnOf(caller.accountId, user?.path ?? '/', user?.userName ?? target);
}

/** What the handler learned before a failure, for the error's wording. */
interface Progress {
  api: AwsQueryApi;
  binding?: AwsBinding;
  caller?: Principal;
  accessKeyId?: string;
}

/** An awsQuery request handler bound to the services. */
export function createAwsQueryHandler(deps: ServiceDeps) {
  async function renderFailure(
    error: unknown,
    requestId: string,
    parsed: AwsQueryRequest,
    progress: Progress,
  ): Promise<WireOutcome> {
    if (!isAkmError(error)) {
      deps.logger.error('unhandled error', {
        requestId,
        error: error instanceof Error ? error.stack : String(error),
      });
    }
    const known = isAkmError(error) ? error : undefined;
    const code = known?.code ?? 'INTERNAL';
    const details = known?.details ?? {};
    const { api, binding, caller } = progress;
    const context: IamErrorContext = {
      action: parsed.action ?? '',
      version: parsed.version ?? '',
      ...(caller ? { principal: principalArnOf(caller) } : {}),
      ...(caller && code === 'NO_PERMISSION'
        ? { resource: await deniedResource(deps, caller, binding, details.entity) }
        : {}),
    };
    const entry = binding?.errors?.[code] ?? IAM_ERROR_TABLE[code];
    const wire = entry(details, context);
    return {
      response: renderAwsError(wire, api.xmlNamespace, requestId),
      action: parsed.action,
      accessKeyId: progress.accessKeyId,
      errorCode: wire.code,
    };
  }

  return async function handleAwsQuery(request: WireRequest, requestId: string): Promise<WireOutcome> {
    const parsed = parseAwsQueryRequest(request);
    const progress: Progress = { api: chooseApi(request, parsed) };
    try {
      // Query APIs live at `/` only, by GET or POST.
      if (request.path !== '/' || (request.method !== 'GET' && request.method !== 'POST')) {
        throw new AkmError('UNKNOWN_ACTION');
      }
      const { api } = progress;
      const binding = resolveBinding(api, parsed);
      progress.binding = binding;
      const claim = extractSigV4Claim(signedRequestOf(request, parsed), api.signingName);
      progress.accessKeyId = claim.accessKeyId;
      const origin = originOf(request, binding.action);
      const caller = await authenticateRequest(deps, claim, origin);
      progress.caller = caller;

      const lookup = (field: string) => parsed.params.get(toAwsName(field));
      const readInput = async () => {
        const input = readBoundInput(binding, api.constraints, lookup);
        if (!binding.userNameFromKeyOwner) return input;
        return { ...input, userName: await findKeyOwnerName(deps.store, caller, String(input.accessKeyId)) };
      };
      const output = await runOperation(binding.operation, readInput, {
        deps,
        caller,
        requestId,
        keyFormat: 'aws',
        origin,
      });
      // Void operations (an empty shape) have no result wrapper at all.
      const isVoid = binding.output !== 'all' && binding.output.length === 0;
      const shaped = isVoid ? null : projectOutput(output, binding.output, AWS_NAMING);
      return {
        response: renderAwsSuccess(binding.action, api.xmlNamespace, requestId, shaped),
        action: parsed.action,
        accessKeyId: claim.accessKeyId,
      };
    } catch (error) {
      return renderFailure(error, requestId, parsed, progress);
    }
  };
}

/** The awsQuery answer to a failure before the request could be read (e.g. an oversized body). */
export function renderAwsQueryEarlyError(error: unknown, requestId: string): WireOutcome {
  const known = isAkmError(error) ? error : undefined;
  const wire = IAM_ERROR_TABLE[known?.code ?? 'INTERNAL'](known?.details ?? {}, { action: '', version: '' });
  return { response: renderAwsError(wire, IAM_API.xmlNamespace, requestId), errorCode: wire.code };
}
