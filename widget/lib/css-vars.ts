import { noChange } from 'lit';
import { Directive, directive, PartType, type ElementPart, type PartInfo } from 'lit/directive.js';

class CssVars extends Directive {
  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ELEMENT) throw new Error('cssVars goes on an element');
  }

  render(_vars: Readonly<Record<string, string>>): unknown {
    return noChange;
  }

  /** What the element was last given: a render that changes nothing touches no style. */
  private last: Readonly<Record<string, string>> = {};

  override update(part: ElementPart, [vars]: [Readonly<Record<string, string>>]): unknown {
    const { style } = part.element as HTMLElement;
    for (const [name, value] of Object.entries(vars)) if (this.last[name] !== value) style.setProperty(name, value);
    this.last = vars;
    return noChange;
  }
}

/**
 * Sets CSS properties (custom ones, `width`) through the CSSOM, never as a `style` attribute:
 * a host page's CSP without `'unsafe-inline'` for styles allows the one and blocks the other
 * (Lit's `styleMap` writes the attribute on its first render).
 * @example html`<div ${cssVars({ '--at': '120px' })}></div>`
 */
export const cssVars = directive(CssVars);
