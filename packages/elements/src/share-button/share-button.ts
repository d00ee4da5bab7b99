// SPDX-License-Identifier: MIT
import { blueskyShareUrl } from '@fedikit/core';
import { html, nothing } from 'lit';

import { buttonsCatalogue, type ButtonMessages } from '../i18n/buttons.js';
import { FediElement } from '../internal/fedi-element.js';
import { go } from '../internal/go.js';
import type { HomeDialogController } from '../internal/home-dialog.js';
import { tokens } from '../styles/tokens.styles.js';
import { styles } from './share-button.styles.js';

/**
 * A button to share a page from the reader's own fediverse server, or on Bluesky, with no request
 * before a click.
 *
 * @summary Share a page from the reader's own account.
 * @since 0.1.0
 * @status stable
 * @tag fedi-share-button
 *
 * @slot - The no-JavaScript fallback (typically a share link). Hidden once the element runs.
 *
 * @fires fedi-intent - {FediIntentEvent} Just before the share page opens; cancelable.
 *
 * @csspart button - The Share button.
 * @csspart dialog - The "share from your own account" dialog.
 * @csspart bluesky-button - The "Share on Bluesky" button in the dialog.
 *
 * @cssproperty --fedi-color-text - Text colour.
 * @cssproperty --fedi-color-muted - Hints in the dialog.
 * @cssproperty --fedi-color-background - Background of the dialog, text of the Share button.
 * @cssproperty --fedi-color-surface - Background of secondary buttons.
 * @cssproperty --fedi-color-border - Borders.
 * @cssproperty --fedi-color-accent - The Share button, links, focus rings.
 * @cssproperty --fedi-color-danger - Error text.
 * @cssproperty --fedi-radius - Corner radius.
 * @cssproperty --fedi-font-family - Font (inherits by default).
 * @cssproperty --fedi-font-size - Base font size.
 * @cssproperty --fedi-line-height - Line height.
 */
export class FediShareButton extends FediElement {
  /** Shared tokens, then this element's own styles (the dialog brings its own). */
  static override styles = [tokens, styles];
  static override catalogue = buttonsCatalogue;
  /** The element's strings, in its language. */
  declare messages: ButtonMessages;

  static override properties = {
    text: {},
    url: {},
    client: {},
    theme: { reflect: true },
  };

  /** The text to share. Default: the page's title. */
  declare text?: string;
  /** The address to share after the text. Default: the page's address, without its `#fragment`. */
  declare url?: string;
  /** Bluesky web client for "Share on Bluesky". Default `https://bsky.app`. */
  declare client?: string;
  /** `light`, `dark`, or unset to follow the reader's `prefers-color-scheme`. */
  declare theme?: 'light' | 'dark';

  // ES private: the minifier shortens the name.
  #dialog?: HomeDialogController;

  override connectedCallback(): void {
    super.connectedCallback();
    this.updateLocale();
  }

  /** Opens the "share from your own account" dialog (fetched on first use). */
  async #share() {
    const dialog = await import('../internal/home-dialog.js');
    const text = `${this.text ?? document.title} ${this.url ?? location.href.split('#')[0]}`.trim();
    const m = this.messages;
    this.#dialog ??= new dialog.HomeDialogController(this);
    this.#dialog.open({
      verb: 'Share',
      title: m.dialogShare,
      target: dialog.shareTarget(text),
      extra: html`<p>
        <button
          part="bluesky-button"
          type="button"
          class="btn"
          @click=${() => {
            this.renderRoot.querySelector('dialog')?.close();
            go(this, 'Share', blueskyShareUrl(text, this.client));
          }}
        >
          ${m.shareOnBluesky}
        </button>
      </p>`,
    });
  }

  protected override render() {
    const m = this.messages;
    return html`<button part="button" class="btn primary" @click=${this.#share}>${m.share}</button>
      ${this.#dialog?.render() ?? nothing}`;
  }
}
