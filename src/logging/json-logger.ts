/** A structured logger writing one JSON object per line. */
import type { Logger } from '../domain/ports.js';

/** Log levels in increasing severity. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

const RANK: Readonly<Record<LogLevel, number>> = { debug: 10, info: 20, warn: 30, error: 40 };

/** Writes `{"time","level","msg",...fields}` lines to `write` (stderr by default) at or above `level`. */
export class JsonLogger implements Logger {
  constructor(
    private readonly level: LogLevel = 'info',
    private readonly write: (line: string) => void = (line) => process.stderr.write(line),
  ) {}

  debug(msg: string, fields?: Record<string, unknown>): void {
    this.#log('debug', msg, fields);
  }

  info(msg: string, fields?: Record<string, unknown>): void {
    this.#log('info', msg, fields);
  }

  warn(msg: string, fields?: Record<string, unknown>): void {
    this.#log('warn', msg, fields);
  }

  error(msg: string, fields?: Record<string, unknown>): void {
    this.#log('error', msg, fields);
  }

  #log(level: LogLevel, msg: string, fields: Record<string, unknown> | undefined): void {
    if (RANK[level] < RANK[this.level]) return;
    const entry: Record<string, unknown> = { time: new Date().toISOString(), level, msg };
    // A field never overwrites time, level or msg.
    for (const [key, value] of Object.entries(fields ?? {})) if (!(key in entry)) entry[key] = value;
    let line: string;
    try {
      line = JSON.stringify(entry);
    } catch {
      // A field JSON cannot encode (BigInt, cycles) must not turn a log call into a crash.
      line = JSON.stringify({
        time: entry.time,
        level,
        msg,
        unserialisableFields: Object.keys(fields ?? {}),
      });
    }
    this.write(`${line}\n`);
  }
}

/** A logger that drops everything (tests, and CLI commands that print their own output). */
export const SILENT_LOGGER: Logger = { debug() {}, info() {}, warn() {}, error() {} };
