// @vitest-environment node
import { QueryClient } from '@tanstack/react-query';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { createMemoryAdapter } from '../../testing/memory-adapter';
import { AuthorizeButton } from '../AuthorizeButton/AuthorizeButton';
import { ImportStatusSelect } from '../ImportStatusSelect/ImportStatusSelect';
import { StoreHashInput } from '../StoreHashInput/StoreHashInput';
import { BigCommerceStoreSetup } from './BigCommerceStoreSetup';

/*
 * Server rendering: no `window` or `document` exists in this environment, so any touch of them at import time or
 * during render throws here.
 */
describe('server rendering of the BigCommerce building blocks', () => {
  it('runs without window or document', () => {
    expect(typeof window).toBe('undefined');
    expect(typeof document).toBe('undefined');
  });

  it('StoreHashInput renders its label and help', () => {
    const html = renderToString(<StoreHashInput defaultValue="abc123" />);
    expect(html).toContain('Store Hash');
    expect(html).toContain('value="abc123"');
  });

  it('AuthorizeButton renders idle', () => {
    const html = renderToString(<AuthorizeButton storeHash="abc123" adapter={createMemoryAdapter()} />);
    expect(html).toContain('data-state="idle"');
    expect(html).toContain('>Authorize<');
  });

  it('ImportStatusSelect renders the built-ins, and the loading state when it would load', () => {
    const queryClient = new QueryClient();
    expect(renderToString(<ImportStatusSelect queryClient={queryClient} />)).toContain('Awaiting Fulfillment');
    const loading = renderToString(
      <ImportStatusSelect queryClient={queryClient} adapter={createMemoryAdapter()} storeHash="abc123" grantId="g1" />,
    );
    expect(loading).toContain('aria-busy="true"');
  });

  it('BigCommerceStoreSetup renders idle and authorized', () => {
    const adapter = createMemoryAdapter();
    expect(renderToString(<BigCommerceStoreSetup adapter={adapter} />)).toContain('Copy authorization link');
    const authorized = renderToString(
      <BigCommerceStoreSetup
        adapter={adapter}
        defaultValue={{ storeHash: 'abc123', authorization: { grantId: 'g', storeHash: 'abc123', ownerEmail: 'owner@example.com' } }}
      />,
    );
    expect(authorized).toContain('Authorized — store abc123 (owner@example.com)');
  });
});
