import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConnectionWizard } from '../src/components/ConnectionWizard/ConnectionWizard';
import { createMemoryAdapter, type MemoryAdapter } from '../src/testing/memory-adapter';
import { createTestQueryClient, fakePopups, type User } from './wizard-helpers';

/*
 * The whole flow by keyboard alone: Tab, Shift+Tab, arrow keys, Space, Enter and typing; no click anywhere.
 *
 * jsdom implements no keyboard behaviour for a closed native <select> (user-event neither). Chromium and Firefox
 * move the selection with ArrowDown/ArrowUp on a focused, closed select and fire `input` + `change`; the listener
 * below plays exactly that part of the browser and nothing else.
 */
function emulateSelectArrowKeys(doc: Document): () => void {
  const onKeyDown = (event: KeyboardEvent) => {
    const select = event.target;
    if (!(select instanceof HTMLSelectElement) || event.defaultPrevented) return;
    const delta = event.key === 'ArrowDown' ? 1 : event.key === 'ArrowUp' ? -1 : 0;
    const next = Math.min(Math.max(select.selectedIndex + delta, 0), select.options.length - 1);
    if (delta === 0 || next === select.selectedIndex) return;
    select.selectedIndex = next;
    select.dispatchEvent(new Event('input', { bubbles: true }));
    select.dispatchEvent(new Event('change', { bubbles: true }));
  };
  doc.addEventListener('keydown', onKeyDown);
  return () => doc.removeEventListener('keydown', onKeyDown);
}

let stopEmulation: () => void = () => {};
beforeEach(() => {
  stopEmulation = emulateSelectArrowKeys(document);
});
afterEach(() => {
  stopEmulation();
  vi.restoreAllMocks();
});

/** Presses Tab until `target` has focus (at most `limit` times), failing otherwise. */
async function tabTo(user: User, find: () => HTMLElement, limit = 20) {
  for (let presses = 0; presses < limit; presses += 1) {
    await user.tab();
    if (document.activeElement === find()) return;
  }
  throw new Error(`Tab never reached ${find().outerHTML}`);
}

function focused(): Element | null {
  return document.activeElement;
}

async function walkTheWizard(user: User, adapter: MemoryAdapter) {
  // Step 1
  await tabTo(user, () => screen.getByRole('textbox', { name: 'Connection Name' }));
  await user.keyboard('Northwind — BigCommerce → ShipFast');
  await user.keyboard('{Enter}');
  expect(await screen.findByRole('heading', { name: 'Merchant Information' })).toHaveFocus();

  // Step 2: the checked radio takes focus, an arrow key selects the other one.
  await user.tab();
  expect(focused()).toBe(screen.getByRole('radio', { name: 'Use existing merchant' }));
  await user.keyboard('{ArrowDown}');
  expect(screen.getByRole('radio', { name: 'Create new merchant' })).toBeChecked();
  await user.tab();
  expect(focused()).toBe(screen.getByRole('textbox', { name: 'Merchant Name' }));
  await user.keyboard('Northwind{Enter}');
  expect(await screen.findByRole('heading', { name: 'Warehouse Setup' })).toHaveFocus();

  // Step 3: platform by arrow key, credentials by typing; Continue by Tab + Space.
  const platform = await screen.findByRole('combobox', { name: 'Warehouse Platform' });
  await user.tab();
  expect(focused()).toBe(platform);
  await user.keyboard('{ArrowDown}{ArrowDown}');
  expect(platform).toHaveValue('shipfast');
  await user.tab();
  await user.keyboard('https://api.shipfast.example');
  await user.tab();
  await user.keyboard('ops');
  await user.tab();
  await user.keyboard('pa55word');
  await tabTo(user, () => screen.getByRole('button', { name: 'Test connection' }));
  await user.keyboard(' ');
  expect(await screen.findByText('Connection works.')).toBeInTheDocument();
  await tabTo(user, () => screen.getByRole('button', { name: 'Continue' }));
  await user.keyboard(' ');
  expect(await screen.findByRole('heading', { name: 'Store Setup' })).toHaveFocus();

  // Step 4: name, hash, Authorize with Enter; the popup's owner confirms, the page regains focus.
  await user.tab();
  expect(focused()).toBe(screen.getByRole('textbox', { name: 'Store Name' }));
  await user.keyboard('Northwind US');
  await tabTo(user, () => screen.getByRole('textbox', { name: 'Store Hash' }));
  await user.keyboard('abc123');
  await tabTo(user, () => screen.getByRole('button', { name: 'Authorize' }));
  await user.keyboard('{Enter}');
  await waitFor(() => expect(adapter.attempts).toHaveLength(1));
  adapter.resolveAuthorization(adapter.attempts[0]!.attemptId, {
    status: 'authorized',
    grantId: 'grant-1',
    storeHash: 'abc123',
    ownerEmail: 'owner@example.com',
  });
  window.dispatchEvent(new Event('focus'));
  expect(await screen.findByText('Authorized — store abc123 (owner@example.com)')).toBeInTheDocument();
  await tabTo(user, () => screen.getByRole('button', { name: 'Add connection' }));
  await user.keyboard('{Enter}');
  expect(await screen.findByRole('heading', { name: 'Connection added' })).toHaveFocus();

  expect(adapter.connections).toHaveLength(1);
  expect(adapter.connections[0]?.input).toEqual({
    name: 'Northwind — BigCommerce → ShipFast',
    merchant: { mode: 'new', name: 'Northwind' },
    warehouse: {
      mode: 'new',
      platformId: 'shipfast',
      credentials: { endpoint: 'https://api.shipfast.example', username: 'ops', password: 'pa55word' },
    },
    store: { mode: 'new', name: 'Northwind US', platform: 'bigcommerce', settings: { storeHash: 'abc123', grantId: 'grant-1', orderImportStatusId: 11 } },
  });
}

describe('ConnectionWizard by keyboard alone', () => {
  it('completes a whole connection in the inline wizard', async () => {
    const { open } = fakePopups();
    const adapter = createMemoryAdapter();
    const user = userEvent.setup();
    render(<ConnectionWizard adapter={adapter} variant="inline" queryClient={createTestQueryClient()} />);
    await walkTheWizard(user, adapter);
    expect(open).toHaveBeenCalledTimes(1);
    await tabTo(user, () => screen.getByRole('button', { name: 'Done' }));
    await user.keyboard('{Enter}');
    expect(screen.getByRole('button', { name: 'Add connection' })).toHaveFocus();
  });

  it('completes a whole connection in the dialog, opened and closed from the keyboard', async () => {
    fakePopups();
    const adapter = createMemoryAdapter();
    const user = userEvent.setup();
    render(<ConnectionWizard adapter={adapter} queryClient={createTestQueryClient()} />);
    await user.tab();
    const trigger = screen.getByRole('button', { name: 'Add connection' });
    expect(trigger).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(screen.getByRole('heading', { name: 'Basic Information' })).toHaveFocus();
    await walkTheWizard(user, adapter);
    await tabTo(user, () => screen.getByRole('button', { name: 'Done' }));
    await user.keyboard(' ');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(trigger).toHaveFocus();
  });
});
