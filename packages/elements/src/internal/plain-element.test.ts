// SPDX-License-Identifier: MIT
// The base of the elements built without Lit (the buttons) and its `h()` builder: attributes as
// properties, one render per batch of changes, properties set before the element was defined, and
// text that stays text.
import { expect } from '@open-wc/testing';
import { h } from './dom.js';
import { defineProps, PlainElement } from './plain-element.js';

let tag = 0;
/** A fresh element class on a fresh tag, counting its renders. */
function testElement() {
  class Probe extends PlainElement {
    static override styles = [];
    static override catalogue = { en: {}, others: {} };
    static override props = { label: String, openWide: Boolean, count: Number };
    declare label?: string;
    declare openWide: boolean;
    declare count?: number;
    renders = 0;
    protected override update(): void {
      this.renders++;
      this.root.replaceChildren(`${this.label} ${this.openWide} ${this.count}`);
    }
  }
  defineProps(Probe);
  const name = `fedi-probe-${++tag}`;
  return { Probe, name };
}

describe('PlainElement', () => {
  it('reads attributes as typed properties, and sets attributes from properties', async () => {
    const { Probe, name } = testElement();
    customElements.define(name, Probe);
    const el = document.createElement(name) as InstanceType<typeof Probe>;
    expect(Probe.observedAttributes).to.deep.equal(['label', 'open-wide', 'count']);
    expect([el.label, el.openWide, el.count]).to.deep.equal([undefined, false, undefined]);
    el.setAttribute('open-wide', '');
    el.setAttribute('count', '3');
    expect([el.openWide, el.count]).to.deep.equal([true, 3]);
    el.label = 'hi';
    el.openWide = false;
    el.count = undefined;
    expect(el.getAttribute('label')).to.equal('hi');
    expect(el.hasAttribute('open-wide')).to.be.false;
    expect(el.hasAttribute('count')).to.be.false;
  });

  it('renders once per batch of changes, and updateComplete waits for it', async () => {
    const { Probe, name } = testElement();
    customElements.define(name, Probe);
    const el = document.createElement(name) as InstanceType<typeof Probe>;
    document.body.append(el);
    el.label = 'a';
    el.count = 2;
    el.openWide = true;
    expect(await el.updateComplete).to.be.true;
    expect(el.renders).to.equal(1);
    expect(el.shadowRoot!.textContent).to.equal('a true 2');
    el.label = 'b';
    await el.updateComplete;
    expect(el.renders).to.equal(2);
    expect(el.shadowRoot!.textContent).to.equal('b true 2');
    el.remove();
  });

  it('keeps a property set before the element was defined (as frameworks do)', async () => {
    const { Probe, name } = testElement();
    const el = document.createElement(name) as InstanceType<typeof Probe>;
    el.label = 'early';
    document.body.append(el);
    customElements.define(name, Probe);
    await (el as InstanceType<typeof Probe>).updateComplete;
    expect(el.getAttribute('label')).to.equal('early');
    expect(Object.hasOwn(el, 'label')).to.be.false;
    expect(el.shadowRoot!.textContent).to.equal('early false undefined');
    el.remove();
  });
});

describe('h()', () => {
  it('builds elements whose string children are text, never markup', () => {
    const p = h(
      'p',
      { class: 'x' },
      '<img src=x onerror="globalThis.pwned=1">',
      h('b', {}, 'bold'),
    );
    expect(p.querySelector('img')).to.equal(null);
    expect(p.firstChild!.nodeType).to.equal(Node.TEXT_NODE);
    expect(p.textContent).to.equal('<img src=x onerror="globalThis.pwned=1">bold');
    expect(p.className).to.equal('x');
  });

  it('sets empty attributes for true, none for false or undefined, and listeners for on*', () => {
    let clicks = 0;
    const b = h('button', {
      disabled: true,
      hidden: false,
      title: undefined,
      onclick: () => clicks++,
    });
    expect(b.getAttribute('disabled')).to.equal('');
    expect(b.hasAttribute('hidden')).to.be.false;
    expect(b.hasAttribute('title')).to.be.false;
    expect(b.hasAttribute('onclick')).to.be.false;
    b.disabled = false;
    b.click();
    expect(clicks).to.equal(1);
  });
});
