// SPDX-License-Identifier: MIT
import {
  FediError,
  forgetHome,
  intentUrl,
  rememberedHomes,
  rememberHome,
  shareUrl,
  type IntentValues,
  type IntentVerb,
} from '@fedikit/core';
import {
  html,
  nothing,
  type ReactiveController,
  type ReactiveControllerHost,
  type TemplateResult,
} from 'lit';
import type { FediIntentVerb } from '../events/intent.js';
import { dialogCatalogue, type DialogMessages } from '../i18n/dialog.js';
import { loadMessages, localeOf } from '../i18n/locale.js';
import { dialogStyles } from '../styles/dialog.styles.js';
import { addStyles, go } from './go.js';

type Host = ReactiveControllerHost & HTMLElement & { renderRoot: HTMLElement | DocumentFragment };

/** One request to the reader: what to do once their home server is known. */
export interface HomeRequest {
  /** The action, for the `fedi-intent` event. */
  readonly verb: FediIntentVerb;
  /** The dialog's title, e.g. "Reply from your own account". */
  readonly title: string;
  /** The post or account acted on (also offered to copy, as a fallback). */
  readonly object?: string;
  /** Finds the page to open on the reader's server (core's `intentUrl` or `shareUrl`). */
  readonly target: (home: string, signal: AbortSignal) => Promise<string>;
  /** More ways out, shown under the form (e.g. "Share on Bluesky"). */
  readonly extra?: TemplateResult;
}

/** A {@link HomeRequest.target} for an activity intent (core's `intentUrl`). */
export const intentTarget =
  (verb: IntentVerb, values: IntentValues) => (home: string, signal: AbortSignal) =>
    intentUrl(home, verb, values, { signal });

/** A {@link HomeRequest.target} that shares `text` (core's `shareUrl`). */
export const shareTarget = (text: string) => (home: string, signal: AbortSignal) =>
  shareUrl(home, text, { signal });

/**
 * "Do it from your own server": a native modal dialog that asks for the reader's home server
 * (remembered ones offered first), resolves the page to open there and opens it. Nothing is stored
 * unless the reader ticks "remember"; each remembered server can be forgotten; a copy-the-link
 * fallback is always there. Loaded on first use, as its own chunk.
 */
export class HomeDialogController implements ReactiveController {
  // ES private members: the minifier shortens these names, not public ones.
  readonly #host: Host;
  #request?: HomeRequest;
  #error = '';
  #busy = false;
  #copied = false;
  #abort?: AbortController;
  #m?: DialogMessages;

  constructor(host: Host) {
    this.#host = host;
    host.addController(this);
    // The dialog's styles travel with its code: added to the host's own styles on first use.
    addStyles(host, dialogStyles);
  }

  hostDisconnected(): void {
    this.#abort?.abort();
  }

  get #dialog(): HTMLDialogElement | null {
    return this.#host.renderRoot.querySelector('dialog');
  }

  /** Opens the dialog; the native dialog gives focus back to the opener when it closes. */
  async open(request: HomeRequest): Promise<void> {
    const host = this.#host;
    this.#m = await loadMessages(dialogCatalogue, localeOf(host));
    this.#request = request;
    this.#error = '';
    this.#copied = false;
    host.requestUpdate();
    void host.updateComplete.then(() => {
      const dialog = this.#dialog;
      if (dialog && !dialog.open) dialog.showModal();
      dialog?.querySelector('input')?.focus();
    });
  }

  // Event handlers are arrow functions: Lit calls a listener with the host element as `this`.

  /** Cancel, Escape, or done: stops a lookup under way (closing a closed dialog does nothing). */
  #close = () => {
    this.#abort?.abort();
    this.#dialog?.close();
  };

  #submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const home = String(form.get('home')).trim();
    const request = this.#request!;
    const host = this.#host;
    const m = this.#m!;
    this.#abort?.abort();
    const abort = (this.#abort = new AbortController());
    this.#busy = true;
    this.#error = '';
    host.requestUpdate();
    try {
      const url = await request.target(home, abort.signal);
      // Stored only when the reader asks.
      if (form.has('remember')) rememberHome(home);
      this.#close();
      go(host, request.verb, url, request.object);
    } catch (e) {
      const code = FediError.from(e).code;
      if (code !== 'ABORTED') {
        this.#error =
          code === 'INVALID_INPUT' ? m.badHome : code === 'NETWORK' ? m.noSuchServer : m.noAnswer;
      }
    }
    this.#busy = false;
    host.requestUpdate();
  };

  #copy = async () => {
    const host = this.#host;
    try {
      await navigator.clipboard.writeText(this.#request!.object!);
      this.#copied = true;
    } catch {
      // No clipboard permission: select the text so the reader can copy it themselves.
      host.renderRoot.querySelector<HTMLInputElement>('#fedi-link')?.select();
    }
    host.requestUpdate();
  };

  /** The dialog's template; rendered once per host, after the first `open()`. */
  render() {
    const m = this.#m;
    // Nothing before the first open(), which sets the strings and the request together.
    if (!m) return nothing;
    const request = this.#request!;
    const homes = rememberedHomes();
    return html`<dialog part="dialog" aria-labelledby="fedi-dlg-title" @close=${this.#close}>
      <form @submit=${this.#submit}>
        <h2 id="fedi-dlg-title">${request.title}</h2>
        <p>${m.dialogIntro}</p>
        <label for="fedi-home">${m.homeLabel}</label>
        <input
          id="fedi-home"
          name="home"
          required
          list="fedi-homes"
          autocomplete="url"
          spellcheck="false"
          .value=${homes[0] ?? ''}
          aria-describedby="fedi-home-hint fedi-home-error"
          aria-invalid=${!!this.#error}
        />
        <datalist id="fedi-homes">${homes.map((h) => html`<option value=${h}></option>`)}</datalist>
        <small id="fedi-home-hint">${m.homeHint}</small>
        <p id="fedi-home-error" class="error" role="alert">${this.#error || nothing}</p>
        <label
          ><input type="checkbox" name="remember" ?checked=${homes.length > 0} />
          ${m.remember}</label
        >
        ${
          homes.length
            ? html`<ul class="homes" aria-label=${m.remembered}>
                ${homes.map(
                  (h) =>
                    html`<li>
                      ${h}
                      <button
                        type="button"
                        class="link"
                        @click=${() => {
                          forgetHome(h);
                          this.#host.requestUpdate();
                        }}
                      >
                        ${m.forget}<span class="visually-hidden"> ${h}</span>
                      </button>
                    </li>`,
                )}
              </ul>`
            : nothing
        }
        <div class="row">
          <button type="button" class="btn" @click=${this.#close}>${m.cancel}</button>
          <button class="btn primary" ?disabled=${this.#busy}>
            ${this.#busy ? m.opening : m.go}
          </button>
        </div>
      </form>
      ${request.extra ?? nothing}
      ${
        request.object
          ? html`<p>${m.copyIntro}</p>
              <div class="row">
                <input
                  id="fedi-link"
                  readonly
                  aria-label=${m.postAddress}
                  .value=${request.object}
                />
                <button type="button" class="btn" @click=${this.#copy}>
                  ${this.#copied ? m.copied : m.copy}
                </button>
              </div>`
          : nothing
      }
    </dialog>`;
  }
}
