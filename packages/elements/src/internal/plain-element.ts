// SPDX-License-Identifier: MIT
import { messagesOf, type Catalogue } from '../i18n/locale.js';
import { setStates } from './element-kit.js';

/** How an attribute reads as a property. */
type Kind = StringConstructor | BooleanConstructor | NumberConstructor;

/**
 * Base of the elements that must stay small, the follow and share buttons: a plain custom element
 * without Lit, which would be most of their bytes. Attributes are the element's properties (setting
 * one sets the attribute); any change schedules one `update()` in a microtask, and `updateComplete`
 * resolves after it, as on the Lit-based elements. Shares the privacy modes, custom states and
 * catalogues with them (./element-kit.ts, ../i18n/locale.ts).
 */
export abstract class PlainElement extends HTMLElement {
  /** Shared tokens, then the element's own styles (lazily loaded code adds its own). */
  static styles: CSSStyleSheet[];
  /** The element's strings; a subclass sets its own. */
  static catalogue: Catalogue<unknown>;
  /** Each property and how its attribute (the kebab-case name) reads. */
  static props: Record<string, Kind>;
  static get observedAttributes(): string[] {
    return Object.keys(this.props).map(attrName);
  }

  /** The element's language: its nearest `lang` attribute, else the page's, else English. */
  protected locale = 'en';
  /** The element's strings, in its language (typed by each subclass). */
  messages: unknown;
  protected readonly root = this.attachShadow({ mode: 'open' });
  readonly #internals = this.attachInternals();
  #update?: Promise<boolean>;

  constructor() {
    super();
    const ctor = this.constructor as typeof PlainElement;
    this.root.adoptedStyleSheets = [...ctor.styles];
  }

  connectedCallback(): void {
    const self = this as unknown as Record<string, unknown>;
    for (const prop in (this.constructor as typeof PlainElement).props) {
      // A property set before the element was defined (frameworks do that) becomes the attribute.
      if (Object.hasOwn(self, prop)) {
        const value = self[prop];
        Reflect.deleteProperty(self, prop);
        self[prop] = value;
      }
    }
    this.requestUpdate();
  }

  attributeChangedCallback(): void {
    this.requestUpdate();
  }

  /** Schedules one `update()` (several changes in a row render once); none while disconnected. */
  requestUpdate(): void {
    this.#update ??= Promise.resolve().then(() => {
      this.#update = undefined;
      // Connecting again requests an update: nothing starts (no read) while the element is away.
      if (this.isConnected) this.update();
      return true;
    });
  }

  /** Resolves once pending changes are rendered. */
  get updateComplete(): Promise<boolean> {
    return this.#update ?? Promise.resolve(true);
  }

  /** Renders the current attributes and state into the shadow root. */
  protected abstract update(): void;

  /** Reads the element's language; other catalogues are a small chunk from the page's own host. */
  protected updateLocale(): void {
    const { catalogue } = this.constructor as typeof PlainElement;
    [this.locale, this.messages] = messagesOf(this, catalogue, (m) => {
      this.messages = m;
      this.requestUpdate();
    });
  }

  /** Sets exactly one of `names` as the current custom state (CSS `:host(:state(x))`). */
  protected setState(current: string, names: readonly string[]): void {
    setStates(this.#internals, names, (n) => n === current);
  }
}

const attrName = (prop: string) => prop.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** Defines the attribute-backed properties of a {@link PlainElement} subclass, from its `props`. */
export function defineProps(ctor: typeof PlainElement): void {
  for (const [prop, kind] of Object.entries(ctor.props)) {
    const name = attrName(prop);
    Object.defineProperty(ctor.prototype, prop, {
      get(this: HTMLElement) {
        const value = this.getAttribute(name);
        return kind === Boolean ? value !== null : value === null ? undefined : kind(value);
      },
      set(this: HTMLElement, value: unknown) {
        if (kind === Boolean ? value : value != null)
          this.setAttribute(name, kind === Boolean ? '' : String(value));
        else this.removeAttribute(name);
      },
    });
  }
}
