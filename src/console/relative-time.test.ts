import { describe, expect, it } from 'vitest';
import { formatRelativeTime } from './relative-time.js';

const NOW = new Date(Date.UTC(2026, 5, 15, 12, 0, 0));
const ago = (seconds: number) => new Date(NOW.getTime() - seconds * 1000);

describe('formatRelativeTime', () => {
  it.each([
    [0, 'just now'],
    [9, 'just now'],
    [-9, 'just now'],
    [42, '42 seconds ago'],
    [180, '3 minutes ago'],
    [3599, '59 minutes ago'],
    [3600, '1 hour ago'],
    [2 * 86400, '2 days ago'],
    [15 * 86400, '2 weeks ago'],
    [65 * 86400, '2 months ago'],
    [800 * 86400, '2 years ago'],
    [-300, 'in 5 minutes'],
  ])('%i seconds ago reads "%s"', (seconds, expected) => {
    expect(formatRelativeTime(ago(seconds), NOW)).toBe(expected);
  });
});
