// SPDX-License-Identifier: MIT
import { BSKY_APP, BSKY_APPVIEW, FediError, safeUrl, type Profile, type Ref } from '@fedikit/core';
import { buttonsCatalogue, type ButtonMessages } from '../i18n/buttons.js';
import type { ProfileMessages } from '../i18n/profile.js';
import { h } from '../internal/dom.js';
import { privacyMode, schedule, type LoadMode } from '../internal/element-kit.js';
import { addStyles, go } from '../internal/go.js';
import type { HomeDialog } from '../internal/home-dialog.js';
import { defineProps, PlainElement } from '../internal/plain-element.js';
import { tokens } from '../styles/tokens.styles.js';
import { readAccount } from './account.js';
import type * as ProfileModule from './profile.js';
import { styles } from './follow-button.styles.js';

type Status = 'idle' | 'loading' | 'ready' | 'error';
const STATES = ['idle', 'loading', 'ready', 'error'] as const;
type ProfileView = typeof ProfileModule;

/**
 * A button to follow an account from the reader's own server, with no request before a click. Built
 * without Lit (see {@link PlainElement}), so a page with only buttons stays small.
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
export class FediFollowButton extends PlainElement {
  /** Shared tokens, then this element's own styles (the dialog and the profile bring their own). */
  static override styles = [tokens, styles];
  static override catalogue = buttonsCatalogue;
  static override props = {
    account: String,
    name: String,
    showProfile: Boolean,
    load: String,
    client: String,
    appview: String,
    theme: String,
    timeout: Number,
  };
  /** The element's strings, in its language. */
  declare messages: ButtonMessages;

  /**
   * The account: `@user@host`, `acct:user@host` or a profile URL (`https://host/@user`); for Bluesky
   * a handle (`alice.bsky.social`), a DID or a `https://bsky.app/profile/…` URL.
   */
  declare account?: string;
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
  declare client?: string;
  /** With `show-profile`, the AppView a Bluesky profile is read from. Default `https://public.api.bsky.app`. */
  declare appview?: string;
  /** `light`, `dark`, or unset to follow the reader's `prefers-color-scheme`. */
  declare theme?: 'light' | 'dark';
  /** Deadline of the profile read in milliseconds, retries included. Default 10 000. */
  declare timeout?: number;

  /** The loaded profile (with `show-profile`). */
  profile?: Profile;
  protected status: Status = 'idle';

  // ES private members: the minifier shortens these names, not public or protected ones.
  #ref?: Ref;
  /** What `account`, `show-profile`, `load` and `appview` were when last read: a change reads them again. */
  #read?: string;
  #error?: FediError;
  #abort?: AbortController;
  #stop?: () => void;
  #dialog?: HomeDialog;
  /** The profile's view, loaded with the profile read (see ./profile.ts), and its strings. */
  #view?: ProfileView;
  #strings?: ProfileMessages;
  #button?: HTMLButtonElement;
  /** What stands before the button with `show-profile`: the profile, or its loading state. */
  #before?: Element;

  disconnectedCallback(): void {
    this.#abort?.abort();
    this.#stop?.();
    this.#dialog?.close();
    // A wait for visibility or a read cut short starts again on reconnection; a shown profile stays.
    if (this.status === 'idle' || this.status === 'loading') this.#read = undefined;
  }

  /** Resolves `account`; with `show-profile`, starts loading as the privacy mode allows. */
  #prepare() {
    this.#abort?.abort();
    this.#stop?.();
    this.profile = undefined;
    this.#error = undefined;
    this.status = 'idle';
    this.updateLocale();
    // Not understood (or a post, a collection): the site's fallback stays in view.
    this.#ref = readAccount(this.account ?? '');
    if (!this.#ref) {
      this.status = 'error';
      return;
    }
    if (this.showProfile && this.#server)
      this.#stop = schedule(this, this.load, this.#server.origin, () => void this.fetchProfile());
  }

  /**
   * Where `show-profile` reads the profile: the account's own server, or for Bluesky the AppView.
   * None for Pixelfed accounts, whose servers mostly refuse anonymous reads, nor for an `appview`
   * that is no https URL.
   */
  get #server(): URL | undefined {
    const ref = this.#ref;
    const at = ref?.protocol === 'bluesky' ? safeUrl(this.appview || BSKY_APPVIEW) : ref?.origin;
    return at && ref?.protocol !== 'pixelfed' ? new URL(at) : undefined;
  }

  /** Fetches (or re-fetches) the profile now, whatever the load mode. */
  async fetchProfile(): Promise<void> {
    const ref = this.#ref;
    if (!ref || !this.#server) return;
    this.#abort?.abort();
    const abort = (this.#abort = new AbortController());
    try {
      // The view, which also shows the loading and error states, and then reads the profile.
      const view = await import('./profile.js');
      const strings = await view.profileMessages(this.locale);
      if (abort.signal.aborted) return;
      addStyles(this, view.profileStyles);
      this.#view = view;
      this.#strings = strings;
      this.#set('loading');
      const profile = await view.readProfile(ref, {
        signal: abort.signal,
        timeout: this.timeout,
        appview: this.appview,
        client: this.client,
      });
      if (abort.signal.aborted) return;
      this.profile = profile;
      this.#set('ready');
    } catch (e) {
      if (abort.signal.aborted) return;
      this.#set('error', FediError.from(e));
    }
  }

  #set(status: Status, error?: FediError) {
    this.status = status;
    this.#error = error;
    this.requestUpdate();
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
    this.#dialog ??= new dialog.HomeDialog(this);
    void this.#dialog.open({
      verb: 'Follow',
      title: this.messages.dialogFollow(this.name || this.#handle),
      object,
      target: dialog.intentTarget('Follow', { object }),
    });
  }

  protected override update(): void {
    const read = `${this.account} ${this.showProfile} ${this.load} ${this.appview}`;
    if (read !== this.#read) {
      this.#read = read;
      this.#prepare();
    }
    this.setState(this.status, STATES);
    const root = this.root;
    // An account Fedikit does not understand: keep the site's own fallback (the light DOM).
    if (!this.#ref) {
      this.#button = this.#before = undefined;
      root.replaceChildren(h('slot'));
      return;
    }
    const m = this.messages;
    const handle = this.#handle;
    const name = this.name || handle;
    // One button for the element's life, updated in place: re-creating it would drop the focus.
    const button = (this.#button ??= h('button', {
      part: 'button',
      class: 'btn primary',
      onclick: () => void this.#follow(),
    }));
    if (!button.isConnected) root.replaceChildren(button);
    button.replaceChildren(`${m.follow} `, h('bdi', {}, name));
    if (name === handle) button.removeAttribute('aria-label');
    else button.ariaLabel = `${m.follow} ${name} (${handle})`;
    this.#before?.remove();
    const server = this.showProfile && this.#server;
    this.#before = server ? this.#renderProfile(server, m) : undefined;
    if (this.#before) button.before(this.#before);
  }

  #renderProfile(server: URL, m: ButtonMessages): Element | undefined {
    const retry = () => void this.fetchProfile();
    if (this.status !== 'idle') {
      return this.#view!.renderProfile(
        this.status,
        this.profile,
        this.#error,
        this.#strings!,
        this.locale,
        retry,
      );
    }
    return privacyMode(this.load, server.origin) === 'click'
      ? h(
          'button',
          { part: 'load-button', class: 'btn', onclick: retry },
          m.showProfile(server.host),
        )
      : undefined;
  }
}

defineProps(FediFollowButton);
