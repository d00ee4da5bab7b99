// SPDX-License-Identifier: MIT
const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 31536000],
  ['month', 2592000],
  ['week', 604800],
  ['day', 86400],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

/** "3 hours ago", in the element's language. */
export function relativeTime(date: Date, locale: string, now = Date.now()): string {
  const seconds = (date.getTime() - now) / 1000;
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size || unit === 'second')
      return rtf.format(Math.round(seconds / size), unit);
  }
  return '';
}

/** The exact date and time, for tooltips. */
export function exactTime(date: Date, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short' }).format(date);
}

/** "1.2K" style counts. */
export function compact(n: number, locale: string): string {
  return new Intl.NumberFormat(locale, { notation: 'compact' }).format(n);
}
