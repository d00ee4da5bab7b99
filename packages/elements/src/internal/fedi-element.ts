// SPDX-License-Identifier: MIT
import { LitElement } from 'lit';

/**
 * Base of every Fedikit element: custom states (`:state(loading)`) and a guarded define.
 * Nothing else lives here.
 */
export class FediElement extends LitElement {
  private readonly internals = this.attachInternals();

  /** Sets exactly one of `names` as the current custom state (CSS `:host(:state(x))`). */
  protected setState(current: string, names: readonly string[]): void {
    const states = this.internals.states;
    // Old engines (before CustomStateSet) simply get no states: styling falls back to attributes.
    if (!states) return;
    for (const n of names) states.delete(n);
    states.add(current);
  }

  /** Sets or clears one custom state. */
  protected toggleState(name: string, on: boolean): void {
    const states = this.internals.states;
    if (!states) return;
    if (on) states.add(name);
    else states.delete(name);
  }
}

/** Defines a custom element unless that tag is already taken (two copies of Fedikit on one page). */
export function defineFediElement(tag: string, ctor: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, ctor);
}
