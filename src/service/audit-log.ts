/**
 * Audit events and LookupEvents. A success is recorded by the store in the same transaction as the
 * change ({@link AuditStamp}), so the log holds exactly the changes that committed; a failure changed
 * nothing and is appended on its own. An event's id is its request id, so a request records at most one.
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

/**
 * The success event of one state-changing request, handed to the store with the change so that both
 * commit together. {@link AuditStamp.event} names the operation's target unless the service names a more
 * precise one (the key it created); runOperation appends the event itself only if no service asked.
 */
export class AuditStamp {
  #handedOut = false;

  constructor(
    private readonly clock: Pick<ServiceDeps['clock'], 'now'>,
    private readonly actor: AuditActor,
    private readonly outcome: Omit<AuditOutcome, 'errorCode'>,
  ) {}

  /** The success event, for the store to append with the change. */
  event(target: string | null = this.outcome.target): AuditEvent {
    this.#handedOut = true;
    return {
      ...this.actor,
      ...this.outcome,
      target,
      eventTime: this.clock.now(),
      result: 'Success',
      errorCode: null,
    };
  }

  /** Whether a service took the event for its change. */
  get handedOut(): boolean {
    return this.#handedOut;
  }
}

/** Appends an event on its own (a failure, or a success no store change carried); never throws. */
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
