/** LookupEvents (akm): the account's audit events, newest first, filtered and paged. */
import { AkmError } from '../../domain/errors.js';
import { lookupEvents } from '../../service/audit-log.js';
import { defineOperation } from './operation.js';
import { listOf } from './output.js';

/** An ISO 8601 instant (`2026-01-01T00:00:00Z`), or INVALID_VALUE on `field`. */
function parseTime(value: string | undefined, field: string): Date | undefined {
  if (value === undefined) return undefined;
  const ms = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2}))?$/.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms)) throw new AkmError('INVALID_VALUE', { field, value });
  return new Date(ms);
}

/** LookupEvents: a read of the whole account (Get/List policies allow it). */
export const lookupEventsOperation = defineOperation({
  name: 'LookupEvents',
  permission: { level: 'read', selfServiceKeys: false },
  input: {
    startTime: { type: 'string' },
    endTime: { type: 'string' },
    actor: { type: 'string' },
    eventAction: { type: 'string' },
    target: { type: 'string' },
    marker: { type: 'string' },
    maxItems: { type: 'integer' },
  },
  async execute({ deps, caller }, input) {
    const page = await lookupEvents(deps, caller, {
      startTime: parseTime(input.startTime, 'startTime'),
      endTime: parseTime(input.endTime, 'endTime'),
      actor: input.actor,
      action: input.eventAction,
      target: input.target,
      marker: input.marker,
      maxItems: input.maxItems,
    });
    return {
      events: listOf(
        'event',
        page.items.map((e) => ({
          eventId: e.eventId,
          eventTime: e.eventTime,
          actorType: e.actorType,
          actorAccessKeyId: e.actorAccessKeyId,
          actorUserName: e.actorUserName,
          eventAction: e.action,
          target: e.target,
          sourceIp: e.sourceIp,
          userAgent: e.userAgent,
          result: e.result,
          errorCode: e.errorCode,
        })),
      ),
      isTruncated: page.isTruncated,
      marker: page.marker,
    };
  },
});
