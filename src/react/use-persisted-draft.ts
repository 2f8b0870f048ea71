import { useEffect, useState } from 'react';
import { type ConnectionDraft, type DraftDefaults, fromStoredDraft, STEP_IDS, type StepId, toStoredDraft } from '../core/draft';
import type { ReadableStore } from './store';
import { useLatestCallback } from './use-latest-callback';

/** Where `persistDraft` keeps the draft. */
export interface PersistDraftOptions {
  /**
   * Storage key. Give each wizard on a page its own key, or they resume each other's drafts.
   * @default 'rcw:connection-wizard:draft'
   */
  key?: string;
  /** @default the window's `localStorage` (when it is reachable) */
  storage?: Storage;
}

export const DEFAULT_DRAFT_STORAGE_KEY = 'rcw:connection-wizard:draft';

/** What is written: the draft without secrets (`toStoredDraft`) and the step the user was on. */
interface StoredWizard {
  v: 1;
  step: StepId;
  draft: DraftDefaults;
}

export interface RestoredDraft {
  draft: DraftDefaults;
  step: StepId | undefined;
}

export interface UsePersistedDraftParams {
  /** The wizard's `persistDraft` prop: off when falsy. */
  options: boolean | PersistDraftOptions | undefined;
  draft: ConnectionDraft;
  /** The live draft when `draft` may lag behind it: its changes are written too. */
  live?: ReadableStore<ConnectionDraft>;
  step: StepId;
  /** False for a pristine or completed draft: the stored copy is removed instead of written. */
  shouldStore: boolean;
  /** Called once, after mount, with what a previous page left. */
  onRestore: (restored: RestoredDraft) => void;
}

/**
 * Runs `use` on `storage`, else the window's `localStorage`; does nothing when storage is unreachable or throws:
 * reading `localStorage` throws in sandboxed iframes and with cookies blocked, writing when the quota is exceeded.
 * Persistence is a convenience, the wizard keeps working.
 */
function withStorage<T>(storage: Storage | undefined, use: (storage: Storage) => T): T | undefined {
  try {
    return use(storage ?? window.localStorage);
  } catch {
    return undefined;
  }
}

/**
 * Keeps the wizard's draft in `Storage` so a reload resumes it. Only what `toStoredDraft` keeps is written: never
 * a credential value, a secret or a grant id. Reading happens in an effect (after hydration, never on the server).
 *
 * @example
 * usePersistedDraft({ options: { key: 'acme:wizard' }, draft, step, shouldStore: dirty, onRestore });
 */
export function usePersistedDraft({ options, draft, live, step, shouldStore, onRestore }: UsePersistedDraftParams): void {
  const settings = options === true ? {} : options || undefined;
  const key = settings && (settings.key ?? DEFAULT_DRAFT_STORAGE_KEY);
  const storage = settings?.storage;
  const restore = useLatestCallback(onRestore);
  // Writing waits for the first read, or the pristine draft would overwrite what the last page left. (StrictMode's
  // second effect run may read again: restoring the same draft twice changes nothing.)
  const [readKey, setReadKey] = useState<string | undefined>(undefined);

  useEffect(() => {
    if (key === undefined || readKey === key) return;
    // Storage is user-controlled input: `fromStoredDraft` keeps only known string/number fields.
    const stored = withStorage<Partial<StoredWizard> | null>(storage, (target) => JSON.parse(target.getItem(key) ?? 'null'));
    const restored = fromStoredDraft(stored?.draft);
    if (restored) restore({ draft: restored, step: STEP_IDS.find((id) => id === stored?.step) });
    setReadKey(key);
  }, [key, readKey, storage, restore]);

  const write = useLatestCallback(() => {
    if (key === undefined || readKey !== key) return;
    withStorage(storage, (target) => {
      if (!shouldStore) return target.removeItem(key);
      target.setItem(key, JSON.stringify({ v: 1, step, draft: toStoredDraft(live ? live.get() : draft) } satisfies StoredWizard));
    });
  });
  // biome-ignore lint/correctness/useExhaustiveDependencies: `write` reads them; a change of any of them writes.
  useEffect(write, [key, readKey, storage, shouldStore, draft, step, write]);
  useEffect(() => live?.subscribe(write), [live, write]);
}
