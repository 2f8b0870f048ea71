import { QueryClient } from '@tanstack/react-query';
import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { expectNoAxeViolations } from '../../../test/helpers/axe';
import { CONNECTION_ERROR_CODES, ConnectionError } from '../../core/errors';
import { formatMessage } from '../../i18n/format';
import { defaultMessages } from '../../i18n/messages.en';
import { authorizeInPopup } from '../../oauth/popup';
import { createMemoryAdapter } from '../../testing/memory-adapter';
import { BigCommerceStoreSetup } from './BigCommerceStoreSetup';

/*
 * Every `ConnectionError` code the popup engine can reject with, straight from a stubbed engine — some codes
 * (`invalid_store_hash`) cannot be reached through the UI, which never starts an attempt for an invalid hash.
 * The engine itself is covered by its own tests; here only the UI's answer to each code matters.
 */
vi.mock('../../oauth/popup', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../oauth/popup')>();
  return { ...actual, authorizeInPopup: vi.fn() };
});

const mockedAuthorize = vi.mocked(authorizeInPopup);

beforeEach(() => {
  mockedAuthorize.mockReset();
});

describe('BigCommerceStoreSetup error messages', () => {
  it('has a distinct dictionary message for every error code', () => {
    const messages = CONNECTION_ERROR_CODES.map((code) => defaultMessages.errors[code]);
    expect(new Set(messages).size).toBe(CONNECTION_ERROR_CODES.length);
  });

  describe.each(CONNECTION_ERROR_CODES)('when the attempt fails with %s', (code) => {
    it('shows that code’s dictionary text (never the error’s own message), a retry, and keeps the input', async () => {
      // An adapter-controlled message with markup: it must never reach the page (B17).
      mockedAuthorize.mockRejectedValueOnce(
        new ConnectionError(code, { message: `<img src=x onerror="alert(1)"><b>${code} from the server</b>` }),
      );
      const onEvent = vi.fn();
      const user = userEvent.setup();
      const { container } = render(
        <BigCommerceStoreSetup
          adapter={createMemoryAdapter()}
          queryClient={new QueryClient({ defaultOptions: { queries: { retry: false } } })}
          defaultValue={{ storeHash: 'abc123', orderImportStatusId: 9 }}
          onEvent={onEvent}
        />,
      );
      await user.click(screen.getByRole('button', { name: 'Authorize' }));
      const alert = await screen.findByRole('alert');
      expect(alert).toHaveTextContent(formatMessage(defaultMessages.errors[code], { hash: 'abc123' }));
      expect(alert).toHaveAttribute('data-code', code);
      expect(container.querySelector('img, b')).toBeNull();
      expect(container).not.toHaveTextContent('from the server');
      expect(screen.getByRole('button', { name: defaultMessages.authorize.retry })).toHaveAttribute('data-state', 'error');
      expect(screen.getByRole('textbox', { name: 'Store Hash' })).toHaveValue('abc123');
      expect(screen.getByRole('combobox', { name: 'Order Import Status' })).toHaveValue('9');
      expect(onEvent).toHaveBeenLastCalledWith({ type: 'authorization_failed', method: 'popup', storeHash: 'abc123', code });
      await expectNoAxeViolations(container);
    });
  });

  it('shows the host’s own text for a code through `messages`', async () => {
    mockedAuthorize.mockRejectedValueOnce(new ConnectionError('popup_blocked'));
    const user = userEvent.setup();
    render(
      <BigCommerceStoreSetup
        adapter={createMemoryAdapter()}
        defaultValue={{ storeHash: 'abc123' }}
        messages={{ errors: { popup_blocked: 'Pop-ups sind blockiert.' } }}
      />,
    );
    await user.click(screen.getByRole('button', { name: 'Authorize' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Pop-ups sind blockiert.');
  });

  it('calls the engine synchronously inside the click, with the store hash and the owner window', async () => {
    let resolve: (value: Awaited<ReturnType<typeof authorizeInPopup>>) => void = () => {};
    mockedAuthorize.mockImplementationOnce(() => new Promise((r) => (resolve = r)));
    const user = userEvent.setup();
    render(<BigCommerceStoreSetup adapter={createMemoryAdapter()} defaultValue={{ storeHash: 'ABC123' }} popup={{ name: 'p' }} />);
    await user.click(screen.getByRole('button', { name: 'Authorize' }));
    expect(mockedAuthorize).toHaveBeenCalledTimes(1);
    expect(mockedAuthorize.mock.calls[0]?.[0]).toMatchObject({
      storeHash: 'abc123',
      window,
      popup: { name: 'p', title: defaultMessages.authorize.popupTitle, body: defaultMessages.authorize.popupBody },
    });
    await act(async () => resolve({ grantId: 'g', storeHash: 'abc123', attemptId: 'a', confirmedVia: 'message', severed: false }));
    expect(screen.getByText('Authorized — store abc123')).toBeInTheDocument();
  });
});
