/**
 * Appends audit events and answers LookupEvents. An event is appended after the change it records has
 * committed (see runOperation): it never claims a change that did not happen, and its id (the request
 * id) makes a second append for the same request a no-op. Should the append itself fail, the event is
 * logged at error level in full, so the record survives in the process log.
 */
import type { ActorType, AuditEvent, AuditPosition } from '../domain/audit.js';
import type { UseOrigin } from '../domain/entities.js';
import { AkmError } from '../domain/errors.js';
import type { Principal } from '../domain/principal.js';
import { decodeMarker, type Page, pageLimit, toPage } from './paging.js';
import type { ServiceDeps } from './service-deps.js';

/** Who acted and from where, for an event. */
export interface AuditActor {
  readonly accountId: string;
  readonly actorType: ActorType;
  readonly actorAccessKeyId: string | null;
  readonly actorUserName: string | null;
  readonly sourceIp: string | null;
  readonly userAgent: string | null;
}

/** The actor of a request signed by `caller`, coming from `origin`. */
export function actorOf(caller: Principal, origin: UseOrigin): AuditActor {
  return {
    accountId: caller.accountId,
    actorType: caller.kind === 'root' ? 'Root' : 'User',
    actorAccessKeyId: caller.accessKeyId,
    actorUserName: caller.userName,
    sourceIp: origin.sourceIp,
    userAgent: origin.userAgent?.slice(0, 256) ?? null,
  };
}

/** What happened, for {@link appendAuditEvent}. */
export interface AuditOutcome {
  readonly eventId: string;
  readonly action: string;
  readonly target: string | null;
  /** Null for a success; the domain error code of a failure. */
  readonly errorCode: string | null;
}

/** Appends the event now; a failure to append is logged with the event, never thrown. */
export async function appendAuditEvent(
  deps: Pick<ServiceDeps, 'store' | 'clock' | 'logger'>,
  actor: AuditActor,
  outcome: AuditOutcome,
): Promise<void> {
  const event: AuditEvent = {
    ...actor,
    ...outcome,
    eventTime: deps.clock.now(),
    result: outcome.errorCode === null ? 'Success' : 'Failure',
  };
  try {
    await deps.store.appendAuditEvent(event);
  } catch (error) {
    deps.logger.error('audit event not stored', { event, error: String(error) });
  }
}

/** LookupEvents filters; absent ones do not filter. */
export interface LookupEventsInput {
  readonly startTime?: Date | undefined;
  readonly endTime?: Date | undefined;
  readonly actor?: string | undefined;
  readonly action?: string | undefined;
  readonly target?: string | undefined;
  readonly marker?: string | undefined;
  readonly maxItems?: number | undefined;
}

/** The marker kind of audit pages: the last event's time and id. */
const EVENTS = 'e1';

function positionOf(event: AuditEvent): string {
  return `${event.eventTime.getTime()}:${event.eventId}`;
}

function parsePosition(marker: string): AuditPosition {
  const position = decodeMarker(EVENTS, marker);
  const colon = position.indexOf(':');
  const time = Number(position.slice(0, colon));
  if (colon < 1 || !Number.isSafeInteger(time)) throw new AkmError('INVALID_VALUE', { field: 'marker' });
  return { eventTime: new Date(time), eventId: position.slice(colon + 1) };
}

/** One page of the caller's account's events, newest first. */
export async function lookupEvents(
  deps: Pick<ServiceDeps, 'store'>,
  caller: Principal,
  input: LookupEventsInput,
): Promise<Page<AuditEvent>> {
  const limit = pageLimit(input.maxItems);
  const after = input.marker === undefined ? undefined : parsePosition(input.marker);
  const rows = await deps.store.lookupAuditEvents({
    accountId: caller.accountId,
    ...(input.startTime ? { startTime: input.startTime } : {}),
    ...(input.endTime ? { endTime: input.endTime } : {}),
    ...(input.actor ? { actor: input.actor } : {}),
    ...(input.action ? { action: input.action } : {}),
    ...(input.target ? { target: input.target } : {}),
    ...(after ? { after } : {}),
    limit: limit + 1,
  });
  return toPage(rows, limit, EVENTS, positionOf);
}
