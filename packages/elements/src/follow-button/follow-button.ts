// SPDX-License-Identifier: MIT
import { BSKY_APP, FediError, type Profile, type Ref } from '@fedikit/core';
import { html, nothing, type PropertyValues } from 'lit';
import { buttonsCatalogue, type ButtonMessages } from '../i18n/buttons.js';
import { FediElement, privacyMode, type LoadMode } from '../internal/fedi-element.js';
import { addStyles, go } from '../internal/go.js';
import type { HomeDialogController } from '../internal/home-dialog.js';
import { tokens } from '../styles/tokens.styles.js';
import { readAccount } from './account.js';
import type * as ProfileModule from './profile.js';
import { styles } from './follow-button.styles.js';

type Status = 'idle' | 'loading' | 'ready' | 'error';
const STATES = ['idle', 'loading', 'ready', 'error'] as const;
type ProfileView = typeof ProfileModule;

/**
 * A button to follow an account from the reader's own server, with no request before a click.
 *
 * @summary Follow a fediverse or Bluesky account from the reader's own account.
 * @since 0.1.0
 * @status stable
 * @tag fedi-follow-button
 *
 * @slot - The no-JavaScript fallback (typically a link to the profile). Hidden once the element
 *   runs, shown again only when `account` is not an account Fedikit understands.
 *
 * @fires fedi-intent - {FediIntentEvent} Just before the follow page opens; cancelable.
 *
 * @csspart button - The Follow button.
 * @csspart load-button - The "Show profile" button (`show-profile` with `load="click"`).
 * @csspart profile - The profile: avatar, name, handle and follower count.
 * @csspart avatar - The avatar image.
 * @csspart error - The message shown when the profile could not be loaded.
 * @csspart dialog - The "follow from your own account" dialog.
 *
 * @cssstate idle - Nothing fetched: no `show-profile`, or waiting for a click or for visibility.
 * @cssstate loading - Fetching the profile.
 * @cssstate ready - The profile is shown.
 * @cssstate error - The profile could not be loaded, or `account` is not understood.
 *
 * @cssproperty --fedi-color-text - Text colour.
 * @cssproperty --fedi-color-muted - Handle and follower count.
 * @cssproperty --fedi-color-background - Background of the dialog, text of the Follow button.
 * @cssproperty --fedi-color-surface - Background of secondary buttons.
 * @cssproperty --fedi-color-border - Borders.
 * @cssproperty --fedi-color-accent - The Follow button, links, focus rings.
 * @cssproperty --fedi-color-danger - Error text.
 * @cssproperty --fedi-radius - Corner radius.
 * @cssproperty --fedi-font-family - Font (inherits by default).
 * @cssproperty --fedi-font-size - Base font size.
 * @cssproperty --fedi-line-height - Line height.
 * @cssproperty --fedi-avatar-size - Avatar size.
 */
export class FediFollowButton extends FediElement {
  /** Shared tokens, then this element's own styles (the dialog brings its own). */
  static override styles = [tokens, styles];
  static override catalogue = buttonsCatalogue;
  /** The element's strings, in its language. */
  declare messages: ButtonMessages;

  static override properties = {
    account: {},
    name: {},
    showProfile: { type: Boolean, attribute: 'show-profile' },
    load: {},
    client: {},
    theme: { reflect: true },
    timeout: { type: Number },
    status: { state: true },
    profile: { state: true },
  };

  /**
   * The account: `@user@host`, `acct:user@host` or a profile URL (`https://host/@user`); for Bluesky
   * a handle (`alice.bsky.social`), a DID or a `https://bsky.app/profile/…` URL.
   */
  declare account: string;
  /** The name shown on the button. Default: the handle. */
  declare name?: string;
  /** Also show the avatar, display name and follower count (fetched as `load` allows). */
  declare showProfile: boolean;
  /**
   * With `show-profile`, when to contact the account's server: `click` (a "Show profile" button names
   * the server), `visible` or `eager`. Default: `click` for another site's server, `visible` for the
   * page's own origin.
   */
  declare load?: LoadMode;
  /** Bluesky web client that opens Bluesky profiles. Default `https://bsky.app`. */
  declare client: string;
  /** `light`, `dark`, or unset to follow the reader's `prefers-color-scheme`. */
  declare theme?: 'light' | 'dark';
  /** Deadline of the profile read in milliseconds, retries included. Default 10 000. */
  declare timeout?: number;

  /** The loaded profile (with `show-profile`). */
  declare profile?: Profile;
  declare protected status: Status;

  // ES private members: the minifier shortens these names, not public or protected ones.
  #ref?: Ref;
  #error?: FediError;
  #abort?: AbortController;
  #dialog?: HomeDialogController;
  /** The profile's view, loaded with the profile read (see ./profile.ts). */
  #view?: ProfileView;

  constructor() {
    super();
    this.account = '';
    this.showProfile = false;
    this.client = BSKY_APP;
    this.status = 'idle';
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#abort?.abort();
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('account') || changed.has('showProfile') || changed.has('load'))
      this.#prepare();
    if (changed.has('status')) this.setState(this.status, STATES);
  }

  /** Resolves `account`; with `show-profile`, starts loading as the privacy mode allows. */
  #prepare() {
    this.#abort?.abort();
    this.profile = undefined;
    this.#error = undefined;
    this.status = 'idle';
    this.updateLocale();
    // Not understood (or a post, a collection): the site's fallback stays in view.
    this.#ref = readAccount(this.account);
    if (!this.#ref) {
      this.status = 'error';
      return;
    }
    // @NOTE No Bluesky profile reader exists yet: a Bluesky account shows the button alone.
    if (!this.showProfile || this.#ref.protocol !== 'mastodon') return;
    this.schedule(this.load, this.#ref.origin, () => void this.fetchProfile());
  }

  /** Fetches (or re-fetches) the profile now, whatever the load mode. */
  async fetchProfile(): Promise<void> {
    const ref = this.#ref;
    if (ref?.protocol !== 'mastodon') return;
    this.#abort?.abort();
    const abort = (this.#abort = new AbortController());
    this.status = 'loading';
    this.#error = undefined;
    try {
      const view = await import('./profile.js');
      if (!this.#view) addStyles(this, view.profileStyles);
      this.#view = view;
      const profile = await view.fetchProfile(ref, { signal: abort.signal, timeout: this.timeout });
      if (abort.signal.aborted) return;
      this.profile = profile;
      this.status = 'ready';
    } catch (e) {
      if (abort.signal.aborted) return;
      this.#error = FediError.from(e);
      this.status = 'error';
    }
  }

  /** The handle as readers know it: `@user@host`, `@handle` on Bluesky, or the DID. */
  get #handle(): string {
    const { protocol, acct, host } = this.#ref!;
    if (protocol === 'bluesky') return acct!.startsWith('did:') ? acct! : `@${acct}`;
    return acct!.includes('@') ? `@${acct}` : `@${acct}@${host}`;
  }

  /**
   * Mastodon family: the "follow from your own account" dialog (fetched on first use). Bluesky has no
   * follow intent: the profile opens on the configured client instead.
   */
  async #follow() {
    const ref = this.#ref!;
    if (ref.protocol === 'bluesky') {
      // Opened within the click (no chunk to wait for), so no popup blocker steps in.
      const client = (this.client || BSKY_APP).replace(/\/+$/, '');
      go(this, 'Follow', `${client}/profile/${ref.acct}`, ref.acct);
      return;
    }
    const dialog = await import('../internal/home-dialog.js');
    const object = ref.url ?? `${ref.origin}/@${ref.acct}`;
    this.#dialog ??= new dialog.HomeDialogController(this);
    this.#dialog.open({
      verb: 'Follow',
      title: this.messages.dialogFollow(this.name || this.#handle),
      object,
      target: dialog.intentTarget('Follow', { object }),
    });
  }

  protected override render() {
    // An account Fedikit does not understand: keep the site's own fallback (the light DOM).
    if (!this.#ref) return html`<slot></slot>`;
    const m = this.messages;
    const handle = this.#handle;
    const name = this.name || handle;
    return html`${this.showProfile ? this.#renderProfile(this.#ref, m) : nothing}
      <button
        part="button"
        class="btn primary"
        aria-label=${name === handle ? nothing : `${m.follow} ${name} (${handle})`}
        @click=${this.#follow}
      >
        ${m.follow} <bdi>${name}</bdi>
      </button>
      ${this.#dialog?.render() ?? nothing}`;
  }

  #renderProfile(ref: Ref, m: ButtonMessages) {
    if (ref.protocol !== 'mastodon') return nothing;
    switch (this.status) {
      case 'idle':
        return privacyMode(this.load, ref.origin) === 'click'
          ? html`<button part="load-button" class="btn" @click=${this.fetchProfile}>
              ${m.showProfile(ref.host)}
            </button>`
          : nothing;
      case 'loading':
        return html`<span role="status" class="muted">${m.loadingProfile}</span>`;
      case 'error':
        return html`<span part="error" role="alert" class="error">
          ${
            this.#error?.code === 'NOT_FOUND'
              ? m.noAccount
              : html`${m.profileError}
                  <button class="btn" @click=${this.fetchProfile}>${m.retry}</button>`
          }
        </span>`;
      default:
        return this.#view!.renderProfile(this.profile!, m, this.locale);
    }
  }
}
