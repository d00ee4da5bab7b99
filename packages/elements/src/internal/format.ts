// SPDX-License-Identifier: MIT
/** Each unit from the largest down, with its length in seconds; below a minute, seconds. */
const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 31536000],
  ['month', 2592000],
  ['week', 604800],
  ['day', 86400],
  ['hour', 3600],
  ['minute', 60],
];

/** "3 hours ago", in the element's language. */
export function relativeTime(date: Date, locale: string, now = Date.now()): string {
  const seconds = (date.getTime() - now) / 1000;
  const [unit, size] = UNITS.find(([, size]) => Math.abs(seconds) >= size) ?? ['second', 1];
  return new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }).format(
    Math.round(seconds / size),
    unit,
  );
}

/** The exact date and time, for tooltips. */
export function exactTime(date: Date, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short' }).format(date);
}

/** "1.2K" style counts. */
export function compact(n: number, locale: string): string {
  return new Intl.NumberFormat(locale, { notation: 'compact' }).format(n);
}
