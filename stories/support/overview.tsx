import type { ReactNode } from 'react';
import './overview.css';

/*
 * The side-by-side grids of the `Overview` stories. Storybook chrome, not library UI: its captions are English
 * and it is styled with the same --rcw-* variables so it follows the theme toolbar.
 */

export function StateGrid({ children, wide = false }: { children: ReactNode; wide?: boolean }) {
  return <div className={wide ? 'rcw-sb-grid rcw-sb-grid--wide' : 'rcw-sb-grid'}>{children}</div>;
}

/** One state in an overview; `name` is its caption and the accessible name of the group. */
export function StateCell({ name, children }: { name: string; children: ReactNode }) {
  return (
    <section className="rcw-sb-cell" aria-label={name} data-state-name={name}>
      <p className="rcw-sb-cell__caption" aria-hidden="true">
        {name}
      </p>
      {children}
    </section>
  );
}

/** The theme variable currently in effect on an element (for plays that check the theme wiring). */
export function cssVariable(element: Element, name: `--rcw-${string}`): string {
  const view = element.ownerDocument.defaultView;
  return view ? view.getComputedStyle(element).getPropertyValue(name).trim() : '';
}
