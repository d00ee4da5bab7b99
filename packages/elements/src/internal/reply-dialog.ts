// SPDX-License-Identifier: MIT
import { FediError, remoteInteraction, type Post } from '@fedikit/core';
import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { Messages } from '../i18n/locale.js';

/** localStorage key for the reader's home server; written only after they tick "remember". */
export const HOME_KEY = 'fedikit:home';

type Host = ReactiveControllerHost & HTMLElement & { renderRoot: HTMLElement | DocumentFragment };

/**
 * "Reply from your own server": a native modal dialog that asks for the reader's home server, finds its
 * interaction page (WebFinger subscribe template, else `/authorize_interaction`) and opens it in a new
 * tab. Nothing is stored unless the reader ticks "remember"; a copy-the-link fallback is always there.
 */
export class ReplyDialogController implements ReactiveController {
  private post?: Post;
  private error = '';
  private busy = false;
  private copied = false;
  private abort?: AbortController;

  constructor(private readonly host: Host) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.abort?.abort();
  }

  private get dialog(): HTMLDialogElement | null {
    return this.host.renderRoot.querySelector('dialog');
  }

  /** Opens the dialog for `post`, remembering which control to give focus back to. */
  open(post: Post): void {
    this.post = post;
    this.error = '';
    this.copied = false;
    this.host.requestUpdate();
    void this.host.updateComplete.then(() => {
      const dialog = this.dialog;
      if (dialog && !dialog.open) dialog.showModal();
      dialog?.querySelector('input')?.focus();
    });
  }

  private close = () => {
    this.abort?.abort();
    this.dialog?.close();
  };

  private submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const home = (form.elements.namedItem('home') as HTMLInputElement).value;
    const remember = (form.elements.namedItem('remember') as HTMLInputElement).checked;
    const m = (this.host as unknown as { messages: Messages }).messages;
    this.abort?.abort();
    this.abort = new AbortController();
    this.busy = true;
    this.error = '';
    this.host.requestUpdate();
    try {
      const target = await remoteInteraction(home, this.post!.uri, { signal: this.abort.signal });
      try {
        // Stored only when the reader asks; unticking forgets it.
        if (remember) localStorage.setItem(HOME_KEY, home.trim());
        else localStorage.removeItem(HOME_KEY);
      } catch {
        // Storage blocked by the browser: going to the server still works, remembering does not.
      }
      window.open(target, '_blank', 'noopener,noreferrer');
      this.close();
    } catch (e) {
      const code = FediError.from(e).code;
      if (code !== 'ABORTED') this.error = code === 'INVALID_INPUT' ? m.badHome : m.noAnswer;
    }
    this.busy = false;
    this.host.requestUpdate();
  };

  private copy = async () => {
    const link = this.post!.url ?? this.post!.uri;
    try {
      await navigator.clipboard.writeText(link);
      this.copied = true;
    } catch {
      // No clipboard permission: select the text so the reader can copy it themselves.
      this.host.renderRoot.querySelector<HTMLInputElement>('#fedi-link')?.select();
    }
    this.host.requestUpdate();
  };

  /** The dialog's template; rendered once per host. */
  render(m: Messages) {
    const post = this.post;
    let saved = '';
    try {
      saved = localStorage.getItem(HOME_KEY) ?? '';
    } catch {
      // Storage blocked by the browser: just no prefill.
    }
    return html`<dialog
      part="dialog"
      aria-labelledby="fedi-dlg-title"
      @close=${() => this.abort?.abort()}
    >
      <form @submit=${this.submit}>
        <h2 id="fedi-dlg-title">${m.dialogTitle}</h2>
        <p>${m.dialogIntro}</p>
        <label for="fedi-home">${m.homeLabel}</label>
        <input
          id="fedi-home"
          name="home"
          required
          autocomplete="url"
          spellcheck="false"
          .value=${saved}
          aria-describedby="fedi-home-hint fedi-home-error"
          aria-invalid=${this.error ? 'true' : 'false'}
        />
        <small id="fedi-home-hint">${m.homeHint}</small>
        <p id="fedi-home-error" class="error" role="alert">${this.error || nothing}</p>
        <label><input type="checkbox" name="remember" ?checked=${!!saved} /> ${m.remember}</label>
        <div class="row">
          <button type="button" class="btn" @click=${this.close}>${m.cancel}</button>
          <button class="btn primary" ?disabled=${this.busy}>
            ${this.busy ? m.opening : m.go}
          </button>
        </div>
      </form>
      ${
        post
          ? html`<p>${m.copyIntro}</p>
              <div class="row">
                <input
                  id="fedi-link"
                  readonly
                  aria-label=${m.postAddress}
                  .value=${post.url ?? post.uri}
                />
                <button type="button" class="btn" @click=${this.copy}>
                  ${this.copied ? m.copied : m.copy}
                </button>
              </div>`
          : nothing
      }
    </dialog>`;
  }
}
