// SPDX-License-Identifier: MIT
// The elements built without Lit (the follow and share buttons) and their dialog need no Trusted
// Types policy at all: under `require-trusted-types-for 'script'; trusted-types 'none'` and no inline
// styles, both render and open the "from your own server" dialog with no violation. The page is an
// iframe whose policy is set by a <meta> before any script runs.
import { expect } from '@open-wc/testing';
import { policyHead, policyViolations, until, type PolicyFrame } from '../test/helpers.js';

type Frame = PolicyFrame & { __ready?: boolean };

const CSP = "require-trusted-types-for 'script'; trusted-types 'none'; style-src 'self'";

describe('the buttons under Trusted Types with no policy allowed, and a strict CSP', () => {
  it('render and open their dialog with no violation', async () => {
    const frame = document.createElement('iframe');
    const follow = new URL('../fedi-follow-button.ts', import.meta.url).pathname;
    const share = new URL('../fedi-share-button.ts', import.meta.url).pathname;
    frame.srcdoc = `${policyHead(CSP)}
<fedi-follow-button account="@alice@example.social" name="Alice"></fedi-follow-button>
<fedi-share-button text="Hello"></fedi-share-button>
<script type="module">
  import '${follow}';
  import '${share}';
  window.__ready = true;
</script>`;
    document.body.append(frame);
    const win = () => frame.contentWindow as Frame | null;
    await until(() => !!win()?.__ready, 'the buttons in the frame defined', 20_000);
    const doc = frame.contentDocument!;
    try {
      for (const tag of ['fedi-follow-button', 'fedi-share-button']) {
        const el = doc.querySelector(tag)!;
        await (el as Element & { updateComplete: Promise<boolean> }).updateComplete;
        const button = el.shadowRoot!.querySelector<HTMLButtonElement>('[part=button]')!;
        expect(button.textContent, tag).to.match(/Follow Alice|Share/);
        button.click();
        await until(() => !!el.shadowRoot!.querySelector('dialog[open]'), `${tag} dialog open`);
        const dialog = el.shadowRoot!.querySelector('dialog')!;
        expect(dialog.querySelector('h2')!.textContent).to.contain('from your own account');
        // The dialog's styles arrived as a constructed sheet, not as an inline <style>.
        expect(el.shadowRoot!.adoptedStyleSheets.length, tag).to.be.greaterThan(2);
        dialog.close();
      }
      expect(win()!.__enforced, 'Trusted Types are enforced in the frame').to.be.true;
      expect(policyViolations(win()!)).to.deep.equal([]);
    } finally {
      frame.remove();
    }
  });
});
