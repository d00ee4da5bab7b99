// SPDX-License-Identifier: MIT
import { blueskyShareUrl } from '@fedikit/core';
import { buttonsCatalogue, type ButtonMessages } from '../i18n/buttons.js';
import { h } from '../internal/dom.js';
import { go } from '../internal/go.js';
import type { HomeDialog } from '../internal/home-dialog.js';
import { defineProps, PlainElement } from '../internal/plain-element.js';
import { tokens } from '../styles/tokens.styles.js';
import { styles } from './share-button.styles.js';

/**
 * A button to share a page from the reader's own fediverse server, or on Bluesky, with no request
 * before a click. Built without Lit (see {@link PlainElement}), so a page with only buttons stays
 * small.
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
export class FediShareButton extends PlainElement {
  /** Shared tokens, then this element's own styles (the dialog brings its own). */
  static override styles = [tokens, styles];
  static override catalogue = buttonsCatalogue;
  static override props = { text: String, url: String, client: String, theme: String };
  /** The element's strings, in its language. */
  declare messages: ButtonMessages;

  /** The text to share. Default: the page's title. */
  declare text?: string;
  /** The address to share after the text. Default: the page's address, without its `#fragment`. */
  declare url?: string;
  /** Bluesky web client for "Share on Bluesky". Default `https://bsky.app`. */
  declare client?: string;
  /** `light`, `dark`, or unset to follow the reader's `prefers-color-scheme`. */
  declare theme?: 'light' | 'dark';

  // ES private: the minifier shortens the name.
  #dialog?: HomeDialog;
  #button?: HTMLButtonElement;

  disconnectedCallback(): void {
    this.#dialog?.close();
  }

  /** Opens the "share from your own account" dialog (fetched on first use). */
  async #share() {
    const dialog = await import('../internal/home-dialog.js');
    const text = `${this.text ?? document.title} ${this.url ?? location.href.split('#')[0]}`.trim();
    const m = this.messages;
    const home = (this.#dialog ??= new dialog.HomeDialog(this));
    void home.open({
      verb: 'Share',
      title: m.dialogShare,
      target: dialog.shareTarget(text),
      extra: h(
        'p',
        {},
        h(
          'button',
          {
            part: 'bluesky-button',
            type: 'button',
            class: 'btn',
            onclick: () => {
              home.close();
              go(this, 'Share', blueskyShareUrl(text, this.client));
            },
          },
          m.shareOnBluesky,
        ),
      ),
    });
  }

  protected override update(): void {
    this.updateLocale();
    // One button for the element's life, updated in place: re-creating it would drop the focus.
    const button = (this.#button ??= h('button', {
      part: 'button',
      class: 'btn primary',
      onclick: () => void this.#share(),
    }));
    if (!button.isConnected) this.root.append(button);
    button.textContent = this.messages.share;
  }
}

defineProps(FediShareButton);
