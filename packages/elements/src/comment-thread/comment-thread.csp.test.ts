// SPDX-License-Identifier: MIT
// The policy docs/security.md recommends, enforced for real: a page with Trusted Types required
// (`require-trusted-types-for 'script'; trusted-types lit-html dompurify`) and no inline styles
// shows a Mastodon thread from the sandbox, its HTML sanitized, with no Trusted Types violation.
// The page is an iframe whose policy is set by a <meta> before any script runs.
import { testEnv } from '@fedikit/core/testing.js';
import { expect } from '@open-wc/testing';
import { policyHead, policyViolations, until, type PolicyFrame } from '../test/helpers.js';

type Frame = PolicyFrame & {
  __done?: { state: string; links: number; text: string; purify: boolean };
};

const CSP =
  "require-trusted-types-for 'script'; trusted-types lit-html dompurify; style-src 'self'";

/** Loads the element in a fresh iframe under the policy and reports what happened. */
async function underPolicy(src: string, sanitizerApi = true): Promise<Frame> {
  const frame = document.createElement('iframe');
  const element = new URL('../fedi-comment-thread.ts', import.meta.url).pathname;
  frame.srcdoc = `${policyHead(
    CSP,
    // A browser without the HTML Sanitizer API (Safari): DOMPurify does the work.
    sanitizerApi ? '' : 'delete Element.prototype.setHTML;',
  )}
<fedi-comment-thread load="eager" src="${src}"></fedi-comment-thread>
<script type="module">
  import '${element}';
  const el = document.querySelector('fedi-comment-thread');
  const end = () => {
    const state = ['ready', 'empty', 'error'].find((s) => el.matches(':state(' + s + ')'));
    if (!state) return requestAnimationFrame(end);
    const content = el.shadowRoot.querySelector('[part=content]');
    window.__done = {
      state,
      links: el.shadowRoot.querySelectorAll('[part=content] a[href]').length,
      text: content ? content.textContent : '',
      purify: performance.getEntriesByType('resource').some((e) => /dompurify/.test(e.name)),
    };
  };
  end();
</script>`;
  document.body.append(frame);
  const win = () => frame.contentWindow as Frame | null;
  await until(() => !!win()?.__done, 'the element in the frame finished', 20_000);
  return win()!;
}

describe('<fedi-comment-thread> under Trusted Types and a strict CSP', () => {
  for (const sanitizerApi of [true, false]) {
    it(`renders a sanitized Mastodon thread with no Trusted Types violation (${sanitizerApi ? 'the Sanitizer API' : 'DOMPurify'})`, async () => {
      const { sandbox, seed } = await testEnv();
      const win = await underPolicy(sandbox + seed.thread.path, sanitizerApi);
      expect(win.__done!.purify, 'DOMPurify downloaded').to.equal(!sanitizerApi);
      expect(win.__enforced, 'Trusted Types are enforced in the frame').to.be.true;
      const ours = policyViolations(win);
      expect(win.__done!.state, JSON.stringify(ours)).to.equal('ready');
      expect(win.__done!.text).to.contain('New on the blog');
      expect(win.__done!.links).to.be.greaterThan(0);
      expect(ours.filter((v) => /trusted-types/.test(v))).to.deep.equal([]);
    });
  }
});
