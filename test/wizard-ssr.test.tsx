// @vitest-environment node
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ConnectionWizard } from '../src/components/ConnectionWizard/ConnectionWizard';
import { createMemoryAdapter } from '../src/testing/memory-adapter';
import { createTestQueryClient, validDefaults } from './wizard-helpers';

/*
 * Server rendering: no `window` or `document` exists in this environment, so any access (other than `typeof`)
 * throws and fails the test.
 */
describe('ConnectionWizard on the server', () => {
  it('has no window or document here', () => {
    expect(typeof window).toBe('undefined');
    expect(typeof document).toBe('undefined');
  });

  it('renders the inline variant', () => {
    const html = renderToString(
      <ConnectionWizard adapter={createMemoryAdapter()} variant="inline" queryClient={createTestQueryClient()} persistDraft />,
    );
    expect(html).toContain('data-slot="connection-wizard"');
    expect(html).toContain('Basic Information');
    expect(html).toContain('Connection Name');
  });

  it('renders the inline variant at the store step', () => {
    const html = renderToString(
      <ConnectionWizard adapter={createMemoryAdapter({ stores: [] })} variant="inline" defaultStep="store" defaultValues={validDefaults} />,
    );
    expect(html).toContain('Store Setup');
    expect(html).toContain('Store Hash');
  });

  it('renders the dialog variant closed (its trigger) and open', () => {
    const closed = renderToString(<ConnectionWizard adapter={createMemoryAdapter()} />);
    expect(closed).toContain('Add connection');
    const open = renderToString(<ConnectionWizard adapter={createMemoryAdapter()} defaultOpen persistDraft />);
    // Radix portals the content after mount; on the server only the (expanded) trigger renders.
    expect(open).toContain('aria-expanded="true"');
  });
});
