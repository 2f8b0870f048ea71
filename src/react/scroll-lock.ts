/*
 * The page behind the wizard dialog must not scroll. Radix Dialog locks it only through `Dialog.Overlay`, which
 * brings react-remove-scroll (wheel and touch interception, about 3.8 kB brotli of every host's bundle). The
 * wizard's overlay covers the viewport, so wheel, touch and keyboard scrolling can only reach the document's own
 * scroller (the overlay and the dialog are fixed, portaled into <body>; a dashboard's inner scroll container is
 * never in their scroll chain). Hiding that one scroller's overflow is therefore the whole lock, as Headless UI
 * does it.
 */

interface Lock {
  count: number;
  restore: () => void;
}

const locks = new WeakMap<Document, Lock>();

/**
 * Stops `document`'s own scrolling (`overflow: hidden` on the root element) and gives the width of the scrollbar
 * that disappears back as padding, so the page does not shift. Locks nest (two dialogs, StrictMode's second
 * effect run): the last unlock puts back the inline styles the page had. Returns the unlock, safe to call twice.
 *
 * @example
 * useEffect(() => lockDocumentScroll(element.ownerDocument), []);
 */
export function lockDocumentScroll(document: Document): () => void {
  let lock = locks.get(document);
  if (!lock) {
    const root = document.documentElement;
    const { overflow, paddingRight } = root.style;
    const view = document.defaultView;
    const scrollbar = () => (view ? view.innerWidth - root.clientWidth : 0);
    const before = scrollbar();
    const padding = view ? Number.parseFloat(view.getComputedStyle(root).paddingRight) || 0 : 0;
    root.style.overflow = 'hidden';
    // What the page gained in width (0 with overlay scrollbars or `scrollbar-gutter: stable`).
    const gap = before - scrollbar();
    if (gap > 0) root.style.paddingRight = `${padding + gap}px`;
    lock = {
      count: 0,
      restore() {
        root.style.overflow = overflow;
        root.style.paddingRight = paddingRight;
      },
    };
    locks.set(document, lock);
  }
  const held = lock;
  held.count += 1;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    held.count -= 1;
    if (held.count > 0) return;
    locks.delete(document);
    held.restore();
  };
}
