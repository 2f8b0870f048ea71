import type { Preview } from '@storybook/react-vite';
import { expect } from 'storybook/test';
import '../src/styles/index.css';
import '../stories/themes.css';
import './preview.css';
import { NARROW_VIEWPORT, withThemeAndLocale } from './decorators';

/** Form controls scroll their own text; everything else must fit its box. */
const SCROLLS_ITSELF = new Set(['INPUT', 'SELECT', 'TEXTAREA']);

function describe(element: HTMLElement): string {
  const slot = element.closest<HTMLElement>('[data-slot]')?.dataset.slot;
  const text = (element.textContent ?? '').trim().slice(0, 40);
  return `<${element.tagName.toLowerCase()}>${slot ? ` in [data-slot=${slot}]` : ''}${text ? ` "${text}"` : ''}`;
}

/**
 * Fails a story rendered 360px wide (or narrower) when anything of ours sticks out of the viewport, or its text
 * spills out of its box (an unbreakable URL), or the page scrolls sideways. Radix renders the dialog
 * `position: fixed`, which never widens the page, so each part is measured too.
 */
async function checkNarrowLayout(canvasElement: HTMLElement): Promise<void> {
  const doc = canvasElement.ownerDocument;
  const win = doc.defaultView;
  if (!win || win.innerWidth > 360) return;
  const width = doc.documentElement.clientWidth;
  const problems: string[] = [];
  for (const element of doc.body.querySelectorAll<HTMLElement>('[data-slot], [data-slot] *')) {
    const box = element.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    if (box.right > width + 0.5 || box.left < -0.5) {
      problems.push(`${describe(element)} spans ${Math.round(box.left)}–${Math.round(box.right)}px`);
    } else if (
      !SCROLLS_ITSELF.has(element.tagName) &&
      element.scrollWidth > element.clientWidth + 1 &&
      win.getComputedStyle(element).overflowX === 'visible'
    ) {
      problems.push(`${describe(element)} content is ${element.scrollWidth}px wide in a ${element.clientWidth}px box`);
    }
  }
  await expect(problems, `layout problems at ${width}px`).toEqual([]);
  await expect(doc.documentElement.scrollWidth, `the page scrolls sideways at ${width}px`).toBeLessThanOrEqual(width);
}

const preview: Preview = {
  parameters: {
    // Axe violations fail the story tests (TOOLCHAIN gotcha 5).
    a11y: { test: 'error' },
    controls: { matchers: { color: /(background|color)$/i }, exclude: ['adapter', 'queryClient'] },
    layout: 'padded',
    viewport: {
      options: {
        [NARROW_VIEWPORT]: { name: 'Narrow phone (360px)', styles: { width: '360px', height: '760px' }, type: 'mobile' },
        rcw768: { name: 'Tablet (768px)', styles: { width: '768px', height: '1024px' }, type: 'tablet' },
        rcw1024: { name: 'Laptop (1024px)', styles: { width: '1024px', height: '768px' }, type: 'desktop' },
      },
    },
    options: {
      storySort: {
        order: ['Introduction', 'Adapter contract', 'Full flow', 'Components', 'Internal'],
      },
    },
  },
  globalTypes: {
    theme: {
      description: 'Theme of the components (--rcw-* variables)',
      toolbar: {
        title: 'Theme',
        icon: 'paintbrush',
        items: [
          { value: 'light', title: 'Light', icon: 'sun' },
          { value: 'dark', title: 'Dark', icon: 'moon' },
          { value: 'brand', title: 'Host brand (Harbor)', icon: 'heart' },
        ],
        dynamicTitle: true,
      },
    },
    locale: {
      description: 'Dictionary passed to the components',
      toolbar: {
        title: 'Locale',
        icon: 'globe',
        items: [
          { value: 'en', title: 'English', right: 'EN' },
          { value: 'de', title: 'Deutsch', right: 'DE' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { theme: 'light', locale: 'en' },
  decorators: [withThemeAndLocale],
  async afterEach({ canvasElement }) {
    await checkNarrowLayout(canvasElement);
  },
};

export default preview;
