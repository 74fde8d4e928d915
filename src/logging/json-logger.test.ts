// The JSON logger: level filtering, and exactly one JSON object per line.

import { describe, expect, it } from 'vitest';
import { JsonLogger, type LogLevel, SILENT_LOGGER } from './json-logger.js';

const LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];

function capture(level?: LogLevel) {
  const lines: string[] = [];
  const logger = new JsonLogger(level, (line) => lines.push(line));
  return { logger, lines };
}

function logAll(logger: JsonLogger): void {
  for (const level of LEVELS) logger[level](`${level} message`);
}

function parsed(line: string | undefined): Record<string, unknown> {
  const value: unknown = JSON.parse(line ?? '');
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('not an object');
  return Object.fromEntries(Object.entries(value));
}

describe('JsonLogger', () => {
  it.each([
    ['debug', ['debug', 'info', 'warn', 'error']],
    ['info', ['info', 'warn', 'error']],
    ['warn', ['warn', 'error']],
    ['error', ['error']],
  ] as const)('at level %s writes %j', (level, written) => {
    const { logger, lines } = capture(level);
    logAll(logger);
    expect(lines.map((line) => parsed(line).level)).toEqual(written);
  });

  it('defaults to info', () => {
    const { logger, lines } = capture();
    logAll(logger);
    expect(lines.map((line) => parsed(line).level)).toEqual(['info', 'warn', 'error']);
  });

  it('writes one JSON object per call, terminated by a single newline', () => {
    const { logger, lines } = capture('debug');
    logger.info('multi\nline "message"', { detail: 'a\nb', nested: { x: [1, 2] } });
    expect(lines).toHaveLength(1);
    const [line = ''] = lines;
    expect(line.endsWith('\n')).toBe(true);
    expect(line.slice(0, -1)).not.toContain('\n');
    expect(parsed(line)).toMatchObject({
      level: 'info',
      msg: 'multi\nline "message"',
      detail: 'a\nb',
      nested: { x: [1, 2] },
    });
  });

  it('starts each line with time, level and msg, then the fields', () => {
    const { logger, lines } = capture();
    logger.warn('slow', { requestId: 'R', ms: 12 });
    const entry = parsed(lines[0]);
    expect(Object.keys(entry)).toEqual(['time', 'level', 'msg', 'requestId', 'ms']);
    expect(entry.time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(entry).toMatchObject({ level: 'warn', msg: 'slow', requestId: 'R', ms: 12 });
  });

  it('writes nothing but time, level and msg without fields', () => {
    const { logger, lines } = capture();
    logger.error('boom');
    expect(Object.keys(parsed(lines[0]))).toEqual(['time', 'level', 'msg']);
  });
});

describe('SILENT_LOGGER', () => {
  it('accepts every level and does nothing', () => {
    for (const level of LEVELS) expect(() => SILENT_LOGGER[level]('x', { a: 1 })).not.toThrow();
  });
});
