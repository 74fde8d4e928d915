/**
 * The credential report's rows: one per AccessKey, with ages in whole days counted from the report's
 * reference time (when it started). Pure: the same records and time give the same rows.
 */
import { formatCsv } from '../output/csv.js';
import { formatJson } from '../output/output-mode.js';

/** One AccessKey as collected from the API. */
export interface KeyRecord {
  readonly accountId: string;
  /** The owning user, or null for the account root. */
  readonly userName: string | null;
  readonly accessKeyId: string;
  readonly status: string;
  /** ISO-8601 as RAM sends it. */
  readonly createDate: string;
  /** ISO-8601, or undefined for a key never used. */
  readonly lastUsedDate: string | undefined;
}

/** The report's columns, in order (CSV header and JSON keys). */
export const REPORT_COLUMNS = [
  'account_id',
  'user',
  'access_key_id',
  'status',
  'created',
  'age_days',
  'last_used',
  'days_since_last_use',
] as const;

/** One row; `last_used` and `days_since_last_use` are null for a key never used. */
export type ReportRow = { readonly [K in (typeof REPORT_COLUMNS)[number]]: string | number | null };

/** How the root appears in the `user` column (as in RAM's and IAM's credential reports). */
export const ROOT_USER = '<root>';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Whole days from `from` to `to`, rounded down; never negative (a use during the report counts as 0). */
export function wholeDaysBetween(from: Date, to: Date): number {
  return Math.max(0, Math.floor((to.getTime() - from.getTime()) / DAY_MS));
}

/** The row of one key as of `referenceTime`. */
export function toReportRow(record: KeyRecord, referenceTime: Date): ReportRow {
  const lastUsed = record.lastUsedDate;
  return {
    account_id: record.accountId,
    user: record.userName ?? ROOT_USER,
    access_key_id: record.accessKeyId,
    status: record.status,
    created: record.createDate,
    age_days: wholeDaysBetween(new Date(record.createDate), referenceTime),
    last_used: lastUsed ?? null,
    days_since_last_use: lastUsed === undefined ? null : wholeDaysBetween(new Date(lastUsed), referenceTime),
  };
}

/** CSV: the header, then one line per row; null cells are empty. */
export function formatReportCsv(rows: readonly ReportRow[]): string {
  return formatCsv(
    REPORT_COLUMNS,
    rows.map((row) => REPORT_COLUMNS.map((column) => String(row[column] ?? ''))),
  );
}

/** JSON: `{"generated_at": …, "rows": [{column: value, …}, …]}`. */
export function formatReportJson(generatedAt: Date, rows: readonly ReportRow[]): string {
  return formatJson({ generated_at: generatedAt.toISOString(), rows });
}
