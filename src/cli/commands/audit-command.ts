/** `akm audit`: the account's audit events, newest first (LookupEvents), with its filters. */
import { lookupEventsOperation } from '../../protocol/operations/audit-operations.js';
import { readBoolean, readList, readString } from '../api/ram-fields.js';
import { UsageError } from '../command.js';
import { optionalString, wholeNumberText } from '../option-values.js';
import { formatItems } from '../output/render-response.js';
import { defineApiCommand } from './api-command.js';

const COLUMNS = [
  'eventTime',
  'eventAction',
  'result',
  'errorCode',
  'actorUserName',
  'actorAccessKeyId',
  'target',
  'sourceIp',
] as const;

/** `akm audit`. */
export const auditCommand = defineApiCommand({
  path: ['audit'],
  summary: 'Show who changed what: the audit log, newest first (LookupEvents)',
  usage:
    'audit [--start TIME] [--end TIME] [--actor KEY-ID|USER] [--action NAME] [--target PATH] [--max-items N] [--marker M]',
  details: `  --start, --end     an ISO 8601 time range, e.g. 2026-01-01T00:00:00Z (end excluded)
  --actor            the acting AccessKeyId or user name
  --action           the operation, e.g. CreateAccessKey
  --target           a target path and everything under it: user/alice, user/alice/accesskey/LTAI…,
                     root/accesskey/LTAI…, preference, account/ID
  --max-items N      events per page (default 100); the next --marker goes to stderr (tables) or Marker (JSON)`,
  options: {
    start: { type: 'string' },
    end: { type: 'string' },
    actor: { type: 'string' },
    action: { type: 'string' },
    target: { type: 'string' },
    'max-items': { type: 'string' },
    marker: { type: 'string' },
  },
  plan(values) {
    const maxItems = wholeNumberText(values, 'max-items', { min: 1, max: 1000 });
    const marker = optionalString(values, 'marker');
    if (marker !== undefined && maxItems === undefined) throw new UsageError('--marker needs --max-items');
    const input = {
      startTime: optionalString(values, 'start'),
      endTime: optionalString(values, 'end'),
      actor: optionalString(values, 'actor'),
      eventAction: optionalString(values, 'action'),
      target: optionalString(values, 'target'),
      maxItems,
      marker,
    };
    return async (client, io) => {
      const page = await client.call(lookupEventsOperation, input);
      const next = readBoolean(page, 'isTruncated') ? readString(page, 'marker') : undefined;
      return {
        json: page,
        table: () => {
          if (next) io.stderr(`akm: more events: --max-items ${maxItems ?? 100} --marker ${next}\n`);
          return formatItems(readList(page, 'events', 'event'), COLUMNS);
        },
      };
    };
  },
});
