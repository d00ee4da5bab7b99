// SPDX-License-Identifier: MIT
import { LitElement } from 'lit';
import { messagesOf, type Catalogue } from '../i18n/locale.js';
import { schedule, setStates, type LoadMode } from './element-kit.js';

export type { LoadMode } from './element-kit.js';

/**
 * Base of the Lit-based Fedikit elements (the thread, the gallery): custom states
 * (`:state(loading)`), the element's language and catalogue, and the privacy modes, from
 * ./element-kit.ts, which the small elements without Lit share.
 */
export class FediElement extends LitElement {
  private readonly internals = this.attachInternals();
  #stop?: () => void;
  /** The element's language: its nearest `lang` attribute, else the page's, else English. */
  protected locale = 'en';
  /** Each element's strings; a subclass sets its own. */
  static catalogue: Catalogue<unknown>;
  /** The element's strings, in its language (typed by each subclass). */
  messages: unknown;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stop?.();
  }

  /** Reads the element's language; other catalogues are a small chunk from the page's own host. */
  protected updateLocale(): void {
    const { catalogue } = this.constructor as typeof FediElement;
    [this.locale, this.messages] = messagesOf(this, catalogue, (m) => {
      this.messages = m;
      this.requestUpdate();
    });
  }

  /**
   * Runs `start` as the privacy mode allows: now (`eager`), once the element nears the viewport
   * (`visible`), or not at all (`click`: the element offers a button naming the server). Without a
   * mode set: `click` for another site's server, `visible` for the page's own origin.
   */
  protected schedule(mode: LoadMode | undefined, origin: string, start: () => void): void {
    this.#stop?.();
    this.#stop = schedule(this, mode, origin, start);
  }

  /** Sets exactly one of `names` as the current custom state (CSS `:host(:state(x))`). */
  protected setState(current: string, names: readonly string[]): void {
    setStates(this.internals, names, (n) => n === current);
  }

  /** Sets or clears one custom state. */
  protected toggleState(name: string, on: boolean): void {
    setStates(this.internals, [name], () => on);
  }
}
