// Credential report rows: whole-day ages from the reference time, the root shown as <root>, never-used
// keys, and both output formats.
import { describe, expect, it } from 'vitest';
import {
  formatReportCsv,
  formatReportJson,
  type KeyRecord,
  toReportRow,
  wholeDaysBetween,
} from './report-rows.js';

const NOW = new Date('2026-06-15T12:00:00.000Z');

const record = (overrides: Partial<KeyRecord> = {}): KeyRecord => ({
  accountId: '1234567890123456',
  userName: 'alice',
  accessKeyId: 'LTAIaaaaaaaaaaaaaaaaaaaa',
  status: 'Active',
  createDate: '2026-06-12T12:00:00Z',
  lastUsedDate: undefined,
  ...overrides,
});

describe('wholeDaysBetween', () => {
  it.each([
    ['2026-06-15T12:00:00Z', 0],
    ['2026-06-14T12:00:01Z', 0],
    ['2026-06-14T12:00:00Z', 1],
    ['2026-06-12T11:59:59Z', 3],
    ['2025-05-11T12:00:00Z', 400],
  ])('from %s to the reference time is %i', (from, days) => {
    expect(wholeDaysBetween(new Date(from), NOW)).toBe(days);
  });

  it('is 0, not negative, for a date after the reference time (a use during the report)', () => {
    expect(wholeDaysBetween(new Date('2026-06-15T12:00:05Z'), NOW)).toBe(0);
  });
});

describe('toReportRow', () => {
  it('computes the age and the days since last use', () => {
    expect(toReportRow(record({ lastUsedDate: '2026-06-14T00:00:00Z' }), NOW)).toEqual({
      account_id: '1234567890123456',
      user: 'alice',
      access_key_id: 'LTAIaaaaaaaaaaaaaaaaaaaa',
      status: 'Active',
      created: '2026-06-12T12:00:00Z',
      age_days: 3,
      last_used: '2026-06-14T00:00:00Z',
      days_since_last_use: 1,
    });
  });

  it('shows the root as <root> and a never-used key with nulls', () => {
    expect(toReportRow(record({ userName: null }), NOW)).toMatchObject({
      user: '<root>',
      last_used: null,
      days_since_last_use: null,
    });
  });
});

describe('report formats', () => {
  const rows = [
    toReportRow(record({ lastUsedDate: '2026-06-15T11:00:00Z' }), NOW),
    toReportRow(record({ userName: null, status: 'Inactive', createDate: '2025-05-11T12:00:00Z' }), NOW),
  ];

  it('CSV: header and one line per key; never-used cells empty', () => {
    expect(formatReportCsv(rows)).toBe(
      'account_id,user,access_key_id,status,created,age_days,last_used,days_since_last_use\n' +
        '1234567890123456,alice,LTAIaaaaaaaaaaaaaaaaaaaa,Active,2026-06-12T12:00:00Z,3,2026-06-15T11:00:00Z,0\n' +
        '1234567890123456,<root>,LTAIaaaaaaaaaaaaaaaaaaaa,Inactive,2025-05-11T12:00:00Z,400,,\n',
    );
  });

  it('JSON: generated_at and the rows with nulls', () => {
    const parsed = JSON.parse(formatReportJson(NOW, rows)) as { generated_at: string; rows: unknown[] };
    expect(parsed.generated_at).toBe('2026-06-15T12:00:00.000Z');
    expect(parsed.rows).toEqual(rows);
  });
});
