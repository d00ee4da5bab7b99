// SPDX-License-Identifier: MIT
import {
  FediError,
  forgetHome,
  intentUrl,
  rememberedHomes,
  rememberHome,
  type IntentValues,
  type IntentVerb,
} from '@fedikit/core';
import type { FediIntentVerb } from '../events/intent.js';
import { dialogCatalogue } from '../i18n/dialog.js';
import { loadMessages, localeOf } from '../i18n/locale.js';
import { dialogStyles } from '../styles/dialog.styles.js';
import { h } from './dom.js';
import { addStyles, go } from './go.js';

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
  readonly extra?: Node;
}

/** A {@link HomeRequest.target} for an activity intent (core's `intentUrl`). */
export const intentTarget =
  (verb: IntentVerb, values: IntentValues) => (home: string, signal: AbortSignal) =>
    intentUrl(home, verb, values, { signal });

/**
 * A {@link HomeRequest.target} that shares `text` (core's `shareUrl`). Its nodeinfo lookup and the
 * share pages of each software family are a chunk that only sharing loads, fetched as the dialog
 * opens.
 */
export function shareTarget(text: string): HomeRequest['target'] {
  const share = import('./share-url.js');
  return async (home, signal) => (await share).shareUrl(home, text, { signal });
}

/**
 * "Do it from your own server": a native modal dialog that asks for the reader's home server
 * (remembered ones offered first), resolves the page to open there and opens it. Nothing is stored
 * unless the reader ticks "remember"; each remembered server can be forgotten; a copy-the-link
 * fallback is always there. Loaded on first use, as its own chunk. Built without Lit, so that the
 * buttons, which have no Lit, can open it: it lives first in the host's shadow root, before anything
 * a Lit host renders, so a re-render never touches it.
 */
export class HomeDialog {
  // ES private members: the minifier shortens these names, not public ones.
  readonly #host: HTMLElement;
  #abort?: AbortController;
  #dialog?: HTMLDialogElement;

  constructor(host: HTMLElement) {
    this.#host = host;
    // The dialog's styles travel with its code: added to the host's own styles on first use.
    addStyles(host, dialogStyles);
  }

  /** Closes the dialog, stopping a lookup under way: Cancel, Escape, done, or the host leaving. */
  close = (): void => {
    this.#abort?.abort();
    this.#dialog?.close();
  };

  /** Opens the dialog for `request`; the native dialog gives focus back to the opener when it closes. */
  async open(request: HomeRequest): Promise<void> {
    const host = this.#host;
    const m = await loadMessages(dialogCatalogue, localeOf(host));
    const homes = rememberedHomes();
    const error = h('p', { id: 'fedi-home-error', class: 'error', role: 'alert' });
    const input = h('input', {
      id: 'fedi-home',
      name: 'home',
      required: true,
      list: 'fedi-homes',
      autocomplete: 'url',
      spellcheck: 'false',
      'aria-describedby': 'fedi-home-hint fedi-home-error',
      'aria-invalid': 'false',
    });
    input.value = homes[0] ?? '';
    const submit = h('button', { class: 'btn primary' }, m.go);
    /** Shows the lookup under way, and its error if any. */
    const show = (busy: boolean, message = '') => {
      submit.disabled = busy;
      submit.textContent = busy ? m.opening : m.go;
      error.textContent = message;
      input.ariaInvalid = String(!!message);
    };
    const list = h('ul', { class: 'homes', 'aria-label': m.remembered });
    for (const home of homes) {
      const item = h(
        'li',
        {},
        `${home} `,
        h(
          'button',
          {
            type: 'button',
            class: 'link',
            onclick: () => {
              forgetHome(home);
              // The pressed button goes with its line: keep the keyboard in the form.
              item.remove();
              if (!list.children.length) list.remove();
              input.focus();
            },
          },
          m.forget,
          h('span', { class: 'visually-hidden' }, ` ${home}`),
        ),
      );
      list.append(item);
    }
    const form = h(
      'form',
      {
        onsubmit: async (event: Event) => {
          event.preventDefault();
          const data = new FormData(form);
          const home = String(data.get('home')).trim();
          this.#abort?.abort();
          const abort = (this.#abort = new AbortController());
          show(true);
          try {
            const url = await request.target(home, abort.signal);
            // Stored only when the reader asks.
            if (data.has('remember')) rememberHome(home);
            // Closed for good: the next open() builds a fresh form.
            this.close();
            go(host, request.verb, url, request.object);
          } catch (e) {
            const code = FediError.from(e).code;
            show(
              false,
              code === 'ABORTED'
                ? ''
                : code === 'INVALID_INPUT'
                  ? m.badHome
                  : code === 'NETWORK'
                    ? m.noSuchServer
                    : m.noAnswer,
            );
          }
        },
      },
      h('h2', { id: 'fedi-dlg-title' }, request.title),
      h('p', {}, m.dialogIntro),
      h('label', { for: 'fedi-home' }, m.homeLabel),
      input,
      h('datalist', { id: 'fedi-homes' }, ...homes.map((value) => h('option', { value }))),
      h('small', { id: 'fedi-home-hint' }, m.homeHint),
      error,
      h(
        'label',
        {},
        h('input', { type: 'checkbox', name: 'remember', checked: !!homes[0] }),
        ` ${m.remember}`,
      ),
      homes[0] ? list : '',
      h(
        'div',
        { class: 'row' },
        h('button', { type: 'button', class: 'btn', onclick: this.close }, m.cancel),
        submit,
      ),
    );
    const dialog = h(
      'dialog',
      { part: 'dialog', 'aria-labelledby': 'fedi-dlg-title', onclose: () => this.#abort?.abort() },
      form,
      request.extra ?? '',
    );
    const object = request.object;
    if (object) {
      const link = h('input', { id: 'fedi-link', readonly: true, 'aria-label': m.postAddress });
      link.value = object;
      const copy = h(
        'button',
        {
          type: 'button',
          class: 'btn',
          onclick: async () => {
            try {
              await navigator.clipboard.writeText(object);
              copy.textContent = m.copied;
            } catch {
              // No clipboard permission: select the text so the reader can copy it themselves.
              link.select();
            }
          },
        },
        m.copy,
      );
      dialog.append(h('p', {}, m.copyIntro), h('div', { class: 'row' }, link, copy));
    }
    this.#dialog?.remove();
    this.#dialog = dialog;
    host.shadowRoot!.prepend(dialog);
    dialog.showModal();
    input.focus();
  }
}
