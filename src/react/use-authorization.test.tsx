import { act, cleanup, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { advance, installFakePopups, returnToOpener } from '../../test/helpers/fake-popup';
import { useTestingLibraryFakeTimers } from '../../test/helpers/fake-timers';
import { createMemoryAdapter, type MemoryAdapter } from '../testing/memory-adapter';
import { type UseAuthorizationOptions, useAuthorization } from './use-authorization';

let restoreTimers: () => void;
beforeEach(() => {
  restoreTimers = useTestingLibraryFakeTimers();
});
afterEach(() => {
  cleanup();
  restoreTimers();
  vi.restoreAllMocks();
});

function renderAuthorization(options: Partial<UseAuthorizationOptions> = {}, adapter: MemoryAdapter = createMemoryAdapter()) {
  const initial: UseAuthorizationOptions = { storeHash: 'abc123', adapter, ...options };
  const hook = renderHook((props: UseAuthorizationOptions) => useAuthorization(props), { initialProps: initial });
  return { ...hook, adapter, initial };
}

function attemptId(adapter: MemoryAdapter) {
  const attempt = adapter.attempts.at(-1);
  if (!attempt) throw new Error('no attempt');
  return attempt.attemptId;
}

describe('useAuthorization', () => {
  it('starts idle with the normalised hash, and does nothing for an invalid one', () => {
    const popups = installFakePopups();
    const { result, rerender, initial } = renderAuthorization({ storeHash: ' ABC123 ' });
    expect(result.current.state).toEqual({ status: 'idle' });
    expect(result.current.storeHash).toBe('abc123');
    rerender({ ...initial, storeHash: 'a' });
    expect(result.current.canAuthorize).toBe(false);
    act(() => result.current.authorize(window));
    expect(popups.open).not.toHaveBeenCalled();
    expect(result.current.status).toBe('idle');
  });

  it('goes idle → waiting → authorized', async () => {
    installFakePopups();
    const onAuthorized = vi.fn();
    const { result, adapter } = renderAuthorization({ onAuthorized });
    act(() => result.current.authorize(window));
    expect(result.current.state).toEqual({ status: 'waiting', method: 'popup' });
    await advance();
    adapter.resolveAuthorization(attemptId(adapter), { status: 'authorized', grantId: 'g', storeHash: 'abc123' });
    await returnToOpener();
    // Confirmed after the opener regained focus, not by the popup's message: a slower path the UI may mention.
    expect(result.current.state).toEqual({
      status: 'authorized',
      authorization: { grantId: 'g', storeHash: 'abc123' },
      viaFallback: true,
    });
    expect(onAuthorized).toHaveBeenCalledTimes(1);
  });

  it('goes waiting → error with the code, and reset() returns to idle', async () => {
    installFakePopups(window, { blocked: true });
    const onError = vi.fn();
    const { result } = renderAuthorization({ onError });
    act(() => result.current.authorize(window));
    await advance();
    expect(result.current.state).toMatchObject({ status: 'error', method: 'popup', code: 'popup_blocked' });
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'popup_blocked' }));
    act(() => result.current.reset());
    expect(result.current.state).toEqual({ status: 'idle' });
  });

  it('with a controlled authorization, reads authorized from it, for the current hash only', () => {
    const authorization = { grantId: 'g', storeHash: 'abc123' };
    const { result, rerender, initial } = renderAuthorization({ authorization });
    expect(result.current.state).toEqual({ status: 'authorized', authorization });
    rerender({ ...initial, authorization, storeHash: 'xyz789' });
    expect(result.current.state).toEqual({ status: 'idle' });
    rerender({ ...initial, authorization: null });
    expect(result.current.state).toEqual({ status: 'idle' });
  });

  it('ignores the outcome of an attempt a newer one replaced', async () => {
    const popups = installFakePopups();
    const onAuthorized = vi.fn();
    const { result, adapter } = renderAuthorization({ onAuthorized });
    act(() => result.current.authorize(window));
    await advance();
    const first = attemptId(adapter);
    // The popup is gone (focus fails), so the next click starts a second attempt.
    popups.last.closed = true;
    act(() => result.current.authorize(window));
    await advance();
    expect(popups.open).toHaveBeenCalledTimes(2);
    adapter.resolveAuthorization(first, { status: 'authorized', grantId: 'old', storeHash: 'abc123' });
    await returnToOpener();
    expect(onAuthorized).not.toHaveBeenCalled();
    expect(result.current.status).toBe('waiting');
  });

  describe('the link flow', () => {
    it('where ClipboardItem exists (Safari), starts the clipboard write inside the click with the URL to come', async () => {
      installFakePopups();
      const written: Array<Promise<Blob>> = [];
      class FakeClipboardItem {
        constructor(items: Record<string, Promise<Blob>>) {
          const text = items['text/plain'];
          if (text) written.push(text);
        }
      }
      const write = vi.fn(async () => {});
      const writeText = vi.fn(async () => {});
      vi.stubGlobal('ClipboardItem', FakeClipboardItem);
      Object.defineProperty(window.navigator, 'clipboard', { configurable: true, value: { write, writeText } });
      try {
        const { result, adapter } = renderAuthorization();
        act(() => result.current.copyLink(window));
        // Synchronously, before the server answered.
        expect(write).toHaveBeenCalledTimes(1);
        expect(adapter.attempts).toHaveLength(1);
        await advance();
        const blob = await written[0];
        expect(await blob?.text()).toContain(`attempt=${attemptId(adapter)}`);
        expect(writeText).not.toHaveBeenCalled();
        expect(result.current.state).toMatchObject({ status: 'waiting', method: 'link', copied: true });
      } finally {
        vi.unstubAllGlobals();
        Reflect.deleteProperty(window.navigator, 'clipboard');
      }
    });

    it('falls back to writeText when the ClipboardItem write is refused, then to the visible field', async () => {
      vi.stubGlobal('ClipboardItem', class {});
      const write = vi.fn(async () => {
        throw new Error('NotAllowedError');
      });
      const writeText = vi.fn(async () => {
        throw new Error('NotAllowedError');
      });
      Object.defineProperty(window.navigator, 'clipboard', { configurable: true, value: { write, writeText } });
      try {
        const { result } = renderAuthorization();
        act(() => result.current.copyLink(window));
        await advance();
        expect(writeText).toHaveBeenCalledTimes(1);
        expect(result.current.state).toMatchObject({ status: 'waiting', method: 'link', copied: false });
      } finally {
        vi.unstubAllGlobals();
        Reflect.deleteProperty(window.navigator, 'clipboard');
      }
    });

    it('copying again reuses the same attempt', async () => {
      const writeText = vi.fn(async () => {});
      Object.defineProperty(window.navigator, 'clipboard', { configurable: true, value: { writeText } });
      try {
        const { result, adapter } = renderAuthorization();
        act(() => result.current.copyLink(window));
        await advance();
        act(() => result.current.copyLink(window));
        await advance();
        expect(adapter.attempts).toHaveLength(1);
        expect(writeText).toHaveBeenCalledTimes(2);
        expect(writeText.mock.calls[1]).toEqual(writeText.mock.calls[0]);
      } finally {
        Reflect.deleteProperty(window.navigator, 'clipboard');
      }
    });

    it('a failing beginAuthorization ends in adapter_error', async () => {
      const { result } = renderAuthorization({}, createMemoryAdapter({ fail: { beginAuthorization: true } }));
      act(() => result.current.copyLink(window));
      await advance();
      expect(result.current.state).toMatchObject({ status: 'error', method: 'link', code: 'adapter_error' });
    });
  });
});
