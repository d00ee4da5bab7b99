// SPDX-License-Identifier: MIT
import { css } from 'lit';

/** Styles of `<fedi-comment-thread>`. Logical properties throughout, so RTL pages just work. */
export const styles = css`
  a {
    color: var(--_accent);
  }
  .placeholder,
  .error-box,
  .empty,
  .notice {
    padding: var(--_gap);
    border: 1px dashed var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  .placeholder p,
  .error-box p {
    margin-block: 0 0.75em;
  }
  .error-box p {
    color: var(--_danger);
  }
  .error-box a {
    margin-inline-start: 1em;
  }
  .skeleton .bone {
    block-size: 5.5rem;
    margin-block-end: var(--_gap);
    border-radius: var(--_radius);
    background: var(--_surface);
    animation: pulse 1.4s ease-in-out infinite;
  }
  @keyframes pulse {
    50% {
      opacity: 0.5;
    }
  }
  .summary {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.5em;
    color: var(--_muted);
  }
  .replies {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .replies .replies {
    padding-inline-start: var(--fedi-indent, 1.25rem);
    border-inline-start: 2px solid var(--_border);
  }
  .post {
    padding-block: calc(var(--_gap) / 2);
    margin-block-end: calc(var(--_gap) / 2);
    overflow-wrap: anywhere;
  }
  .post.root {
    padding: var(--_gap);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25em 0.6em;
  }
  .avatar {
    inline-size: var(--fedi-avatar-size, 2.5rem);
    block-size: var(--fedi-avatar-size, 2.5rem);
    border-radius: 20%;
    background: var(--_surface);
    object-fit: cover;
    flex: none;
  }
  .who {
    display: flex;
    flex-direction: column;
    min-inline-size: 0;
    flex: 1;
  }
  .name {
    font-weight: 600;
    color: inherit;
    text-decoration: none;
  }
  .name:hover {
    text-decoration: underline;
  }
  .handle,
  .time,
  .reply-to,
  .actions {
    color: var(--_muted);
    font-size: 0.875em;
  }
  .time {
    text-decoration: none;
  }
  .reply-to,
  .cw {
    margin-block: 0.4em 0;
  }
  .emoji {
    inline-size: 1.2em;
    block-size: 1.2em;
    vertical-align: -0.2em;
    object-fit: contain;
  }
  .content p {
    margin-block: 0.5em;
  }
  .content .invisible {
    display: none;
  }
  .content .ellipsis::after {
    content: '…';
  }
  .content pre,
  .content code {
    white-space: pre-wrap;
  }
  .content blockquote {
    margin-inline: 0;
    padding-inline-start: 0.75em;
    border-inline-start: 3px solid var(--_border);
  }
  .media {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(8rem, 1fr));
    gap: 0.5em;
    list-style: none;
    padding: 0;
    margin-block: 0.5em;
  }
  .media img {
    display: block;
    inline-size: 100%;
    block-size: 8rem;
    object-fit: cover;
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  .media .video,
  .media .gifv {
    position: relative;
    display: block;
  }
  .media .video::after,
  .media .gifv::after {
    content: '▶';
    position: absolute;
    inset-block-end: 0.3em;
    inset-inline-start: 0.4em;
    color: #fff;
    text-shadow: 0 0 4px #000;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 1em;
    align-items: center;
    margin-block-start: 0.25em;
  }
  .link {
    border: 0;
    background: none;
    padding: 0;
    color: var(--_accent);
    text-decoration: underline;
  }
  .small {
    font-size: 0.875em;
    padding: 0.2em 0.6em;
  }
  .more {
    margin-block: var(--_gap);
  }
  .notice {
    margin-block-start: var(--_gap);
  }
  .notice a {
    display: block;
  }
  dialog {
    max-inline-size: min(32rem, 92vw);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    color: var(--_text);
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.4);
  }
  dialog h2 {
    font-size: 1.15em;
    margin-block-start: 0;
  }
  dialog label {
    display: block;
    font-weight: 600;
  }
  dialog label.check {
    font-weight: normal;
    margin-block: 0.5em;
  }
  dialog input:not([type]) {
    box-sizing: border-box;
    inline-size: 100%;
    font: inherit;
    padding: 0.4em;
    color: inherit;
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  dialog small {
    color: var(--_muted);
  }
  dialog .error {
    color: var(--_danger);
    min-block-size: 1em;
    margin-block: 0.25em;
  }
  dialog .actions {
    justify-content: flex-end;
    font-size: 1em;
  }
  dialog .copy {
    display: flex;
    gap: 0.5em;
  }
`;
