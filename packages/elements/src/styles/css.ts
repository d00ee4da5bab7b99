// SPDX-License-Identifier: MIT

/**
 * Our own static CSS as a constructable style sheet. Lit elements take it in `static styles` as is,
 * and the small elements built without Lit (the follow and share buttons) adopt it directly, so the
 * styles every element shares need no Lit. Named `css` so formatters and editors treat it as CSS.
 * No interpolation: the CSS is one literal.
 */
export function css(text: TemplateStringsArray): CSSStyleSheet {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(text[0]!);
  return sheet;
}
