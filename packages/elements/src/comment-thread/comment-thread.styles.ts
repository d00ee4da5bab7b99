// SPDX-License-Identifier: MIT
import { css } from 'lit';

/** Styles of `<fedi-comment-thread>`. Logical properties throughout, so RTL pages just work. */
export const styles = css`
  a {
    color: var(--_accent);
  }
  .box,
  .post.root {
    padding: var(--_gap);
    margin-block: var(--_gap);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  .box p {
    margin-block-start: 0;
  }
  [role='alert'] p,
  p[role='alert'] {
    color: var(--_danger);
  }
  .bone {
    block-size: 5rem;
    margin-block: var(--_gap);
    border-radius: var(--_radius);
    background: var(--_surface);
    animation: pulse 1.4s infinite;
  }
  @keyframes pulse {
    50% {
      opacity: 0.5;
    }
  }
  .summary,
  header,
  .row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25em 0.75em;
  }
  .summary {
    justify-content: space-between;
  }
  ol {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  ol ol {
    padding-inline-start: var(--fedi-indent, 1.25rem);
    border-inline-start: 2px solid var(--_border);
  }
  .post {
    padding-block: 0.4em;
    overflow-wrap: anywhere;
  }
  .avatar {
    inline-size: var(--fedi-avatar-size, 2.5rem);
    block-size: var(--fedi-avatar-size, 2.5rem);
    border-radius: 20%;
    background: var(--_surface);
  }
  .who {
    display: flex;
    flex-direction: column;
    flex: 1;
  }
  .name {
    font-weight: 600;
    color: inherit;
  }
  .handle,
  .time,
  .reply-to,
  .summary,
  [part='actions'] {
    color: var(--_muted);
    font-size: 0.875em;
  }
  .net {
    font-size: 0.75em;
    padding-inline: 0.4em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .reply-to,
  .cw {
    margin-block: 0.4em 0;
  }
  .emoji {
    block-size: 1.2em;
    vertical-align: middle;
  }
  .invisible {
    display: none;
  }
  .ellipsis::after {
    content: '…';
  }
  pre,
  .rich {
    white-space: pre-wrap;
  }
  blockquote {
    margin-inline: 0;
    padding-inline-start: 0.75em;
    border-inline-start: 3px solid var(--_border);
  }
  .media {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em;
    margin-block: 0.5em;
  }
  .media img {
    display: block;
    inline-size: 8rem;
    block-size: 8rem;
    object-fit: cover;
    border-radius: var(--_radius);
  }
`;
