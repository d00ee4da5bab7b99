// SPDX-License-Identifier: MIT

/** An attribute value for {@link h}: `true` for an empty attribute, `false`/`undefined` for none. */
export type AttrValue = string | boolean | undefined;

/**
 * Builds an element for the small elements written without Lit (the buttons and the "from your own
 * server" dialog). Children that are strings become text nodes, never markup, so remote text is as
 * safe here as in a Lit template; `on*` keys add listeners.
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, AttrValue | ((event: Event) => unknown)> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (typeof value === 'function') el.addEventListener(name.slice(2), value);
    else if (value !== undefined && value !== false)
      el.setAttribute(name, value === true ? '' : value);
  }
  el.append(...children);
  return el;
}
