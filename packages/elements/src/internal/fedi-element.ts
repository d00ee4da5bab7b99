// SPDX-License-Identifier: MIT
import { LitElement } from 'lit';
import { loadMessages, localeOf, messagesFor, type Catalogue } from '../i18n/locale.js';

/** How an element may contact a server: see the privacy guide. */
export type LoadMode = 'click' | 'visible' | 'eager';

/**
 * Base of every Fedikit element: custom states (`:state(loading)`), the element's language and
 * catalogue, and the privacy modes. Nothing else lives here.
 */
export class FediElement extends LitElement {
  private readonly internals = this.attachInternals();
  private observer?: IntersectionObserver;
  /** The element's language: its nearest `lang` attribute, else the page's, else English. */
  protected locale = 'en';
  /** Each element's strings; a subclass sets its own. */
  static catalogue: Catalogue<unknown>;
  /** The element's strings, in its language (typed by each subclass). */
  messages: unknown;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.observer?.disconnect();
  }

  /** Reads the element's language; other catalogues are a small chunk from the page's own host. */
  protected updateLocale(): void {
    const { catalogue } = this.constructor as typeof FediElement;
    this.locale = localeOf(this);
    this.messages = messagesFor(catalogue, this.locale);
    void loadMessages(catalogue, this.locale).then((m) => {
      if (m !== this.messages) {
        this.messages = m;
        this.requestUpdate();
      }
    });
  }

  /**
   * Runs `start` as the privacy mode allows: now (`eager`), once the element nears the viewport
   * (`visible`), or not at all (`click`: the element offers a button naming the server). Without a
   * mode set: `click` for another site's server, `visible` for the page's own origin.
   */
  protected schedule(mode: LoadMode | undefined, origin: string, start: () => void): void {
    this.observer?.disconnect();
    const chosen = privacyMode(mode, origin);
    if (chosen === 'eager') start();
    else if (chosen === 'visible') {
      this.observer = new IntersectionObserver(
        (entries) => {
          if (entries.some((e) => e.isIntersecting)) {
            this.observer?.disconnect();
            start();
          }
        },
        { rootMargin: '300px' },
      );
      this.observer.observe(this);
    }
  }

  /** Sets exactly one of `names` as the current custom state (CSS `:host(:state(x))`). */
  protected setState(current: string, names: readonly string[]): void {
    for (const n of names) this.toggleState(n, n === current);
  }

  /** Sets or clears one custom state. */
  protected toggleState(name: string, on: boolean): void {
    const states = this.internals.states;
    // Old engines (before CustomStateSet) simply get no states: styling falls back to attributes.
    if (!states) return;
    if (on) states.add(name);
    else states.delete(name);
  }
}

/** The privacy mode in effect: as set, else `click` for another site's server, `visible` for ours. */
export function privacyMode(mode: LoadMode | undefined, origin: string | undefined): LoadMode {
  return mode ?? (origin === location.origin ? 'visible' : 'click');
}

/** Defines a custom element unless that tag is already taken (two copies of Fedikit on one page). */
export function defineFediElement(tag: string, ctor: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, ctor);
}
