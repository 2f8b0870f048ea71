import { afterEach, describe, expect, it } from 'vitest';
import { lockDocumentScroll } from './scroll-lock';

const root = document.documentElement;

/** A page with a classic scrollbar of `width` px: it takes room until the root's overflow is hidden. */
function withScrollbar(width: number) {
  Object.defineProperty(root, 'clientWidth', {
    configurable: true,
    get: () => window.innerWidth - (root.style.overflow === 'hidden' ? 0 : width),
  });
}

afterEach(() => {
  Reflect.deleteProperty(root, 'clientWidth');
  root.removeAttribute('style');
});

describe('lockDocumentScroll', () => {
  it('hides the root element’s overflow and puts back the inline styles the page had', () => {
    root.style.overflow = 'scroll';
    root.style.paddingRight = '3px';
    const unlock = lockDocumentScroll(document);
    expect(root.style.overflow).toBe('hidden');
    unlock();
    expect(root.style.overflow).toBe('scroll');
    expect(root.style.paddingRight).toBe('3px');
  });

  it('gives the width of the scrollbar that disappears back as padding, on top of the page’s own', () => {
    withScrollbar(15);
    root.style.paddingRight = '8px';
    const unlock = lockDocumentScroll(document);
    expect(root.style.paddingRight).toBe('23px');
    unlock();
    expect(root.style.paddingRight).toBe('8px');
  });

  it('adds no padding when no scrollbar disappears (overlay scrollbars, scrollbar-gutter: stable)', () => {
    withScrollbar(0);
    const unlock = lockDocumentScroll(document);
    expect(root.style.paddingRight).toBe('');
    unlock();
  });

  describe('when locks nest (two dialogs, StrictMode’s second effect run)', () => {
    it('stays locked until the last unlock, measuring the page once', () => {
      withScrollbar(15);
      const first = lockDocumentScroll(document);
      const second = lockDocumentScroll(document);
      expect(root.style.paddingRight).toBe('15px');
      first();
      expect(root.style.overflow).toBe('hidden');
      second();
      expect(root.style.overflow).toBe('');
      expect(root.style.paddingRight).toBe('');
    });

    it('counts an unlock called twice once', () => {
      const first = lockDocumentScroll(document);
      const second = lockDocumentScroll(document);
      first();
      first();
      expect(root.style.overflow).toBe('hidden');
      second();
      expect(root.style.overflow).toBe('');
    });
  });

  it('locks each document on its own (a wizard in an iframe locks the frame’s page)', () => {
    const other = document.implementation.createHTMLDocument('frame');
    const unlockOther = lockDocumentScroll(other);
    expect(other.documentElement.style.overflow).toBe('hidden');
    expect(root.style.overflow).toBe('');
    unlockOther();
    expect(other.documentElement.style.overflow).toBe('');
  });
});
