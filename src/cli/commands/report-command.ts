/** `akm report`: the credential report, computed now (not a cached file), as CSV or JSON on stdout. */
import { type Command, EXIT, UsageError } from '../command.js';
import { CONNECTION_HELP, CONNECTION_OPTIONS } from '../credentials/resolve-api-target.js';
import { optionalString } from '../option-values.js';
import { collectKeyRecords } from '../report/collect-key-records.js';
import { Progress } from '../report/progress.js';
import { formatReportCsv, formatReportJson, REPORT_COLUMNS, toReportRow } from '../report/report-rows.js';
import { withClient } from './api-command.js';

/** The report command. */
export const reportCommand: Command = {
  path: ['report'],
  summary: 'Print the credential report: one row per AccessKey with its age and last use',
  usage: 'report [--format csv|json] [--quiet] [connection options]',
  details: `Columns: ${REPORT_COLUMNS.join(', ')}.
  user is <root> for the account's own keys (listed when the root runs the report); ages are whole
  days since the report started (generated_at in JSON); last_used is empty for a key never used.
  --format csv|json   csv (default) or json
  --quiet             no progress indicator (it is only drawn when stderr is a terminal)

${CONNECTION_HELP}`,
  options: { format: { type: 'string' }, quiet: { type: 'boolean', short: 'q' }, ...CONNECTION_OPTIONS },
  async run(values, io) {
    const format = optionalString(values, 'format') ?? 'csv';
    if (format !== 'csv' && format !== 'json') {
      throw new UsageError(`--format must be csv or json, not ${JSON.stringify(format)}`);
    }
    const progress = new Progress(io, 'report: users', io.terminal.stderrIsTTY && values.quiet !== true);
    const generatedAt = new Date();
    const records = await withClient(values, io, (client) =>
      collectKeyRecords(client, (done, total) => progress.update(done, total)),
    ).finally(() => progress.finish());
    const rows = records.map((record) => toReportRow(record, generatedAt));
    io.stdout(format === 'csv' ? formatReportCsv(rows) : formatReportJson(generatedAt, rows));
    return EXIT.ok;
  },
};
