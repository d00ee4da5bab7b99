// SPDX-License-Identifier: MIT
import { en, type Messages } from './en.js';

export type { Messages } from './en.js';
export { en } from './en.js';

const loaded: Record<string, Messages> = { en };
// Other catalogues are separate chunks, fetched from the page's own script host only when needed.
const loaders: Record<string, () => Promise<Messages>> = {
  fr: () => import('./fr.js').then((m) => m.fr),
};

/** The language an element speaks: its nearest `lang` attribute, else the page's, else English. */
export function localeOf(el: Element): string {
  return (
    el.closest('[lang]')?.getAttribute('lang') ||
    document.documentElement.lang ||
    'en'
  ).toLowerCase();
}

/** The catalogue for a locale if already loaded (English otherwise). */
export function messagesFor(locale: string): Messages {
  return loaded[locale.split('-')[0]!] ?? en;
}

/** Loads the catalogue for a locale; resolves to English for unknown languages. */
export async function loadMessages(locale: string): Promise<Messages> {
  const lang = locale.split('-')[0]!;
  if (!loaded[lang] && loaders[lang]) loaded[lang] = await loaders[lang]();
  return loaded[lang] ?? en;
}
