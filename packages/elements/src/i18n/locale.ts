// SPDX-License-Identifier: MIT
/**
 * Catalogues and languages. Each element has one catalogue (its English strings, and loaders for
 * the other languages), so a page downloads only the strings of the elements it shows; other
 * languages are small chunks from the page's own script host, fetched only when needed.
 */

/** One element's strings: English, and loaders for the other languages by primary subtag. */
export interface Catalogue<T> {
  readonly en: T;
  readonly others: Readonly<Record<string, () => Promise<T>>>;
}

const loaded = new WeakMap<Catalogue<unknown>, Record<string, unknown>>();
const lang = (locale: string) => locale.split('-')[0]!;

/** The language an element speaks: its nearest `lang` attribute, else the page's, else English. */
export function localeOf(el: Element): string {
  return (
    el.closest('[lang]')?.getAttribute('lang') ||
    document.documentElement.lang ||
    'en'
  ).toLowerCase();
}

/** A catalogue's strings for a locale if already loaded (English otherwise). */
export function messagesFor<T>(catalogue: Catalogue<T>, locale: string): T {
  return (loaded.get(catalogue)?.[lang(locale)] as T | undefined) ?? catalogue.en;
}

/** Loads a catalogue's strings for a locale; English for unknown languages. */
export async function loadMessages<T>(catalogue: Catalogue<T>, locale: string): Promise<T> {
  const load = catalogue.others[lang(locale)];
  if (!load) return catalogue.en;
  let byLang = loaded.get(catalogue);
  if (!byLang) loaded.set(catalogue, (byLang = {}));
  byLang[lang(locale)] ??= await load();
  return byLang[lang(locale)] as T;
}

/**
 * An element's language and its strings now (English until its language has loaded); `later` gets
 * the strings of another language once they arrive.
 */
export function messagesOf<T>(
  el: Element,
  catalogue: Catalogue<T>,
  later: (m: T) => void,
): [string, T] {
  const locale = localeOf(el);
  const now = messagesFor(catalogue, locale);
  void loadMessages(catalogue, locale).then((m) => m !== now && later(m));
  return [locale, now];
}
