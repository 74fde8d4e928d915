// --output: the explicit choice, else table on a terminal and JSON when piped.
import { describe, expect, it } from 'vitest';
import { fakeIo } from '../cli-io-test-support.js';
import { UsageError } from '../command.js';
import { outputMode } from './output-mode.js';

const io = (stdoutIsTTY: boolean) => fakeIo({}, { stdoutIsTTY });

describe('outputMode', () => {
  it('defaults to table on a terminal and JSON when piped', () => {
    expect(outputMode({}, io(true))).toBe('table');
    expect(outputMode({}, io(false))).toBe('json');
  });

  it.each(['table', 'json'] as const)('honours --output %s either way', (mode) => {
    expect(outputMode({ output: mode }, io(true))).toBe(mode);
    expect(outputMode({ output: mode }, io(false))).toBe(mode);
  });

  it.each(['yaml', 'JSON', ''])('rejects %j as a usage error', (mode) => {
    expect(() => outputMode({ output: mode }, io(true))).toThrow(UsageError);
  });
});
