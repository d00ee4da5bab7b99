// SPDX-License-Identifier: MIT
/**
 * What every Fedikit element shares, whether it is built on Lit (the thread, the gallery) or not
 * (the follow and share buttons, kept small): privacy modes, custom states, definition.
 */

/** How an element may contact a server: see the privacy guide. */
export type LoadMode = 'click' | 'visible' | 'eager';

/** The privacy mode in effect: as set, else `click` for another site's server, `visible` for ours. */
export function privacyMode(mode: LoadMode | undefined, origin: string | undefined): LoadMode {
  return mode ?? (origin === location.origin ? 'visible' : 'click');
}

/**
 * Runs `start` as the privacy mode allows: now (`eager`), once `el` nears the viewport (`visible`),
 * or not at all (`click`: the element offers a button naming the server). Returns what stops the
 * wait for visibility (on disconnect, or before scheduling again).
 */
export function schedule(
  el: Element,
  mode: LoadMode | undefined,
  origin: string,
  start: () => void,
): (() => void) | undefined {
  const chosen = privacyMode(mode, origin);
  if (chosen === 'eager') start();
  if (chosen !== 'visible') return;
  const observer = new IntersectionObserver(
    (entries) => {
      if (entries.some((e) => e.isIntersecting)) {
        observer.disconnect();
        start();
      }
    },
    { rootMargin: '300px' },
  );
  observer.observe(el);
  return () => observer.disconnect();
}

/** Sets or clears custom states (CSS `:host(:state(x))`): each of `names` is on when `on(name)`. */
export function setStates(
  internals: ElementInternals,
  names: readonly string[],
  on: (name: string) => boolean,
): void {
  // Old engines (before CustomStateSet) simply get no states: styling falls back to attributes.
  const states = internals.states;
  if (states) for (const n of names) states[on(n) ? 'add' : 'delete'](n);
}

/** Defines a custom element unless that tag is already taken (two copies of Fedikit on one page). */
export function defineFediElement(tag: string, ctor: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, ctor);
}
