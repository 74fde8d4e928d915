// "3 minutes ago": how the console shows RAM dates, with the exact date kept for a hover title.

/** Units from largest to smallest, with their length in seconds. */
const UNITS: ReadonlyArray<readonly [Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

/** Below this many seconds (either way, for small clock skew) a date is "just now". */
const JUST_NOW_SECONDS = 10;

const FORMAT = new Intl.RelativeTimeFormat('en', { numeric: 'always' });

/**
 * Formats a date relative to `now` in the largest whole unit: `3 minutes ago`, `2 days ago`,
 * `in 5 minutes` (a date ahead of this browser's clock), or `just now`.
 *
 * @param date - the instant to describe
 * @param now - the current time
 * @returns the English phrase
 */
export function formatRelativeTime(date: Date, now: Date): string {
  const seconds = Math.round((date.getTime() - now.getTime()) / 1000);
  if (Math.abs(seconds) < JUST_NOW_SECONDS) return 'just now';
  for (const [unit, length] of UNITS) {
    if (Math.abs(seconds) >= length) return FORMAT.format(Math.trunc(seconds / length), unit);
  }
  return 'just now';
}
